package dev.inlet.security;

import dev.inlet.config.TimestampUnit;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/** Signed timestamps, in the units senders write them, and the replay window around them. */
final class Timestamps {
    /** What {@link #parse} returns for text that is not a timestamp. */
    static final long INVALID = Long.MIN_VALUE;

    private static final int MAX_ISO_LENGTH = 40;

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

    /** The Unix seconds {@code text} says in {@code unit}; {@link #INVALID} for anything else. */
    static long parse(String text, TimestampUnit unit) {
        switch (unit) {
            case SECONDS -> {
                long seconds = parse(text);
                return seconds < 0 ? INVALID : seconds;
            }
            case MILLISECONDS -> {
                long millis = parse(text);
                return millis < 0 ? INVALID : millis / 1000;
            }
            default -> {
                if (text == null || text.isEmpty() || text.length() > MAX_ISO_LENGTH) {
                    return INVALID;
                }
                try {
                    return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                            .toEpochSecond();
                } catch (DateTimeException notIso) {
                    return INVALID;
                }
            }
        }
    }

    static boolean within(long timestamp, long now, long toleranceSeconds) {
        return Math.abs(now - timestamp) <= toleranceSeconds;
    }
}
