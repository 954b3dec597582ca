package dev.inlet.queue;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

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
 * <p>An approximate trim removes whole macro nodes, at most {@link #STEP} entries per XTRIM (Redis'
 * own default LIMIT for {@code ~}), so a pass repeats it until a step removes nothing. Without the
 * repeat, a pass every few seconds removed at most 10,000 entries, and under sustained ingest of a
 * few thousand events a second the stream grew without bound even though the workers kept up.
 * Steps keep each XTRIM to a few milliseconds of Redis' time; the last one finds nothing to remove
 * at its first node.
 */
public final class StreamTrimmer {
  /** Entries one approximate XTRIM removes at most (Redis' default: 100 × stream-node-max-entries). */
  static final long STEP = 10_000;
  private final Redis redis;
  private final String stream;
  private final long maxLength;
  private final boolean approximate;

  /** {@code approximate} trims whole macro nodes only (cheap; what production uses). */
  public StreamTrimmer(Redis redis, String stream, long maxLength, boolean approximate) {
    this.redis = redis;
    this.stream = stream;
    this.maxLength = maxLength;
    this.approximate = approximate;
  }

  /** One pass; the result is the number of entries removed (0 when nothing may go). */
  public Future<Long> trim() {
    if (maxLength <= 0) {
      return Future.succeededFuture(0L);
    }
    return redis.send(Request.cmd(Command.XLEN).arg(stream)).compose(len -> {
      if (len.toLong() <= maxLength) {
        return Future.succeededFuture(0L);
      }
      return oldestOwed().compose(minId -> minId == null ? Future.succeededFuture(0L) : trimBelow(minId, 0));
    });
  }

  /**
   * Trims below {@code minId}; approximate steps repeat until one removes nothing. (A step that is
   * cut short by its LIMIT may remove fewer than {@link #STEP}: large entries make nodes of a few
   * entries each, and the step stops before the node that would exceed the limit.)
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
      return redis.send(Request.cmd(Command.XPENDING).arg(stream).arg(StreamNames.GROUP)).map(summary -> {
        long pending = summary.get(0).toLong();
        return pending > 0 && summary.get(1) != null ? summary.get(1).toString() : firstUndelivered;
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
