package dev.inlet.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.queue.PermanentFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What follows a failed attempt: the backoff's delays, and when to dead-letter. */
class AttemptPolicyTest {
  static final RuntimeException DOWN = new IllegalStateException("receiver answered 503");

  private static long delay(AttemptPolicy policy, int attempt) {
    AttemptPolicy.Decision decision = policy.afterFailure(attempt, DOWN);
    assertThat(decision).as("after attempt %d", attempt).isInstanceOf(AttemptPolicy.Retry.class);
    return ((AttemptPolicy.Retry) decision).delayMillis();
  }

  @Test
  void eachDelayIsTheBackoffDoubledPerAttempt() {
    AttemptPolicy policy = new AttemptPolicy(10, Duration.ofMillis(20));
    List<Long> delays = new ArrayList<>();
    for (int attempt = 1; attempt <= 5; attempt++) {
      delays.add(delay(policy, attempt));
    }
    assertThat(delays).containsExactly(20L, 40L, 80L, 160L, 320L);
  }

  @Test
  void theCeilingStopsAtSixtySecondsHoweverManyAttempts() {
    AttemptPolicy policy = new AttemptPolicy(Integer.MAX_VALUE, Duration.ofSeconds(1));
    assertThat(delay(policy, 6)).isEqualTo(32_000);
    assertThat(delay(policy, 7)).isEqualTo(AttemptPolicy.MAX_BACKOFF_MILLIS);
    assertThat(delay(policy, 64)).isEqualTo(AttemptPolicy.MAX_BACKOFF_MILLIS);
    assertThat(delay(policy, 1_000_000)).isEqualTo(AttemptPolicy.MAX_BACKOFF_MILLIS);
  }

  @Test
  void aBackoffUnderOneMillisecondStillWaitsOne() {
    assertThat(delay(new AttemptPolicy(5, Duration.ZERO), 1)).isEqualTo(1);
    assertThat(delay(new AttemptPolicy(5, Duration.ZERO), 2)).isEqualTo(2);
  }

  @Test
  void aPermanentFailureIsDeadLetteredAtOnce() {
    AttemptPolicy policy = new AttemptPolicy(5, Duration.ofMillis(20));
    assertThat(policy.afterFailure(1, new PermanentFailure("url renders no valid request")))
        .isEqualTo(AttemptPolicy.DeadLetter.CANNOT_SUCCEED);
  }

  @Test
  void theLastAllowedAttemptsFailureIsDeadLettered() {
    AttemptPolicy policy = new AttemptPolicy(3, Duration.ofMillis(20));
    assertThat(policy.afterFailure(1, DOWN)).isEqualTo(new AttemptPolicy.Retry(20));
    assertThat(policy.afterFailure(2, DOWN)).isEqualTo(new AttemptPolicy.Retry(40));
    assertThat(policy.afterFailure(3, DOWN)).isEqualTo(AttemptPolicy.DeadLetter.ATTEMPTS_EXHAUSTED);
    assertThat(policy.afterFailure(4, DOWN)).isEqualTo(AttemptPolicy.DeadLetter.ATTEMPTS_EXHAUSTED);
  }

  @Test
  void attemptsCutShortByCrashesMayLeaveNoneToRun() {
    AttemptPolicy policy = new AttemptPolicy(3, Duration.ofMillis(20));
    assertThat(policy.mayRun(1)).isTrue();
    assertThat(policy.mayRun(3)).isTrue();
    assertThat(policy.mayRun(4)).isFalse();
  }
}
