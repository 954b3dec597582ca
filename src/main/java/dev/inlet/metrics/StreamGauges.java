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
 * failed read leaves -1 (lag: -1 when any shard cannot report it). The console reads the same
 * (with the group's consumers) on demand ({@link #read}).
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

    /**
     * The stream summed over the shards: its length, the workers' group's pending entries, lag and
     * consumers, and the dead letters. -1 for what could not be read (lag: when any shard cannot
     * report it, as Redis before 7.0).
     */
    public record Reading(long length, long pending, long lag, long consumers, long deadLetters) {
        public static final Reading UNKNOWN = new Reading(-1, -1, -1, -1, -1);

        Reading plus(Reading o) {
            return new Reading(
                    length + o.length,
                    sum(pending, o.pending),
                    sum(lag, o.lag),
                    sum(consumers, o.consumers),
                    deadLetters + o.deadLetters);
        }

        private static long sum(long a, long b) {
            return a < 0 || b < 0 ? -1 : a + b;
        }
    }

    /** One reading; completes when the gauges are updated. */
    public Future<Void> poll() {
        return read().<Void>map(r -> {
                    metrics.stream(r.length(), r.pending(), r.lag(), r.deadLetters());
                    return null;
                })
                .onFailure(err -> metrics.stream(-1, -1, -1, -1));
    }

    /** One reading from Redis, not into the gauges. */
    public Future<Reading> read() {
        List<Future<Reading>> shards = streams.shards().stream().map(this::read).toList();
        return Future.all(shards).map(done -> {
            Reading sum = new Reading(0, 0, 0, 0, 0);
            for (Future<Reading> f : shards) {
                sum = sum.plus(f.result());
            }
            return sum;
        });
    }

    /** One shard's reading; its two keys share a slot, so one batch. */
    private Future<Reading> read(StreamNames.Shard shard) {
        return redis.batch(List.of(
                        Request.cmd(Command.XLEN).arg(shard.stream()),
                        Request.cmd(Command.XLEN).arg(shard.deadLetter())))
                .compose(lengths -> groupInfo(shard)
                        .map(group -> new Reading(
                                lengths.get(0).toLong(),
                                group[0],
                                group[1],
                                group[2],
                                lengths.get(1).toLong())));
    }

    /** [pending, lag, consumers] of the workers' group; lag is -1 on Redis before 7.0, which does not report it. */
    private Future<long[]> groupInfo(StreamNames.Shard shard) {
        return redis.send(Request.cmd(Command.XINFO).arg("GROUPS").arg(shard.stream()))
                .map(groups -> {
                    for (Response g : groups) {
                        if (StreamNames.GROUP.equals(RedisReplies.field(g, "name"))) {
                            String lag = RedisReplies.field(g, "lag");
                            return new long[] {
                                Long.parseLong(RedisReplies.field(g, "pending")),
                                lag == null ? -1 : Long.parseLong(lag),
                                Long.parseLong(RedisReplies.field(g, "consumers"))
                            };
                        }
                    }
                    return new long[] {0, -1, 0};
                })
                .recover(err -> Future.succeededFuture(new long[] {-1, -1, -1}));
    }
}
