package dev.inlet.variables;

/** Escapes text as the content of a JSON string (RFC 8259, section 7). */
public final class JsonText {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonText() {
    }

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

    private static boolean needsEscape(char c) {
        return c == '"' || c == '\\' || c < 0x20;
    }
}
