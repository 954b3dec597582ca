package dev.inlet.variables;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A single-pass scanner of {@code multipart/form-data} bodies (RFC 7578 over RFC 2046's
 * delimiters), over the body array in place: a part's content is never copied to be found or
 * checked.
 *
 * <ul>
 *   <li>The boundary is the Content-Type's {@code boundary} parameter: 1 to 70 characters of RFC
 *       2046's {@code bchars}, not ending in a space, quoted when it holds a character a token
 *       cannot; without a valid one the body cannot be read and is refused.</li>
 *   <li>The preamble before the first delimiter and the epilogue after the closing one are
 *       ignored. A delimiter is {@code --boundary} at the start of the body or after a CRLF,
 *       followed by spaces or tabs and a CRLF, or by {@code --} for the closing one, which is
 *       required: a body that ends without it is truncated. {@code --boundary} followed by
 *       anything else is part content.</li>
 *   <li>Part headers ({@link PartHeaders}) are lines ended by CRLF (a bare CR or LF is refused),
 *       with no folded line (a line starting with a space or tab is refused), no control
 *       character, strict UTF-8, at most {@link Parsers#MAX_PART_HEADER_BYTES} for the block.
 *       A part may end at its headers, without content (RFC 2046). Each part needs one
 *       {@code Content-Disposition: form-data; name="…"}; {@code filename} (or RFC 5987's
 *       {@code filename*=UTF-8''…}) makes it a file part. At most one Content-Type; other headers
 *       are ignored, Content-Transfer-Encoding included (RFC 7578 deprecates it: bytes are taken
 *       as they are).</li>
 *   <li>A part is a <b>file part</b> when it has a filename, or a Content-Type that is not text
 *       ({@code text/*}, JSON, XML or a form): its bytes are not read at all. A nested
 *       {@code multipart/mixed} (RFC 2388's several files under one name) is such a part: kept
 *       as raw bytes, never parsed, so nesting costs nothing. Any other part is a <b>text
 *       part</b>: strict UTF-8 unless its Content-Type names another charset Java knows (decoded
 *       from it then), at most {@link Parsers#MAX_FIELD_VALUE_BYTES}.</li>
 *   <li>Limits: {@link Parsers#MAX_PARTS} parts, names of {@link Parsers#MAX_FIELD_NAME_BYTES}
 *       in UTF-8, {@link Parsers#MAX_FIELDS_TEXT_BYTES} of names and text together.</li>
 * </ul>
 *
 * <p>Reasons are fixed texts naming the part by its number and a byte offset; no payload byte is
 * ever quoted. Thread-safe. Finding a delimiter costs at most the boundary's length per byte.
 */
final class MultipartParser {

    /** RFC 2046 bchars besides letters and digits; the space may not end a boundary. */
    private static final String BOUNDARY_PUNCTUATION = "'()+_,-./:=? ";

    private static final int MAX_BOUNDARY = 70;

    private MultipartParser() {}

    /**
     * The boundary a multipart/form-data Content-Type names.
     *
     * @throws MalformedPayloadException when it is absent, not multipart/form-data, or the
     *     boundary is missing or not one RFC 2046 allows
     */
    static String boundary(String contentType) {
        if (contentType == null) {
            throw new MalformedPayloadException("no Content-Type: a multipart body needs its boundary");
        }
        HeaderValue value = HeaderValue.parse(contentType, "Content-Type");
        if (!value.type().equals("multipart/form-data")) {
            throw new MalformedPayloadException("Content-Type is not multipart/form-data");
        }
        String boundary = value.parameter("boundary");
        if (boundary == null) {
            throw new MalformedPayloadException("no boundary parameter in the Content-Type");
        }
        if (!validBoundary(boundary)) {
            throw new MalformedPayloadException(
                    "invalid boundary in the Content-Type: 1 to 70 letters, digits or '()+_,-./:=? not ending in a space");
        }
        return boundary;
    }

    /** The media type of a checked body: {@code multipart/form-data} with its boundary, quoted. */
    static String mediaType(String contentType) {
        return "multipart/form-data; boundary=\"" + boundary(contentType) + "\"";
    }

    /**
     * Returns when the body is well-formed multipart/form-data within the limits.
     *
     * @throws MalformedPayloadException with a reason safe to return to the sender, otherwise
     */
    static void check(byte[] body, String contentType) {
        new Scan(body, boundary(contentType), null).run();
    }

    /**
     * The parts of a multipart body in order: text parts with their content left in the body,
     * file parts described.
     *
     * @throws MalformedPayloadException when the body is not well-formed within the limits
     */
    static List<BodyField> fields(byte[] body, String contentType) {
        List<BodyField> fields = new ArrayList<>();
        new Scan(body, boundary(contentType), fields).run();
        return fields;
    }

    private static boolean validBoundary(String boundary) {
        if (boundary.isEmpty() || boundary.length() > MAX_BOUNDARY || boundary.endsWith(" ")) {
            return false;
        }
        for (int i = 0; i < boundary.length(); i++) {
            char c = boundary.charAt(i);
            boolean alnum = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
            if (!alnum && BOUNDARY_PUNCTUATION.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** One walk through one body. */
    private static final class Scan {
        private final byte[] body;
        /** {@code --boundary}, ASCII. */
        private final byte[] dashBoundary;

        private final List<BodyField> out;
        private int parts;
        private long text;

        Scan(byte[] body, String boundary, List<BodyField> out) {
            this.body = body;
            this.dashBoundary = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
            this.out = out;
        }

        void run() {
            int at = dashBoundaryAt(0) ? dashBoundary.length : -1;
            if (at < 0 || !delimiterEnds(at)) {
                int delimiter = nextDelimiter(0);
                if (delimiter < 0) {
                    throw new MalformedPayloadException("no boundary delimiter in the body");
                }
                at = delimiter + 2 + dashBoundary.length;
            }
            while (!closes(at)) {
                at = skipPadding(at) + 2;
                if (++parts > Parsers.MAX_PARTS) {
                    throw problem("more than " + Parsers.MAX_PARTS + " parts", at);
                }
                PartHeaders headers = PartHeaders.read(body, at, parts);
                // The CRLF of the empty line that ends the headers may be the next delimiter's own:
                // a part without content (RFC 2046's body-part is headers [CRLF *OCTET]).
                int delimiter = nextDelimiter(headers.end - 2);
                if (delimiter < 0) {
                    throw problem("no closing boundary delimiter after it", headers.end);
                }
                part(headers, Math.min(headers.end, delimiter), delimiter);
                at = delimiter + 2 + dashBoundary.length;
            }
            // The rest, from "--" on, is the epilogue: ignored.
        }

        /** Whether the delimiter that ends at {@code at} is the closing one. */
        private boolean closes(int at) {
            return at + 1 < body.length && body[at] == '-' && body[at + 1] == '-';
        }

        private boolean dashBoundaryAt(int i) {
            if (i + dashBoundary.length > body.length) {
                return false;
            }
            for (int k = 0; k < dashBoundary.length; k++) {
                if (body[i + k] != dashBoundary[k]) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Whether what follows {@code --boundary} at {@code at} makes it a delimiter: {@code --},
         * or padding and CRLF.
         */
        private boolean delimiterEnds(int at) {
            if (closes(at)) {
                return true;
            }
            int i = skipPadding(at);
            return i + 1 < body.length && body[i] == '\r' && body[i + 1] == '\n';
        }

        private int skipPadding(int at) {
            int i = at;
            while (i < body.length && (body[i] == ' ' || body[i] == '\t')) {
                i++;
            }
            return i;
        }

        /** The index of the CRLF that starts the next delimiter from {@code from}, or -1. */
        private int nextDelimiter(int from) {
            int last = body.length - dashBoundary.length - 2;
            for (int i = from; i <= last; i++) {
                if (body[i] == '\r'
                        && body[i + 1] == '\n'
                        && dashBoundaryAt(i + 2)
                        && delimiterEnds(i + 2 + dashBoundary.length)) {
                    return i;
                }
            }
            return -1;
        }

        /** Checks the part whose content runs from {@code start} to {@code end} and adds its field. */
        private void part(PartHeaders headers, int start, int end) {
            text += headers.nameBytes;
            if (headers.file) {
                if (out != null) {
                    out.add(new BodyField.File(
                            headers.name,
                            headers.filename == null ? "" : headers.filename,
                            headers.contentType == null ? "" : headers.contentType,
                            end - start));
                }
            } else {
                if (end - start > Parsers.MAX_FIELD_VALUE_BYTES) {
                    throw problem("text longer than " + Parsers.MAX_FIELD_VALUE_BYTES + " bytes", start);
                }
                text += end - start;
                int chars = headers.charset == StandardCharsets.UTF_8 ? utf8Chars(start, end) : end - start;
                if (out != null) {
                    out.add(new BodyField.Text(headers.name, start, end, chars, headers.charset));
                }
            }
            if (text > Parsers.MAX_FIELDS_TEXT_BYTES) {
                throw problem("names and text longer than " + Parsers.MAX_FIELDS_TEXT_BYTES + " bytes", start);
            }
        }

        /** The UTF-16 length of the text from {@code start} to {@code end}, which must be strict UTF-8. */
        private int utf8Chars(int start, int end) {
            int chars = 0;
            for (int i = start; i < end; ) {
                int size = body[i] >= 0 ? 1 : Utf8.sequenceLength(body, i);
                if (size < 0 || i + size > end) {
                    throw problem("invalid UTF-8", i);
                }
                chars += size == 4 ? 2 : 1;
                i += size;
            }
            return chars;
        }

        private MalformedPayloadException problem(String reason, int offset) {
            return PartHeaders.problem(Math.max(parts, 1), reason, offset);
        }
    }
}
