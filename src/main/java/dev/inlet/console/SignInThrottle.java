package dev.inlet.console;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Slows guessing the admin token through the console: per client address, after {@link #FAILURES}
 * failed sign-ins within one clock minute every sign-in from it is refused until that minute ends.
 * At most {@link #MAX_ADDRESSES} addresses are tracked; past that (after forgetting those of past
 * minutes) the new ones share one budget, so a flood of addresses cannot grow memory nor buy more
 * guesses. Thread-safe.
 */
final class SignInThrottle {
    static final int FAILURES = 5;
    static final int MAX_ADDRESSES = 4096;
    private static final String OVERFLOW = "*";

    /** The minute (epoch minutes) and how many sign-ins failed in it. */
    private record Window(long minute, int failures) {}

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    SignInThrottle(LongSupplier clock) {
        this.clock = clock;
    }

    /** Seconds until {@code address} may try again; 0 when it may now. */
    long retryAfterSeconds(String address) {
        long now = clock.getAsLong();
        Window w = windows.get(windows.containsKey(address) ? address : tracked(address, now));
        if (w == null || w.minute() != now / 60_000 || w.failures() < FAILURES) {
            return 0;
        }
        return Math.max(1, ((w.minute() + 1) * 60_000 - now + 999) / 1000);
    }

    void failed(String address) {
        long now = clock.getAsLong();
        long minute = now / 60_000;
        windows.compute(
                tracked(address, now),
                (k, w) -> w == null || w.minute() != minute
                        ? new Window(minute, 1)
                        : new Window(minute, Math.min(w.failures() + 1, FAILURES)));
    }

    /** The key {@code address} counts under: itself while there is room, else the shared one. */
    private String tracked(String address, long now) {
        if (windows.containsKey(address) || windows.size() < MAX_ADDRESSES) {
            return address;
        }
        long minute = now / 60_000;
        windows.values().removeIf(w -> w.minute() != minute);
        return windows.size() < MAX_ADDRESSES ? address : OVERFLOW;
    }
}
