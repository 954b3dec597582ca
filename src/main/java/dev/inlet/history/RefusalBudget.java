package dev.inlet.history;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * How many refusals (and handshakes) each endpoint may still record in the current second, for the
 * whole process: an attacker's flood of bad requests fills no more of Redis than {@code
 * history.refusals} records a second per endpoint and process, and the rest are counted ({@link
 * #notRecorded}) and added to the endpoint's {@code unrecorded} counter by {@link History}'s pass.
 * Thread-safe: every event loop of the process shares it. Its maps hold one entry per configured
 * endpoint that refused, so they are bounded by the configuration.
 */
public final class RefusalBudget {
    private static final int COUNT_BITS = 24;
    private static final long COUNT_MASK = (1L << COUNT_BITS) - 1;

    private final LongSupplier epochSeconds;
    /** Per endpoint: the second (high bits) and how many were recorded in it (low bits). */
    private final Map<String, AtomicLong> windows = new ConcurrentHashMap<>();

    private final Map<String, LongAdder> unrecorded = new ConcurrentHashMap<>();

    public RefusalBudget(LongSupplier epochSeconds) {
        this.epochSeconds = epochSeconds;
    }

    public static RefusalBudget system() {
        return new RefusalBudget(() -> System.currentTimeMillis() / 1000);
    }

    /** Whether one more refusal of {@code endpoint} may be recorded now, at most {@code perSecond} a second; spends it. */
    public boolean take(String endpoint, long perSecond) {
        if (perSecond <= 0) {
            return false;
        }
        long now = epochSeconds.getAsLong();
        AtomicLong window = windows.computeIfAbsent(endpoint, e -> new AtomicLong());
        while (true) {
            long state = window.get();
            long second = state >>> COUNT_BITS;
            long count = second == now ? state & COUNT_MASK : 0;
            if (count >= perSecond) {
                return false;
            }
            if (window.compareAndSet(state, (now << COUNT_BITS) | (count + 1))) {
                return true;
            }
        }
    }

    /** Counts a record of {@code endpoint} that was not kept. */
    public void notRecorded(String endpoint) {
        notRecorded(endpoint, 1);
    }

    /** Counts {@code n} records of {@code endpoint} that were not kept. */
    public void notRecorded(String endpoint, long n) {
        unrecorded.computeIfAbsent(endpoint, e -> new LongAdder()).add(n);
    }

    /** The counts not yet written, per endpoint, each reset as it is read. */
    Map<String, Long> drainUnrecorded() {
        Map<String, Long> out = new HashMap<>();
        unrecorded.forEach((endpoint, adder) -> {
            long n = adder.sumThenReset();
            if (n > 0) {
                out.put(endpoint, n);
            }
        });
        return out;
    }
}
