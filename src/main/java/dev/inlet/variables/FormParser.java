package dev.inlet.variables;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A single-pass scanner of {@code application/x-www-form-urlencoded} bodies (the WHATWG URL
 * standard's form encoding), strict where that standard is lenient, within the limits of
 * {@link Parsers}.
 *
 * <ul>
 *   <li>Fields are separated by {@code &}; a field's name runs to its first {@code =}, its value
 *       is the rest (further {@code =} included); a field without {@code =} has an empty value.
 *       Empty segments ({@code a=1&&b=2}, a leading or trailing {@code &}) are skipped.</li>
 *   <li>{@code +} is a space, as the form encoding says (a literal plus is sent as {@code %2B});
 *       {@code %XX} is the byte of two hex digits. A {@code %} not followed by two hex digits is
 *       refused, and so is a decoded name or value that is not strict UTF-8 (RFC 3629), whatever
 *       charset the Content-Type names: form senders encode UTF-8. Other bytes stand for
 *       themselves.</li>
 *   <li>Limits: {@link Parsers#MAX_FIELDS} fields, names of {@link Parsers#MAX_FIELD_NAME_BYTES},
 *       values of {@link Parsers#MAX_FIELD_VALUE_BYTES} and {@link Parsers#MAX_FIELDS_TEXT_BYTES} of
 *       names and values together, all in bytes once decoded. An empty body is a form without
 *       fields.</li>
 * </ul>
 *
 * <p>Reasons are fixed texts with the byte offset in the body; no payload byte is ever quoted.
 * Thread-safe; the check allocates nothing.
 */
final class FormParser {

    private FormParser() {}

    /**
     * Returns when the body is a well-formed form within the limits.
     *
     * @throws MalformedPayloadException with a reason safe to return to the sender, otherwise
     */
    static void check(byte[] body) {
        scan(body, null);
    }

    /**
     * The fields of a form body in order, names decoded, values left in the body.
     *
     * @throws MalformedPayloadException when the body is not a well-formed form within the limits
     */
    static List<BodyField> fields(byte[] body) {
        List<BodyField> fields = new ArrayList<>();
        read(body, fields::add);
        return fields;
    }

    /**
     * Reads form-encoded text field by field into {@code sink}, in order, names decoded, values
     * left in {@code text} ({@link BodyField.Text#value} decodes one). The same scanner and limits
     * as a body's, for any text in this encoding: a URL's query string too, given as the bytes it
     * was sent as, without the {@code ?}. {@link FieldFlattener#flatten} makes variables of the
     * fields, under a prefix such as {@code query.}.
     *
     * @throws MalformedPayloadException when the text is not well-formed within the limits; the
     *     sink may have taken the fields before the problem
     */
    static void read(byte[] text, Consumer<BodyField.Text> sink) {
        scan(text, Objects.requireNonNull(sink, "sink"));
    }

    /**
     * One percent-encoded component in which {@code +} is itself (RFC 5987's {@code ext-value}),
     * decoded; null when an escape or the UTF-8 it stands for is malformed.
     */
    static String decodeComponent(String text) {
        byte[] encoded = text.getBytes(StandardCharsets.UTF_8);
        try {
            measure(encoded, 0, encoded.length);
        } catch (MalformedPayloadException e) {
            return null;
        }
        return new String(decode(encoded, 0, encoded.length, false), StandardCharsets.UTF_8);
    }

    /** The bytes that the checked form text from {@code start} to {@code end} stands for. */
    static byte[] decode(byte[] body, int start, int end) {
        return decode(body, start, end, true);
    }

    private static byte[] decode(byte[] body, int start, int end, boolean plusIsSpace) {
        int length = 0;
        for (int i = start; i < end; i += body[i] == '%' ? 3 : 1) {
            length++;
        }
        byte[] out = new byte[length];
        int o = 0;
        for (int i = start; i < end; o++) {
            byte b = body[i];
            if (b == '%') {
                out[o] = (byte) (hex(body[i + 1]) << 4 | hex(body[i + 2]));
                i += 3;
            } else {
                out[o] = b == '+' && plusIsSpace ? (byte) ' ' : b;
                i++;
            }
        }
        return out;
    }

    /** Checks the body, and hands each field to {@code out} unless it is null (a check builds nothing). */
    private static void scan(byte[] body, Consumer<BodyField.Text> out) {
        int n = body.length;
        int fields = 0;
        long text = 0;
        for (int start = 0; start <= n; ) {
            int end = indexOf(body, (byte) '&', start, n);
            if (end > start) {
                if (++fields > Parsers.MAX_FIELDS) {
                    throw problem("more than " + Parsers.MAX_FIELDS + " fields", start);
                }
                int equals = indexOf(body, (byte) '=', start, end);
                int valueStart = equals < end ? equals + 1 : end;
                long name = measure(body, start, equals);
                if (bytes(name) > Parsers.MAX_FIELD_NAME_BYTES) {
                    throw problem("field name longer than " + Parsers.MAX_FIELD_NAME_BYTES + " bytes", start);
                }
                long value = measure(body, valueStart, end);
                if (bytes(value) > Parsers.MAX_FIELD_VALUE_BYTES) {
                    throw problem("field value longer than " + Parsers.MAX_FIELD_VALUE_BYTES + " bytes", valueStart);
                }
                text += bytes(name) + bytes(value);
                if (text > Parsers.MAX_FIELDS_TEXT_BYTES) {
                    throw problem("names and values longer than " + Parsers.MAX_FIELDS_TEXT_BYTES + " bytes", start);
                }
                if (out != null) {
                    String decoded = new String(decode(body, start, equals, true), StandardCharsets.UTF_8);
                    out.accept(new BodyField.Text(decoded, valueStart, end, chars(value), null));
                }
            }
            start = end + 1;
        }
    }

    /**
     * The decoded length of the text from {@code start} to {@code end}, bytes in the high half and
     * UTF-16 chars in the low half, once its escapes and UTF-8 are checked.
     */
    private static long measure(byte[] body, int start, int end) {
        int state = 0;
        long bytes = 0;
        long chars = 0;
        for (int i = start; i < end; bytes++) {
            int at = i;
            int b = body[i] & 0xff;
            if (b == '%') {
                int high = i + 1 < end ? hex(body[i + 1]) : -1;
                int low = i + 2 < end ? hex(body[i + 2]) : -1;
                if (high < 0 || low < 0) {
                    throw problem("invalid percent escape", i);
                }
                b = high << 4 | low;
                i += 3;
            } else {
                i++;
            }
            if (state == 0) {
                chars += Utf8.chars(b);
            }
            state = Utf8.next(state, b);
            if (state < 0) {
                throw problem("invalid UTF-8", at);
            }
        }
        if (state != 0) {
            throw problem("invalid UTF-8", end);
        }
        return bytes << 32 | chars;
    }

    private static int bytes(long measured) {
        return (int) (measured >>> 32);
    }

    private static int chars(long measured) {
        return (int) measured;
    }

    /** The value of an ASCII hex digit, else -1 (a byte is never a non-ASCII digit). */
    private static int hex(byte b) {
        return Character.digit(b, 16);
    }

    /** The index of the first {@code b} from {@code start}, or {@code end} when there is none before it. */
    private static int indexOf(byte[] body, byte b, int start, int end) {
        int i = start;
        while (i < end && body[i] != b) {
            i++;
        }
        return i;
    }

    private static MalformedPayloadException problem(String reason, int offset) {
        return new MalformedPayloadException(reason + " at byte " + offset);
    }
}
