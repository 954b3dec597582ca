package dev.inlet.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.support.TestRedis;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Trimming never removes an entry that is pending or not yet delivered. */
@ExtendWith(VertxExtension.class)
class StreamTrimmerTest {

    private static Future<List<String>> ids(Redis redis, String stream) {
        return redis.send(Request.cmd(Command.XRANGE).arg(stream).arg("-").arg("+"))
                .map(r -> {
                    List<String> out = new ArrayList<>();
                    for (Response e : r) {
                        out.add(e.get(0).toString());
                    }
                    return out;
                });
    }

    @Test
    void trimsOnlyWhatTheGroupNoLongerOwes(Vertx vertx, VertxTestContext tc) {
        Redis redis = Redis.createClient(vertx, TestRedis.url());
        String stream = "test:trim:" + UUID.randomUUID();
        StreamTrimmer trimmer = new StreamTrimmer(redis, stream, 2, false, new TrimPasses());
        List<Request> adds = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            adds.add(
                    Request.cmd(Command.XADD).arg(stream).arg(i + "-1").arg("n").arg(i));
        }
        redis.batch(adds)
                .compose(v -> trimmer.trim())
                .compose(removedWithoutGroup -> {
                    tc.verify(() -> assertThat(removedWithoutGroup)
                            .as("no group yet: everything is owed")
                            .isZero());
                    return ConsumerGroup.ensure(redis, stream);
                })
                .compose(v -> redis.send(Request.cmd(Command.XREADGROUP)
                        .arg("GROUP")
                        .arg(StreamNames.GROUP)
                        .arg("c1")
                        .arg("COUNT")
                        .arg(5)
                        .arg("STREAMS")
                        .arg(stream)
                        .arg(">")))
                .compose(v -> redis.send(Request.cmd(Command.XACK)
                        .arg(stream)
                        .arg(StreamNames.GROUP)
                        .arg("1-1")
                        .arg("2-1")
                        .arg("4-1")))
                .compose(v -> trimmer.trim())
                .compose(removed -> ids(redis, stream).map(left -> {
                    tc.verify(() -> {
                        assertThat(removed).isEqualTo(2);
                        assertThat(left)
                                .as("3-1 is pending, so it and everything after stay")
                                .containsExactly("3-1", "4-1", "5-1", "6-1", "7-1", "8-1", "9-1", "10-1");
                    });
                    return left;
                }))
                .compose(v -> redis.send(Request.cmd(Command.XACK)
                        .arg(stream)
                        .arg(StreamNames.GROUP)
                        .arg("3-1")
                        .arg("5-1")))
                .compose(v -> trimmer.trim())
                .compose(removed -> ids(redis, stream))
                .onComplete(tc.succeeding(left -> tc.verify(() -> {
                    assertThat(left)
                            .as("nothing pending: only the undelivered 6..10 stay, though maxLength is 2")
                            .containsExactly("6-1", "7-1", "8-1", "9-1", "10-1");
                    tc.completeNow();
                })));
    }

    @Test
    void anApproximatePassRemovesMoreThanOneStepOfEntriesTheGroupNoLongerOwes(Vertx vertx, VertxTestContext tc) {
        Redis redis = Redis.createClient(vertx, TestRedis.url());
        String stream = "test:trim:" + UUID.randomUUID();
        long entries = 3 * StreamTrimmer.STEP + 500;
        StreamTrimmer trimmer = new StreamTrimmer(redis, stream, 1_000, true, new TrimPasses());
        ConsumerGroup.ensure(redis, stream)
                .compose(v -> redis.send(Request.cmd(Command.EVAL)
                        // Entries of ~1 KiB, like events: Redis' 4 KiB nodes then hold a few each, so a step
                        // cut short by its LIMIT removes fewer than STEP entries.
                        .arg(
                                "for i = 1, tonumber(ARGV[1]) do redis.call('XADD', KEYS[1], i .. '-1', 'n', i, 'body', ARGV[2]) end return 1")
                        .arg(1)
                        .arg(stream)
                        .arg(entries)
                        .arg("b".repeat(1000))))
                // Everything but the last 200 entries delivered and acknowledged: all of it may go.
                .compose(v -> redis.send(Request.cmd(Command.XGROUP)
                        .arg("SETID")
                        .arg(stream)
                        .arg(StreamNames.GROUP)
                        .arg((entries - 200) + "-1")))
                .compose(v -> trimmer.trim())
                .compose(removed ->
                        redis.send(Request.cmd(Command.XLEN).arg(stream)).map(len -> List.of(removed, len.toLong())))
                .onComplete(tc.succeeding(result -> tc.verify(() -> {
                    assertThat(result.get(0)).as("removed in one pass").isGreaterThan(3 * StreamTrimmer.STEP);
                    assertThat(result.get(1))
                            .as("left: the owed 200, plus less than one macro node")
                            .isBetween(200L, 200L + 5);
                    redis.send(Request.cmd(Command.DEL).arg(stream)).onComplete(d -> {
                        redis.close();
                        tc.completeNow();
                    });
                })));
    }

    @Test
    void oneTrimPassPerStreamRunsAtATimeInAProcess(Vertx vertx, VertxTestContext tc) {
        Redis redis = Redis.createClient(vertx, TestRedis.url());
        String stream = "test:trim:" + UUID.randomUUID();
        // Two trimmers of one process share its passes.
        TrimPasses passes = new TrimPasses();
        StreamTrimmer first = new StreamTrimmer(redis, stream, 10, true, passes);
        StreamTrimmer second = new StreamTrimmer(redis, stream, 10, true, passes);
        Request fill = Request.cmd(Command.EVAL)
                .arg("for i = 1, 2000 do redis.call('XADD', KEYS[1], '*', 'body', ARGV[1]) end "
                        + "redis.call('XGROUP', 'SETID', KEYS[1], ARGV[2], '$') return 1")
                .arg(1)
                .arg(stream)
                .arg("b".repeat(1000))
                .arg(StreamNames.GROUP);
        ConsumerGroup.ensure(redis, stream)
                .compose(v -> redis.send(fill))
                .compose(v -> {
                    // Started together: the second finds the first running and leaves the stream to it.
                    Future<Long> a = first.trim();
                    Future<Long> b = second.trim();
                    return Future.all(a, b).map(all -> List.of(a.result(), b.result()));
                })
                .compose(removed -> {
                    tc.verify(() -> {
                        assertThat(removed.get(0)).isGreaterThan(1_990L);
                        assertThat(removed.get(1)).isZero();
                    });
                    // Once the pass ended, the next one runs.
                    return redis.send(fill).compose(v -> second.trim());
                })
                .onComplete(tc.succeeding(removed -> tc.verify(() -> {
                    assertThat(removed).isGreaterThan(1_990L);
                    redis.send(Request.cmd(Command.DEL).arg(stream)).onComplete(d -> {
                        redis.close();
                        tc.completeNow();
                    });
                })));
    }

    @Test
    void nextId() {
        assertThat(StreamTrimmer.next("5-1")).isEqualTo("5-2");
        assertThat(StreamTrimmer.next("0-0")).isEqualTo("0-1");
    }
}
