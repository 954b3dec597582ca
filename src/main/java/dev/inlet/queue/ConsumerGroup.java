package dev.inlet.queue;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

/** The workers' consumer group ({@link StreamNames#GROUP}) on the shards of the event stream. */
public final class ConsumerGroup {
    private ConsumerGroup() {}

    /** Creates the group on every shard where it is missing. */
    public static Future<Void> ensureAll(Redis redis, StreamNames streams) {
        return Future.all(streams.shards().stream()
                        .map(s -> ensure(redis, s.stream()))
                        .toList())
                .mapEmpty();
    }

    /** Creates the group when missing (from the stream's start, so no queued event is skipped). */
    public static Future<Void> ensure(Redis redis, String stream) {
        return redis.send(Request.cmd(Command.XGROUP)
                        .arg("CREATE")
                        .arg(stream)
                        .arg(StreamNames.GROUP)
                        .arg("0")
                        .arg("MKSTREAM"))
                .<Void>mapEmpty()
                .recover(err -> err.getMessage() != null && err.getMessage().startsWith("BUSYGROUP")
                        ? Future.succeededFuture()
                        : Future.failedFuture(err));
    }
}
