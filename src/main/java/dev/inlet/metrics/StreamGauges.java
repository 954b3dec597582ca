package dev.inlet.metrics;

import dev.inlet.queue.StreamNames;
import dev.inlet.redis.RedisReplies;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;

/**
 * Reads the stream's length, the consumer group's pending count and lag, and the dead-letter
 * length from Redis every few seconds into {@link InletMetrics}, each summed over the shards; a
 * failed read leaves -1 (lag: -1 when any shard cannot report it).
 */
public final class StreamGauges {
    private final Vertx vertx;
    private final Redis redis;
    private final StreamNames streams;
    private final InletMetrics metrics;
    private long timer = -1;

    public StreamGauges(Vertx vertx, Redis redis, StreamNames streams, InletMetrics metrics) {
        this.vertx = vertx;
        this.redis = redis;
        this.streams = streams;
        this.metrics = metrics;
    }

    public void start(long everyMillis) {
        timer = vertx.setPeriodic(0, everyMillis, t -> poll());
    }

    public void stop() {
        vertx.cancelTimer(timer);
    }

    /** One reading; completes when the gauges are updated. */
    public Future<Void> poll() {
        List<Future<long[]>> shards = streams.shards().stream().map(this::poll).toList();
        return Future.all(shards)
                .<Void>map(done -> {
                    long[] sum = new long[4];
                    for (Future<long[]> f : shards) {
                        long[] s = f.result();
                        sum[0] += s[0];
                        sum[1] = sum[1] < 0 || s[1] < 0 ? -1 : sum[1] + s[1];
                        sum[2] = sum[2] < 0 || s[2] < 0 ? -1 : sum[2] + s[2];
                        sum[3] += s[3];
                    }
                    metrics.stream(sum[0], sum[1], sum[2], sum[3]);
                    return null;
                })
                .onFailure(err -> metrics.stream(-1, -1, -1, -1));
    }

    /** [length, pending, lag, dead letters] of one shard; its two keys share a slot, so one batch. */
    private Future<long[]> poll(StreamNames.Shard shard) {
        return redis.batch(List.of(
                        Request.cmd(Command.XLEN).arg(shard.stream()),
                        Request.cmd(Command.XLEN).arg(shard.deadLetter())))
                .compose(lengths -> groupInfo(shard).map(group -> new long[] {
                    lengths.get(0).toLong(), group[0], group[1], lengths.get(1).toLong()
                }));
    }

    /** [pending, lag] of the workers' group; lag is -1 on Redis before 7.0, which does not report it. */
    private Future<long[]> groupInfo(StreamNames.Shard shard) {
        return redis.send(Request.cmd(Command.XINFO).arg("GROUPS").arg(shard.stream()))
                .map(groups -> {
                    for (Response g : groups) {
                        if (StreamNames.GROUP.equals(RedisReplies.field(g, "name"))) {
                            String lag = RedisReplies.field(g, "lag");
                            return new long[] {
                                Long.parseLong(RedisReplies.field(g, "pending")), lag == null ? -1 : Long.parseLong(lag)
                            };
                        }
                    }
                    return new long[] {0, -1};
                })
                .recover(err -> Future.succeededFuture(new long[] {-1, -1}));
    }
}
