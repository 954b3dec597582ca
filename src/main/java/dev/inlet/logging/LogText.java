package dev.inlet.logging;

/**
 * Text that goes into a log line, made unable to forge lines or drive a terminal: every control
 * character (C0, DEL, C1) and the Unicode line and paragraph separators (U+2028, U+2029) become a
 * visible escape ({@code \n}, {@code \r}, {@code \t}, else {@code \}{@code uXXXX}). Senders control
 * much of what Inlet logs (header values, variables a {@code log} action names, messages of the
 * libraries that read their requests), so the text log layout passes every message and exception
 * message through here: this is the one place that does it.
 */
public final class LogText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private LogText() {}

    /** Whether {@code c} must not reach a log line as it is. */
    public static boolean isControl(char c) {
        return c < 0x20 || c >= 0x7f && c <= 0x9f || c == '\u2028' || c == '\u2029';
    }

    /** {@code text} with every control character escaped; the same instance when it has none. */
    public static String escape(String text) {
        if (text == null) {
            return null;
        }
        int first = 0;
        while (first < text.length() && !isControl(text.charAt(first))) {
            first++;
        }
        if (first == text.length()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isControl(c)) {
                out.append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else {
                out.append("\\u")
                        .append(HEX[c >> 12 & 0xf])
                        .append(HEX[c >> 8 & 0xf])
                        .append(HEX[c >> 4 & 0xf])
                        .append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }
}
