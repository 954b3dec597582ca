package dev.inlet.queue;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link Acknowledgements} over a real Redis: a round's acknowledgements are one XACK, the commands
 * riding along go in the same batch, and each hears its own outcome: a rider Redis refuses fails
 * alone, and the acknowledgements of its batch still succeed.
 */
@ExtendWith(VertxExtension.class)
class AcknowledgementsTest {
    private static final int ENTRIES = 5;

    @Test
    void ridersGoWithTheRoundsAcknowledgementsAndFailAlone(Vertx vertx, VertxTestContext tc) {
        Redis redis = Redis.createClient(vertx, TestRedis.url());
        String stream = "test:acks:" + UUID.randomUUID();
        String rider = "test:acks-rider:" + UUID.randomUUID();
        String notAStream = "test:acks-string:" + UUID.randomUUID();
        StreamNames.Shard shard = StreamNames.single(stream).shard(0);
        Context context = vertx.getOrCreateContext();
        pending(redis, stream)
                .compose(ids -> redis.send(
                                Request.cmd(Command.SET).arg(notAStream).arg("x"))
                        .map(ids))
                .onComplete(tc.succeeding(ids -> context.runOnContext(v -> {
                    Acknowledgements acks =
                            new Acknowledgements(context, redis, shard, new AttemptCounts(redis, shard));
                    List<Future<?>> acked = new ArrayList<>();
                    // The rider flushed by the hook, as the outcome writer's round is.
                    List<Future<Response>> riders = new ArrayList<>();
                    acks.beforeSend(() -> {
                        if (riders.isEmpty()) {
                            riders.add(acks.ride(Request.cmd(Command.XADD)
                                    .arg(rider)
                                    .arg("*")
                                    .arg("f")
                                    .arg("v")));
                            // WRONGTYPE: Redis refuses this one command of the batch.
                            riders.add(acks.ride(Request.cmd(Command.XADD)
                                    .arg(notAStream)
                                    .arg("*")
                                    .arg("f")
                                    .arg("v")));
                        }
                    });
                    ids.forEach(id -> acked.add(acks.acknowledge(id)));
                    Future.all(acked)
                            .compose(all -> riders.get(1).transform(ar -> Future.succeededFuture(ar.cause())))
                            .onComplete(tc.succeeding(refused -> tc.verify(() -> {
                                assertThat(refused)
                                        .as("the refused rider fails")
                                        .isNotNull();
                                assertThat(refused.getMessage()).contains("WRONGTYPE");
                                assertThat(riders.get(0).failed()).isFalse();
                            })))
                            .compose(v2 -> Future.all(
                                    redis.send(Request.cmd(Command.XPENDING)
                                            .arg(stream)
                                            .arg(StreamNames.GROUP)),
                                    redis.send(Request.cmd(Command.XLEN).arg(rider))))
                            .onComplete(tc.succeeding(both -> tc.verify(() -> {
                                Response summary = both.resultAt(0);
                                Response length = both.resultAt(1);
                                assertThat(summary.get(0).toLong())
                                        .as("every entry acknowledged")
                                        .isZero();
                                assertThat(length.toLong())
                                        .as("the rider that Redis took")
                                        .isEqualTo(1);
                                tc.completeNow();
                            })));
                })));
    }

    @Test
    void ridersAloneGoWithoutAnAcknowledgement(Vertx vertx, VertxTestContext tc) {
        Redis redis = Redis.createClient(vertx, TestRedis.url());
        String rider = "test:acks-rider:" + UUID.randomUUID();
        StreamNames.Shard shard =
                StreamNames.single("test:acks:" + UUID.randomUUID()).shard(0);
        Context context = vertx.getOrCreateContext();
        context.runOnContext(v -> {
            Acknowledgements acks = new Acknowledgements(context, redis, shard, new AttemptCounts(redis, shard));
            acks.ride(Request.cmd(Command.XADD).arg(rider).arg("*").arg("f").arg("v"))
                    .onComplete(tc.succeeding(id -> tc.verify(() -> {
                        assertThat(id.toString()).contains("-");
                        tc.completeNow();
                    })));
        });
    }

    /** {@link #ENTRIES} entries read by a consumer of the group, not yet acknowledged: their ids. */
    private static Future<List<String>> pending(Redis redis, String stream) {
        List<Future<Response>> adds = new ArrayList<>();
        for (int i = 0; i < ENTRIES; i++) {
            adds.add(redis.send(
                    Request.cmd(Command.XADD).arg(stream).arg("*").arg("n").arg(i)));
        }
        return Future.all(adds)
                .compose(all -> redis.send(Request.cmd(Command.XGROUP)
                        .arg("CREATE")
                        .arg(stream)
                        .arg(StreamNames.GROUP)
                        .arg("0")))
                .compose(ok -> redis.send(Request.cmd(Command.XREADGROUP)
                        .arg("GROUP")
                        .arg(StreamNames.GROUP)
                        .arg("c")
                        .arg("STREAMS")
                        .arg(stream)
                        .arg(">")))
                .map(read -> {
                    List<String> ids = new ArrayList<>();
                    Response entries =
                            read.isMap() ? read.get(stream) : read.get(0).get(1);
                    for (Response entry : entries) {
                        ids.add(entry.get(0).toString());
                    }
                    return ids;
                });
    }
}
