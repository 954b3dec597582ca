package dev.inlet.worker;

import dev.inlet.config.WorkersConfig;
import dev.inlet.queue.PermanentFailure;
import java.time.Duration;

/**
 * What follows a failed attempt at an event: a retry after a delay, or the dead-letter stream. A
 * {@link PermanentFailure} goes there at once; any other failure is retried until
 * {@code workers.maxAttempts} attempts failed.
 *
 * <p>The delay is exponential backoff: {@code workers.backoff × 2^(n-1)} after attempt {@code n}
 * (at least 1 ms, at most {@link #MAX_BACKOFF_MILLIS}).
 *
 * <p>Pure: no clock, no Redis.
 */
final class AttemptPolicy {
  static final long MAX_BACKOFF_MILLIS = 60_000;
  /** Doublings beyond this cannot raise a ceiling (1 ms × 2^20 is over the cap) and would overflow. */
  private static final int MAX_DOUBLINGS = 20;

  private final int maxAttempts;
  private final long backoffMillis;

  AttemptPolicy(int maxAttempts, Duration backoff) {
    this.maxAttempts = maxAttempts;
    this.backoffMillis = Math.max(1, backoff.toMillis());
  }

  /** The policy of {@code workers}. */
  static AttemptPolicy of(WorkersConfig workers) {
    return new AttemptPolicy(workers.maxAttempts(), workers.backoff());
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
    return new Retry(ceiling(attempt));
  }

  /** The delay after attempt {@code attempt} failed. */
  long ceiling(int attempt) {
    int doublings = Math.max(0, Math.min(MAX_DOUBLINGS, attempt - 1));
    return Math.min(MAX_BACKOFF_MILLIS, backoffMillis << doublings);
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
