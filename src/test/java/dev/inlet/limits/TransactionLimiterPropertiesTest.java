package dev.inlet.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.config.LimitConfig;
import dev.inlet.support.TestRedis;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The limiter against a real Redis: random (rate, per, burst) and random bursts of concurrent
 * requests with random gaps. In no window does it admit more than burst + window / interval.
 * The limiter reads Redis' clock; each admission happened somewhere between its send and its
 * answer, so a window is bounded by the earliest send and latest answer of the admissions in it,
 * and the ms clock granularity and rounding get one event of slack.
 */
class TransactionLimiterPropertiesTest {
    private static Vertx vertx;
    private static Redis redis;

    @BeforeContainer
    static void start() {
        vertx = Vertx.vertx();
        redis = Redis.createClient(vertx, TestRedis.url());
    }

    @AfterContainer
    static void stop() throws Exception {
        await(redis.close().eventually(vertx::close));
    }

    /** One acquire: when it was sent and answered (ns), and whether it was admitted. */
    record Call(long sentNs, long answeredNs, boolean admitted, long retryMs) {}

    @Property(tries = 12)
    void neverAdmitsMoreThanBurstPlusElapsedTimesRate(
            @ForAll @IntRange(min = 1, max = 10) int rate,
            @ForAll @IntRange(min = 50, max = 300) int perMs,
            @ForAll @IntRange(min = 1, max = 8) int burst,
            @ForAll @Size(min = 1, max = 4) List<@IntRange(min = 1, max = 16) Integer> bursts,
            @ForAll @IntRange(min = 0, max = 120) int gapMs)
            throws Exception {
        LimitConfig limit = new LimitConfig(rate, Duration.ofMillis(perMs), burst, 0);
        double intervalMs = (double) perMs / rate;
        TransactionLimiter limiter = new TransactionLimiter(redis::send, Duration.ofSeconds(5));
        List<TransactionLimiter.Scope> scopes =
                List.of(TransactionLimiter.serviceScope("prop-" + UUID.randomUUID(), limit));

        List<Call> calls = new ArrayList<>();
        for (int b = 0; b < bursts.size(); b++) {
            if (b > 0) {
                Thread.sleep(gapMs); // the gap between bursts is part of the generated input
            }
            List<Future<Call>> inFlight = new ArrayList<>();
            for (int i = 0; i < bursts.get(b); i++) {
                long sent = System.nanoTime();
                inFlight.add(limiter.acquire(scopes)
                        .map(spent -> new Call(
                                sent, System.nanoTime(), spent == null, spent == null ? 0 : spent.waitMillis())));
            }
            List<Call> answered = await(Future.all(inFlight).map(all -> all.<Call>list()));
            if (b == 0) {
                // A fresh bucket admits a whole first burst of up to `burst` requests, whatever the timing.
                assertThat(answered.stream().filter(Call::admitted).count())
                        .as("admitted of a first burst of %d, burst %d", bursts.get(0), burst)
                        .isGreaterThanOrEqualTo(Math.min(burst, bursts.get(0)));
            }
            calls.addAll(answered);
        }

        assertThat(calls).filteredOn(c -> !c.admitted()).allSatisfy(c -> assertThat(c.retryMs())
                .isPositive());
        List<Call> admitted = calls.stream()
                .filter(Call::admitted)
                .sorted(Comparator.comparingLong(Call::sentNs))
                .toList();
        for (int i = 0; i < admitted.size(); i++) {
            for (int j = i; j < admitted.size(); j++) {
                long from = admitted.get(i).sentNs();
                long to = admitted.get(j).answeredNs();
                if (to < from) {
                    continue;
                }
                long inWindow = admitted.stream()
                        .filter(c -> c.sentNs() >= from && c.answeredNs() <= to)
                        .count();
                double windowMs = (to - from) / 1e6 + 1;
                long bound = burst + (long) Math.floor(windowMs / intervalMs) + 1;
                assertThat(inWindow)
                        .as("admitted within %.1f ms at rate %d per %d ms, burst %d", windowMs, rate, perMs, burst)
                        .isLessThanOrEqualTo(bound);
            }
        }
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
