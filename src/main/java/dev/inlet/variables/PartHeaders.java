package dev.inlet.variables;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;

/**
 * The header block of one multipart part, read and checked as {@link MultipartParser} describes,
 * and what it says of the part: its field name, whether it is a file part, its filename and
 * Content-Type, and the charset of a text part's bytes.
 */
final class PartHeaders {
    /** The index after the empty line that ends the block: where the part's content starts. */
    final int end;

    final String name;
    /** The name's length in UTF-8 bytes. */
    final int nameBytes;
    /** Null for a part without one. */
    final String filename;
    /** As sent, null when the part has none. */
    final String contentType;
    /** Whether the part's bytes are not text: it has a filename, or a Content-Type that is not text. */
    final boolean file;
    /** The charset of a text part's bytes; null for a file part. */
    final Charset charset;

    private PartHeaders(int end, String name, String filename, String contentType, boolean file, Charset charset) {
        this.end = end;
        this.name = name;
        this.nameBytes = utf8Length(name);
        this.filename = filename;
        this.contentType = contentType;
        this.file = file;
        this.charset = charset;
    }

    /**
     * Reads the header block of part number {@code part} from {@code start}, through the empty line
     * that ends it.
     *
     * @throws MalformedPayloadException naming the part and a byte offset
     */
    static PartHeaders read(byte[] body, int start, int part) {
        Lines lines = new Lines(body, part);
        int limit = Math.min(body.length, start + Parsers.MAX_PART_HEADER_BYTES);
        int i = start;
        while (!(i + 1 < limit && body[i] == '\r' && body[i + 1] == '\n')) {
            if (i < limit && (body[i] == ' ' || body[i] == '\t')) {
                throw problem(part, "folded header line", i);
            }
            int end = lines.end(i, limit);
            lines.header(i, end);
            i = end + 2;
        }
        return interpret(lines, i + 2, part, start);
    }

    private static PartHeaders interpret(Lines lines, int end, int part, int at) {
        if (lines.disposition == null) {
            throw problem(part, "no Content-Disposition", at);
        }
        HeaderValue disposition = HeaderValue.parse(lines.disposition, "part " + part + " Content-Disposition");
        if (!disposition.type().equals("form-data")) {
            throw problem(part, "Content-Disposition is not form-data", at);
        }
        String name = disposition.parameter("name");
        if (name == null) {
            throw problem(part, "no name in Content-Disposition", at);
        }
        if (utf8Length(name) > Parsers.MAX_FIELD_NAME_BYTES) {
            throw problem(part, "field name longer than " + Parsers.MAX_FIELD_NAME_BYTES + " bytes", at);
        }
        String filename = filename(disposition, part, at);
        HeaderValue type = lines.contentType == null
                ? null
                : HeaderValue.parse(lines.contentType, "part " + part + " Content-Type");
        boolean file = filename != null || !textual(type);
        return new PartHeaders(end, name, filename, lines.contentType, file, file ? null : charset(type, part, at));
    }

    /** The part's filename, RFC 5987's {@code filename*} first; null for a part without. */
    private static String filename(HeaderValue disposition, int part, int at) {
        String extended = disposition.parameter("filename*");
        if (extended == null) {
            return disposition.parameter("filename");
        }
        int quote = extended.indexOf('\'');
        int language = quote < 0 ? -1 : extended.indexOf('\'', quote + 1);
        if (language < 0 || !extended.substring(0, quote).equalsIgnoreCase("utf-8")) {
            throw problem(part, "filename* is not UTF-8''...", at);
        }
        String decoded = FormParser.decodeComponent(extended.substring(language + 1));
        if (decoded == null) {
            throw problem(part, "filename* is not percent-encoded UTF-8", at);
        }
        return decoded;
    }

    /** Whether a part of this Content-Type is text: none, text/*, JSON, XML or a form. */
    private static boolean textual(HeaderValue type) {
        if (type == null) {
            return true;
        }
        String t = type.type();
        return t.startsWith("text/")
                || t.equals("application/json")
                || t.endsWith("+json")
                || t.equals("application/xml")
                || t.endsWith("+xml")
                || t.equals("application/x-www-form-urlencoded");
    }

    /** The charset of a text part: UTF-8 unless its Content-Type names another one Java knows. */
    private static Charset charset(HeaderValue type, int part, int at) {
        String name = type == null ? null : type.parameter("charset");
        if (name == null || name.equalsIgnoreCase("utf-8") || name.equalsIgnoreCase("us-ascii")) {
            return StandardCharsets.UTF_8;
        }
        Charset charset;
        try {
            charset = Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw problem(part, "unknown charset", at);
        }
        // Only for such a charset is the decoded length bounded by the byte length.
        if (charset.newDecoder().maxCharsPerByte() > 1) {
            throw problem(part, "unsupported charset", at);
        }
        return charset;
    }

    private static int utf8Length(String s) {
        int bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            // A surrogate pair is four bytes, two per half.
            bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }

    /** A reason naming the part by its number and a byte offset, never a payload byte. */
    static MalformedPayloadException problem(int part, String reason, int offset) {
        return new MalformedPayloadException("part " + part + ": " + reason + " at byte " + offset);
    }

    /** The header lines of one block as they are read, and the two headers kept of them. */
    private static final class Lines {
        final byte[] body;
        final int part;
        String disposition;
        String contentType;

        Lines(byte[] body, int part) {
            this.body = body;
            this.part = part;
        }

        /** The index of the CRLF ending the header line from {@code start}, checking its bytes. */
        int end(int start, int limit) {
            int state = 0;
            for (int i = start; i < limit; i++) {
                int b = body[i] & 0xff;
                if (b == '\r' && i + 1 < limit) {
                    if (body[i + 1] != '\n') {
                        throw problem(part, "header line not ended by CRLF", i);
                    }
                    if (state != 0) {
                        throw problem(part, "invalid UTF-8", i);
                    }
                    return i;
                }
                if (b == '\n' || b == '\r') {
                    throw problem(part, "header line not ended by CRLF", i);
                }
                if (b < 0x20 && b != '\t' || b == 0x7f) {
                    throw problem(part, "control character in a header", i);
                }
                state = Utf8.next(state, b);
                if (state < 0) {
                    throw problem(part, "invalid UTF-8", i);
                }
            }
            if (limit < body.length) {
                throw problem(part, "header block longer than " + Parsers.MAX_PART_HEADER_BYTES + " bytes", start);
            }
            throw problem(part, "body ends in the part's headers", body.length);
        }

        /** Reads the header line from {@code start} to {@code end}, keeping the two headers read. */
        void header(int start, int end) {
            int colon = start;
            while (colon < end && HeaderValue.isToken((char) body[colon])) {
                colon++;
            }
            if (colon == start || colon == end || body[colon] != ':') {
                throw problem(part, "malformed header line", start);
            }
            String name = new String(body, start, colon - start, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
            String value = new String(body, colon + 1, end - colon - 1, StandardCharsets.UTF_8).strip();
            if (name.equals("content-disposition")) {
                if (disposition != null) {
                    throw problem(part, "repeated Content-Disposition", start);
                }
                disposition = value;
            } else if (name.equals("content-type")) {
                if (contentType != null) {
                    throw problem(part, "repeated Content-Type", start);
                }
                contentType = value;
            }
        }
    }
}
