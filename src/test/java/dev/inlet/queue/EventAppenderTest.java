package dev.inlet.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.config.PayloadFormat;
import dev.inlet.redis.RedisReplies;
import dev.inlet.support.TestRedis;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Group commit: every event of a round is written once and hears its own outcome. */
@ExtendWith(VertxExtension.class)
class EventAppenderTest {

    private static StreamEntry event(int i) {
        return StreamEntry.toAppend(
                "t-" + i,
                "ep",
                "svc",
                1_700_000_000_000L + i,
                "application/json",
                PayloadFormat.JSON,
                ("{\"x-n\":\"" + i + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "",
                ("{\"n\":" + i + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void aRoundOfEventsIsQueuedWithEveryField(Vertx vertx, VertxTestContext tc) {
        Redis redis = Redis.createClient(vertx, TestRedis.url());
        String stream = "test:append:" + UUID.randomUUID();
        Context context = vertx.getOrCreateContext();
        context.runOnContext(v -> {
            EventAppender appender =
                    new EventAppender(redis, context, StreamNames.single(stream), Duration.ofSeconds(2));
            List<Future<EventAppender.Appended>> outcomes = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                outcomes.add(appender.append(event(i), null, null));
            }
            Future.all(outcomes)
                    .compose(all -> redis.send(
                            Request.cmd(Command.XRANGE).arg(stream).arg("-").arg("+")))
                    .onComplete(tc.succeeding(entries -> tc.verify(() -> {
                        assertThat(entries.size())
                                .as("300 events, over two writes (at most 256 per write)")
                                .isEqualTo(300);
                        // Two writes may go out on two pooled connections: entries are matched by transid, not
                        // position.
                        Map<String, Response> byTransid = new HashMap<>();
                        for (Response entry : entries) {
                            byTransid.put(RedisReplies.field(entry.get(1), EventFields.TRANSID), entry.get(1));
                        }
                        for (int i = 0; i < 300; i++) {
                            assertThat(outcomes.get(i).result()).isEqualTo(new EventAppender.Appended("t-" + i, false));
                            Response fields = byTransid.get("t-" + i);
                            assertThat(fields)
                                    .as("t-" + i + " is in the stream")
                                    .isNotNull();
                            assertThat(RedisReplies.field(fields, EventFields.BODY))
                                    .isEqualTo("{\"n\":" + i + "}");
                            assertThat(RedisReplies.field(fields, EventFields.HEADERS))
                                    .isEqualTo("{\"x-n\":\"" + i + "\"}");
                            assertThat(RedisReplies.field(fields, EventFields.RECEIVED))
                                    .isEqualTo(String.valueOf(1_700_000_000_000L + i));
                            assertThat(RedisReplies.field(fields, EventFields.FORMAT))
                                    .isEqualTo("json");
                        }
                        tc.completeNow();
                    })));
        });
    }

    /** The pipeline's XADD and the script's write one event alike: same names, same values, same order. */
    @Test
    void theScriptWritesAnEventAsThePipelineDoes(Vertx vertx, VertxTestContext tc) {
        Redis redis = Redis.createClient(vertx, TestRedis.url());
        String plain = "test:append:plain:" + UUID.randomUUID();
        String keyed = "test:append:keyed:" + UUID.randomUUID();
        Context context = vertx.getOrCreateContext();
        StreamEntry event = StreamEntry.toAppend(
                "t-same",
                "ep",
                "svc",
                1_700_000_000_000L,
                null,
                PayloadFormat.XML,
                "{\"x-a\":\"ü\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "",
                new byte[] {'<', 'a', (byte) 0xff, '/', '>'});
        context.runOnContext(v -> {
            Future<EventAppender.Appended> viaPipeline = new EventAppender(
                            redis, context, StreamNames.single(plain), Duration.ofSeconds(2))
                    .append(event, null, null);
            Future<EventAppender.Appended> viaScript = new EventAppender(
                            redis, context, StreamNames.single(keyed), Duration.ofSeconds(2))
                    .append(event, "ab" + UUID.randomUUID().toString().replace("-", ""), Duration.ofMinutes(1));
            Future.all(viaPipeline, viaScript)
                    .compose(done -> Future.all(
                            redis.send(Request.cmd(Command.XRANGE)
                                    .arg(plain)
                                    .arg("-")
                                    .arg("+")),
                            redis.send(Request.cmd(Command.XRANGE)
                                    .arg(keyed)
                                    .arg("-")
                                    .arg("+"))))
                    .onComplete(tc.succeeding(both -> tc.verify(() -> {
                        assertThat(viaScript.result()).isEqualTo(new EventAppender.Appended("t-same", false));
                        List<String> pipelined = fields(both.resultAt(0));
                        assertThat(pipelined).hasSize(18).startsWith("transid", "t-same");
                        assertThat(fields(both.resultAt(1))).isEqualTo(pipelined);
                        tc.completeNow();
                    })));
        });
    }

    private static List<String> fields(Response entries) {
        List<String> out = new ArrayList<>();
        entries.get(0).get(1).forEach(f -> out.add(f.toString(java.nio.charset.StandardCharsets.ISO_8859_1)));
        return out;
    }

    @Test
    void eventsRefusedByRedisFailAndTheOthersAreQueued(Vertx vertx, VertxTestContext tc) {
        Redis redis = Redis.createClient(vertx, TestRedis.url());
        String stream = "test:append:wrongtype:" + UUID.randomUUID();
        Context context = vertx.getOrCreateContext();
        // The key holds a string, so every XADD of the round is refused (WRONGTYPE): none may be "queued".
        redis.send(Request.cmd(Command.SET).arg(stream).arg("not a stream"))
                .onComplete(tc.succeeding(ok -> context.runOnContext(v -> {
                    EventAppender appender =
                            new EventAppender(redis, context, StreamNames.single(stream), Duration.ofSeconds(2));
                    List<Future<EventAppender.Appended>> outcomes = new ArrayList<>();
                    for (int i = 0; i < 5; i++) {
                        outcomes.add(appender.append(event(i), null, null));
                    }
                    Future.join(outcomes)
                            .onComplete(done -> tc.verify(() -> {
                                assertThat(outcomes)
                                        .allSatisfy(f -> assertThat(f.failed()).isTrue());
                                assertThat(outcomes.get(3).cause().getMessage()).contains("WRONGTYPE");
                                tc.completeNow();
                            }));
                })));
    }

    /** Pins vertx-redis-client's batch error format, which the pipeline reads per command. */
    @Test
    void aFailedBatchNamesExactlyTheCommandsRedisRefused(Vertx vertx, VertxTestContext tc) {
        Redis redis = Redis.createClient(vertx, TestRedis.url());
        String stream = "test:append:mixed:" + UUID.randomUUID();
        String notAStream = stream + ":string";
        redis.send(Request.cmd(Command.SET).arg(notAStream).arg("x"))
                .compose(ok -> redis.batch(List.of(
                        Request.cmd(Command.XADD).arg(stream).arg("*").arg("n").arg(0),
                        Request.cmd(Command.XADD)
                                .arg(notAStream)
                                .arg("*")
                                .arg("n")
                                .arg(1),
                        Request.cmd(Command.XADD).arg(stream).arg("*").arg("n").arg(2),
                        Request.cmd(Command.XADD)
                                .arg(notAStream)
                                .arg("*")
                                .arg("n")
                                .arg(3))))
                .onComplete(ar -> tc.verify(() -> {
                    assertThat(ar.failed()).isTrue();
                    assertThat(RedisReplies.failedBatchIndexes(ar.cause(), 4)).containsExactlyInAnyOrder(1, 3);
                    assertThat(RedisReplies.failedBatchIndexes(new TimeoutException("slow"), 3))
                            .as("a timeout leaves every outcome unknown")
                            .containsExactlyInAnyOrder(0, 1, 2);
                    redis.send(Request.cmd(Command.XLEN).arg(stream))
                            .onComplete(tc.succeeding(len -> tc.verify(() -> {
                                assertThat(len.toInteger()).isEqualTo(2);
                                tc.completeNow();
                            })));
                }));
    }
}
