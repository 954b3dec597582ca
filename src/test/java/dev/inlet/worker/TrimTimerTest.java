package dev.inlet.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.config.ConfigLoader;
import dev.inlet.config.InletConfig;
import dev.inlet.queue.ConsumerGroup;
import dev.inlet.queue.StreamNames;
import dev.inlet.queue.TrimPasses;
import dev.inlet.support.TestRedis;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The process's one trim timer: it trims every shard of the stream, and how often. */
@ExtendWith(VertxExtension.class)
class TrimTimerTest {

    private static InletConfig config(String stream, String claimIdle) {
        return new ConfigLoader(Map.of())
                .parse(
                        """
        redis: { url: "%s", stream: "%s", shards: 2, maxLength: 10 }
        workers: { instances: 1, claimIdle: %s }
        """
                                .formatted(TestRedis.url(), stream, claimIdle));
    }

    @Test
    void everyShardIsTrimmedOnTheTimer(Vertx vertx, VertxTestContext ctx) {
        Redis redis = Redis.createClient(vertx, TestRedis.url());
        InletConfig config = config("test:trimtimer:" + UUID.randomUUID(), "400ms");
        List<String> streams = StreamNames.of(config.redis()).shards().stream()
                .map(StreamNames.Shard::stream)
                .toList();
        // 1,500 entries of ~1 KiB per shard, all delivered and acknowledged: nothing is owed.
        Future<Void> filled = Future.succeededFuture();
        for (String stream : streams) {
            filled = filled.compose(v -> ConsumerGroup.ensure(redis, stream))
                    .compose(v -> redis.send(Request.cmd(Command.EVAL)
                            .arg("for i = 1, 1500 do redis.call('XADD', KEYS[1], '*', 'body', ARGV[1]) end "
                                    + "redis.call('XGROUP', 'SETID', KEYS[1], ARGV[2], '$') return 1")
                            .arg(1)
                            .arg(stream)
                            .arg("b".repeat(1000))
                            .arg(StreamNames.GROUP)))
                    .mapEmpty();
        }
        TrimTimer timer = new TrimTimer(vertx, redis, config, new TrimPasses());
        filled.compose(v -> {
                    timer.start();
                    return Poll.until(
                            vertx,
                            () -> Future.all(streams.stream()
                                            .map(s -> redis.send(Request.cmd(Command.XLEN)
                                                            .arg(s))
                                                    .map(r -> r.toLong()))
                                            .toList())
                                    .map(all -> all.<Long>list()),
                            lengths -> lengths.stream().allMatch(n -> n < 100),
                            Duration.ofSeconds(20));
                })
                .eventually(() -> {
                    timer.stop();
                    return Future.join(streams.stream()
                            .map(s -> redis.send(Request.cmd(Command.DEL).arg(s)))
                            .toList());
                })
                .eventually(redis::close)
                .onComplete(ctx.succeeding(lengths -> ctx.completeNow()));
    }

    @Test
    void thePeriodIsHalfTheClaimIdleBetweenTwoHundredMillisecondsAndFiveSeconds() {
        assertThat(TrimTimer.period(config("s", "400ms").workers())).isEqualTo(200);
        assertThat(TrimTimer.period(config("s", "100ms").workers())).isEqualTo(200);
        assertThat(TrimTimer.period(config("s", "4s").workers())).isEqualTo(2_000);
        assertThat(TrimTimer.period(config("s", "30s").workers())).isEqualTo(5_000);
    }
}
