package dev.inlet.security;

/** Unix timestamps in signature headers and the replay window around them. */
final class Timestamps {
    private Timestamps() {}

    /** The seconds in {@code text}, 1 to 15 ASCII digits; -1 for anything else. */
    static long parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 15) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    static boolean within(long timestamp, long now, long toleranceSeconds) {
        return Math.abs(now - timestamp) <= toleranceSeconds;
    }
}
