package dev.inlet.queue;

import dev.inlet.redis.RedisReplies;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the event stream near {@code redis.maxLength} without ever removing an event the workers
 * still owe: once the stream is longer than that, it trims (XTRIM MINID) below the oldest entry that
 * is pending or not yet delivered. XADD ... MAXLEN would cut by count alone and can drop unprocessed
 * entries under a backlog; here a backlog larger than maxLength makes the stream grow instead, up
 * to Redis' maxmemory, where ingest answers 7005 and nothing accepted is lost.
 *
 * <p>Safe without a transaction: between reading the group's state and trimming, deliveries only
 * move forward, so the computed bound only gets more conservative.
 *
 * <p>An approximate trim removes whole macro nodes, at most {@link #STEP} entries per XTRIM, so a
 * pass repeats it until a step removes nothing. A single XTRIM with Redis' default LIMIT (10,000)
 * every few seconds could not keep up with sustained ingest of a few thousand events a second, and
 * the stream grew without bound though the workers kept up. Redis runs one command at a time, so a
 * step is kept small (freeing 1,000 ~1 KiB events takes it about 0.3 ms) and only one pass per
 * stream runs in a process at a time: ten-thousand-entry steps from every worker verticle at once
 * held ingest's XADDs up long enough to push its p99 latency over 10 ms. A process has one trim
 * timer ({@code worker.TrimTimer}), and its {@link TrimPasses} keep a pass that outlasts the
 * timer's period from being overlapped by the next.
 */
public final class StreamTrimmer {
    /** Entries one approximate XTRIM removes at most. */
    static final long STEP = 1_000;
    /** A pass that takes longer (Redis stalled) no longer keeps the next ones from starting. */
    static final long MAX_PASS_MILLIS = 60_000;

    private final Redis redis;
    private final String stream;
    private final long maxLength;
    private final boolean approximate;
    private final TrimPasses passes;

    /**
     * @param approximate trims whole macro nodes only (cheap; what production uses)
     * @param passes the passes running in this process, shared by all its trimmers
     */
    public StreamTrimmer(Redis redis, String stream, long maxLength, boolean approximate, TrimPasses passes) {
        this.redis = redis;
        this.passes = passes;
        this.stream = stream;
        this.maxLength = maxLength;
        this.approximate = approximate;
    }

    /**
     * One pass; the result is the number of entries removed (0 when nothing may go, or when another
     * pass on this stream is running in this process). A pass still running after
     * {@link #MAX_PASS_MILLIS} fails, and the next one may start.
     */
    public Future<Long> trim() {
        if (maxLength <= 0 || !passes.begin(stream)) {
            return Future.succeededFuture(0L);
        }
        return redis.send(Request.cmd(Command.XLEN).arg(stream))
                .compose(len -> {
                    if (len.toLong() <= maxLength) {
                        return Future.succeededFuture(0L);
                    }
                    return oldestOwed()
                            .compose(minId -> minId == null ? Future.succeededFuture(0L) : trimBelow(minId, 0));
                })
                .timeout(MAX_PASS_MILLIS, TimeUnit.MILLISECONDS)
                .onComplete(ar -> passes.end(stream));
    }

    /**
     * Trims below {@code minId}; approximate steps repeat until one removes nothing. (A step may remove
     * fewer than {@link #STEP} and still have more to do: Redis' 4 KiB nodes hold a few ~1 KiB events
     * each, and a step stops before the node that would take it over its LIMIT.)
     */
    private Future<Long> trimBelow(String minId, long removedSoFar) {
        Request xtrim = Request.cmd(Command.XTRIM).arg(stream).arg("MINID");
        if (!approximate) {
            return redis.send(xtrim.arg("=").arg(minId)).map(r -> removedSoFar + r.toLong());
        }
        return redis.send(xtrim.arg("~").arg(minId).arg("LIMIT").arg(STEP)).compose(r -> {
            long removed = r.toLong();
            return removed > 0 ? trimBelow(minId, removedSoFar + removed) : Future.succeededFuture(removedSoFar);
        });
    }

    /** The smallest id the group still needs: its oldest pending entry, else the first undelivered one. */
    Future<String> oldestOwed() {
        return redis.send(Request.cmd(Command.XINFO).arg("GROUPS").arg(stream)).compose(groups -> {
            String lastDelivered = null;
            for (Response g : groups) {
                if (StreamNames.GROUP.equals(RedisReplies.field(g, "name"))) {
                    lastDelivered = RedisReplies.field(g, "last-delivered-id");
                }
            }
            if (lastDelivered == null) {
                // No group yet: every entry is still owed.
                return Future.succeededFuture(null);
            }
            String firstUndelivered = next(lastDelivered);
            return redis.send(Request.cmd(Command.XPENDING).arg(stream).arg(StreamNames.GROUP))
                    .map(summary -> {
                        long pending = summary.get(0).toLong();
                        return pending > 0 && summary.get(1) != null
                                ? summary.get(1).toString()
                                : firstUndelivered;
                    });
        });
    }

    /** The stream id right after {@code id} ({@code ms-seq}). */
    static String next(String id) {
        int dash = id.indexOf('-');
        long ms = Long.parseLong(id.substring(0, dash));
        long seq = Long.parseLong(id.substring(dash + 1));
        return seq == Long.MAX_VALUE ? (ms + 1) + "-0" : ms + "-" + (seq + 1);
    }
}
