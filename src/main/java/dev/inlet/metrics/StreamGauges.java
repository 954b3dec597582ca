package dev.inlet.metrics;

import dev.inlet.queue.RedisReplies;
import dev.inlet.queue.StreamNames;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;

/**
 * Reads the stream's length, the consumer group's pending count and lag, and the dead-letter
 * length from Redis every few seconds into {@link InletMetrics}; a failed read leaves -1.
 */
public final class StreamGauges {
  private final Vertx vertx;
  private final Redis redis;
  private final String stream;
  private final InletMetrics metrics;
  private long timer = -1;

  public StreamGauges(Vertx vertx, Redis redis, String stream, InletMetrics metrics) {
    this.vertx = vertx;
    this.redis = redis;
    this.stream = stream;
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
    return redis.batch(List.of(
            Request.cmd(Command.XLEN).arg(stream),
            Request.cmd(Command.XLEN).arg(StreamNames.deadLetter(stream))))
        .compose(lengths -> groupInfo().map(group -> {
          metrics.stream(lengths.get(0).toLong(), group[0], group[1], lengths.get(1).toLong());
          return (Void) null;
        }))
        .onFailure(err -> metrics.stream(-1, -1, -1, -1));
  }

  /** [pending, lag] of the workers' group; lag is -1 on Redis before 7.0, which does not report it. */
  private Future<long[]> groupInfo() {
    return redis.send(Request.cmd(Command.XINFO).arg("GROUPS").arg(stream))
        .map(groups -> {
          for (Response g : groups) {
            if (StreamNames.GROUP.equals(RedisReplies.field(g, "name"))) {
              String lag = RedisReplies.field(g, "lag");
              return new long[] {Long.parseLong(RedisReplies.field(g, "pending")), lag == null ? -1 : Long.parseLong(lag)};
            }
          }
          return new long[] {0, -1};
        })
        .recover(err -> Future.succeededFuture(new long[] {-1, -1}));
  }
}
