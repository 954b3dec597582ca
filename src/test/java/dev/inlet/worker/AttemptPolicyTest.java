package dev.inlet.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.queue.PermanentFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

/** What follows a failed attempt: the backoff's ceilings, the bounds of its jitter, and when to dead-letter. */
class AttemptPolicyTest {
    /** A random source that always draws the least jitter: every delay is its full ceiling. */
    static final LongUnaryOperator NO_JITTER = bound -> 0;
    /** A random source that always draws the most jitter. */
    static final LongUnaryOperator MOST_JITTER = bound -> bound - 1;

    static final RuntimeException DOWN = new IllegalStateException("receiver answered 503");

    private static long delay(AttemptPolicy policy, int attempt) {
        AttemptPolicy.Decision decision = policy.afterFailure(attempt, DOWN);
        assertThat(decision).as("after attempt %d", attempt).isInstanceOf(AttemptPolicy.Retry.class);
        return ((AttemptPolicy.Retry) decision).delayMillis();
    }

    @Test
    void withoutJitterEachDelayIsTheBackoffDoubledPerAttempt() {
        AttemptPolicy policy = new AttemptPolicy(10, Duration.ofMillis(20), NO_JITTER);
        List<Long> delays = new ArrayList<>();
        for (int attempt = 1; attempt <= 5; attempt++) {
            delays.add(delay(policy, attempt));
        }
        assertThat(delays).containsExactly(20L, 40L, 80L, 160L, 320L);
    }

    @Test
    void theCeilingStopsAtSixtySecondsHoweverManyAttempts() {
        AttemptPolicy policy = new AttemptPolicy(Integer.MAX_VALUE, Duration.ofSeconds(1), NO_JITTER);
        assertThat(delay(policy, 6)).isEqualTo(32_000);
        assertThat(delay(policy, 7)).isEqualTo(AttemptPolicy.MAX_BACKOFF_MILLIS);
        assertThat(delay(policy, 64)).isEqualTo(AttemptPolicy.MAX_BACKOFF_MILLIS);
        assertThat(delay(policy, 1_000_000)).isEqualTo(AttemptPolicy.MAX_BACKOFF_MILLIS);
    }

    @Test
    void equalJitterKeepsAtLeastHalfTheCeilingRoundedUp() {
        AttemptPolicy policy = new AttemptPolicy(10, Duration.ofMillis(25), MOST_JITTER);
        assertThat(delay(policy, 1)).isEqualTo(13);
        assertThat(delay(policy, 2)).isEqualTo(25);
        assertThat(delay(policy, 3)).isEqualTo(50);
        AttemptPolicy capped = new AttemptPolicy(100, Duration.ofSeconds(1), MOST_JITTER);
        assertThat(delay(capped, 30)).isEqualTo(AttemptPolicy.MAX_BACKOFF_MILLIS / 2);
    }

    @Test
    void randomDelaysFillTheRangeFromHalfTheCeilingToAllOfIt() {
        SplittableRandom seeded = new SplittableRandom(15);
        AttemptPolicy policy = new AttemptPolicy(100, Duration.ofMillis(10), seeded::nextLong);
        for (int attempt = 1; attempt <= 14; attempt++) {
            long ceiling = policy.ceiling(attempt);
            long least = Long.MAX_VALUE;
            long most = 0;
            for (int i = 0; i < 2_000; i++) {
                long d = delay(policy, attempt);
                least = Math.min(least, d);
                most = Math.max(most, d);
            }
            assertThat(least).as("least delay after attempt %d", attempt).isGreaterThanOrEqualTo((ceiling + 1) / 2);
            assertThat(most).as("most delay after attempt %d", attempt).isLessThanOrEqualTo(ceiling);
            if (ceiling <= 100) {
                // Few enough values that 2,000 draws reach both ends.
                assertThat(least).isEqualTo((ceiling + 1) / 2);
                assertThat(most).isEqualTo(ceiling);
            }
        }
    }

    @Test
    void theRandomSourceIsAskedForAtMostHalfTheCeiling() {
        List<Long> bounds = new ArrayList<>();
        AttemptPolicy policy = new AttemptPolicy(10, Duration.ofMillis(20), bound -> {
            bounds.add(bound);
            return 0;
        });
        delay(policy, 1);
        delay(policy, 2);
        assertThat(bounds).containsExactly(11L, 21L);
    }

    @Test
    void aBackoffUnderOneMillisecondStillWaitsOne() {
        assertThat(delay(new AttemptPolicy(5, Duration.ZERO, NO_JITTER), 1)).isEqualTo(1);
        assertThat(delay(new AttemptPolicy(5, Duration.ZERO, MOST_JITTER), 1)).isEqualTo(1);
        assertThat(delay(new AttemptPolicy(5, Duration.ofMillis(1), MOST_JITTER), 2))
                .isEqualTo(1);
    }

    @Test
    void aPermanentFailureIsDeadLetteredAtOnce() {
        AttemptPolicy policy = new AttemptPolicy(5, Duration.ofMillis(20), NO_JITTER);
        assertThat(policy.afterFailure(1, new PermanentFailure("url renders no valid request")))
                .isEqualTo(AttemptPolicy.DeadLetter.CANNOT_SUCCEED);
    }

    @Test
    void theLastAllowedAttemptsFailureIsDeadLettered() {
        AttemptPolicy policy = new AttemptPolicy(3, Duration.ofMillis(20), NO_JITTER);
        assertThat(policy.afterFailure(1, DOWN)).isEqualTo(new AttemptPolicy.Retry(20));
        assertThat(policy.afterFailure(2, DOWN)).isEqualTo(new AttemptPolicy.Retry(40));
        assertThat(policy.afterFailure(3, DOWN)).isEqualTo(AttemptPolicy.DeadLetter.ATTEMPTS_EXHAUSTED);
        assertThat(policy.afterFailure(4, DOWN)).isEqualTo(AttemptPolicy.DeadLetter.ATTEMPTS_EXHAUSTED);
    }

    @Test
    void attemptsCutShortByCrashesMayLeaveNoneToRun() {
        AttemptPolicy policy = new AttemptPolicy(3, Duration.ofMillis(20), NO_JITTER);
        assertThat(policy.mayRun(1)).isTrue();
        assertThat(policy.mayRun(3)).isTrue();
        assertThat(policy.mayRun(4)).isFalse();
    }
}
