package dev.inlet.worker;

import dev.inlet.config.WorkersConfig;
import dev.inlet.queue.PermanentFailure;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongUnaryOperator;

/**
 * What follows a failed attempt at an event: a retry after a delay, or the dead-letter stream. A
 * {@link PermanentFailure} goes there at once; any other failure is retried until
 * {@code workers.maxAttempts} attempts failed.
 *
 * <p>The delay is exponential backoff with <b>equal jitter</b>: attempt {@code n}'s ceiling is
 * {@code workers.backoff × 2^(n-1)} (at least 1 ms, at most {@link #MAX_BACKOFF_MILLIS}), and the
 * delay is drawn uniformly between half of it (rounded up) and all of it. Events that failed
 * together (a receiver went down) then retry spread over half the ceiling instead of all at once,
 * and a receiver still gets at least half the backoff to recover; full jitter could retry at once.
 * With a random source that always answers 0 the delays are exactly the ceilings.
 *
 * <p>Pure: no clock, no Redis; the random source is injected.
 */
final class AttemptPolicy {
    static final long MAX_BACKOFF_MILLIS = 60_000;
    /** Doublings beyond this cannot raise a ceiling (1 ms × 2^20 is over the cap) and would overflow. */
    private static final int MAX_DOUBLINGS = 20;

    private final int maxAttempts;
    private final long backoffMillis;
    private final LongUnaryOperator random;

    /**
     * @param random given {@code bound > 0}, a uniformly random long in {@code [0, bound)}
     */
    AttemptPolicy(int maxAttempts, Duration backoff, LongUnaryOperator random) {
        this.maxAttempts = maxAttempts;
        this.backoffMillis = Math.max(1, backoff.toMillis());
        this.random = random;
    }

    /** The policy of {@code workers}, with the thread's own random numbers. */
    static AttemptPolicy of(WorkersConfig workers) {
        return new AttemptPolicy(workers.maxAttempts(), workers.backoff(), bound -> ThreadLocalRandom.current()
                .nextLong(bound));
    }

    int maxAttempts() {
        return maxAttempts;
    }

    /**
     * Whether attempt {@code attempt} may run at all: an entry read again after its worker died counts
     * the attempts cut short, and may have none left.
     */
    boolean mayRun(int attempt) {
        return attempt <= maxAttempts;
    }

    /** What follows attempt {@code attempt} (from 1) failing with {@code error}. */
    Decision afterFailure(int attempt, Throwable error) {
        if (error instanceof PermanentFailure) {
            return DeadLetter.CANNOT_SUCCEED;
        }
        if (attempt >= maxAttempts) {
            return DeadLetter.ATTEMPTS_EXHAUSTED;
        }
        return new Retry(delay(attempt));
    }

    /** The longest delay after attempt {@code attempt} failed. */
    long ceiling(int attempt) {
        int doublings = Math.max(0, Math.min(MAX_DOUBLINGS, attempt - 1));
        return Math.min(MAX_BACKOFF_MILLIS, backoffMillis << doublings);
    }

    private long delay(int attempt) {
        long ceiling = ceiling(attempt);
        return ceiling - random.applyAsLong(ceiling / 2 + 1);
    }

    /** A failed attempt's consequence. */
    sealed interface Decision permits Retry, DeadLetter {}

    /** Try again in {@code delayMillis} (at least 1). */
    record Retry(long delayMillis) implements Decision {}

    /** Move the entry to the dead-letter stream now. */
    enum DeadLetter implements Decision {
        /** A {@link PermanentFailure}: no retry can mend it. */
        CANNOT_SUCCEED,
        /** The last attempt allowed failed. */
        ATTEMPTS_EXHAUSTED
    }
}
