package dev.inlet.variables;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One field of a form or multipart body as its parser found it: a name, decoded, and either a text
 * value, left in the body until it is asked for, or a file's description. Parsers make them only
 * for a body they checked, so decoding cannot fail.
 */
sealed interface BodyField permits BodyField.Text, BodyField.File {

    /** The field's name as the sender wrote it, decoded. */
    String name();

    /**
     * A text value: bytes {@code start} to {@code end} of the body, percent-encoded form text when
     * {@code charset} is null, else a multipart part's bytes in that charset.
     *
     * @param chars the UTF-16 length of the decoded value, or an upper bound of it for a charset
     *     other than UTF-8
     */
    record Text(String name, int start, int end, int chars, Charset charset) implements BodyField {

        /** The decoded value. */
        String value(byte[] body) {
            if (charset == null) {
                return new String(FormParser.decode(body, start, end), StandardCharsets.UTF_8);
            }
            return new String(body, start, end - start, charset);
        }

        /** The decoded value in UTF-8, a copy (for a field declared to hold JSON). */
        byte[] utf8(byte[] body) {
            if (charset == null) {
                return FormParser.decode(body, start, end);
            }
            if (charset.equals(StandardCharsets.UTF_8)) {
                return Arrays.copyOfRange(body, start, end);
            }
            return value(body).getBytes(StandardCharsets.UTF_8);
        }

        /** The value's length in the body, as sent. */
        int length() {
            return end - start;
        }
    }

    /**
     * A part whose bytes are not text (it has a filename, or a Content-Type that is not text): they
     * stay in the raw body, and only this description becomes variables.
     *
     * @param filename "" when the part has none
     * @param contentType the part's Content-Type as sent, "" when it has none
     * @param size the part's length in bytes
     */
    record File(String name, String filename, String contentType, int size) implements BodyField {}
}
