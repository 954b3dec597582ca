package dev.inlet.variables;

/** Escapes text as the content of a JSON string (RFC 8259, section 7). */
public final class JsonText {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /** The most bytes {@link #escapeUtf8} writes for one char: a control char's six-byte escape. */
    public static final int MAX_BYTES_PER_CHAR = 6;

    private JsonText() {}

    /** Appends {@code value} escaped, without the surrounding quotes. */
    public static void escape(String value, StringBuilder out) {
        int clean = 0;
        while (clean < value.length() && !needsEscape(value.charAt(clean))) {
            clean++;
        }
        // Most values need no escape at all: append them whole.
        out.append(value, 0, clean);
        for (int i = clean; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
            } else {
                out.append(c);
            }
        }
    }

    /**
     * Writes {@code value} escaped, without the surrounding quotes, as UTF-8 into {@code out} from
     * {@code at}, which must have room for {@code value.length() * MAX_BYTES_PER_CHAR} bytes; the
     * result is the position after the last byte written. The bytes are those of
     * {@code escape(value)} in UTF-8, with {@code lowerCase} those of {@code escape} of the value
     * with each char lower-cased (for header names, whose chars are Latin-1).
     */
    public static int escapeUtf8(String value, boolean lowerCase, byte[] out, int at) {
        int n = at;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (lowerCase) {
                c = Character.toLowerCase(c);
            }
            if (c < 0x80) {
                if (c == '"' || c == '\\') {
                    out[n++] = '\\';
                    out[n++] = (byte) c;
                } else if (c < 0x20) {
                    out[n++] = '\\';
                    out[n++] = 'u';
                    out[n++] = '0';
                    out[n++] = '0';
                    out[n++] = (byte) HEX[c >> 4];
                    out[n++] = (byte) HEX[c & 0xf];
                } else {
                    out[n++] = (byte) c;
                }
            } else if (c < 0x800) {
                out[n++] = (byte) (0xC0 | (c >> 6));
                out[n++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, value.charAt(++i));
                out[n++] = (byte) (0xF0 | (cp >> 18));
                out[n++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                out[n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                out[n++] = (byte) (0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                out[n++] = '?'; // as String.getBytes(UTF_8) does with a lone surrogate
            } else {
                out[n++] = (byte) (0xE0 | (c >> 12));
                out[n++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[n++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return n;
    }

    private static boolean needsEscape(char c) {
        return c == '"' || c == '\\' || c < 0x20;
    }
}
