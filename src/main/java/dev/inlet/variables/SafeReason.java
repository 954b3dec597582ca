package dev.inlet.variables;

/**
 * Turns a parser's message into a short reason that is safe to return to a webhook sender and
 * to log: first line only, printable ASCII, long words cut to a few characters so the payload is
 * never echoed back, and a bounded total length.
 */
final class SafeReason {

    private static final int MAX_WORD = 16;
    private static final int MAX_LENGTH = 120;

    private SafeReason() {}

    /** The reason with its position, e.g. {@code unexpected end of input at line 1, column 14}. */
    static String at(String message, long line, long column) {
        String reason = clean(message);
        return line > 0 ? reason + " at line " + line + ", column " + column : reason;
    }

    static String clean(String message) {
        if (message == null || message.isBlank()) {
            return "malformed input";
        }
        int newline = message.indexOf('\n');
        String firstLine = newline >= 0 ? message.substring(0, newline) : message;
        StringBuilder out = new StringBuilder(Math.min(firstLine.length(), MAX_LENGTH));
        int word = 0;
        for (int i = 0; i < firstLine.length() && out.length() < MAX_LENGTH; i++) {
            char c = firstLine.charAt(i);
            if (c == ' ') {
                word = 0;
                out.append(c);
                continue;
            }
            word++;
            if (word <= MAX_WORD) {
                out.append(c >= 0x20 && c < 0x7f ? c : '?');
            } else if (word == MAX_WORD + 1) {
                out.append("...");
            }
        }
        String reason = out.toString().strip();
        while ((reason.endsWith(".") && !reason.endsWith("...")) || reason.endsWith(":")) {
            reason = reason.substring(0, reason.length() - 1);
        }
        return reason.isEmpty() ? "malformed input" : reason;
    }
}
