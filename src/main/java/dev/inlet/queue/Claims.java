package dev.inlet.queue;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.Collection;
import java.util.List;

/**
 * One consumer's claims on one shard's pending entries: XAUTOCLAIM of entries idle too long (their
 * consumer died), and XCLAIM of its own to reset their idle time.
 */
public final class Claims {
    private final Redis ops;
    private final String stream;
    private final String consumer;

    public Claims(Redis ops, String stream, String consumer) {
        this.ops = ops;
        this.stream = stream;
        this.consumer = consumer;
    }

    /** What one XAUTOCLAIM took: the cursor to continue from ("0-0" after a full scan) and the entries. */
    public record Page(String cursor, List<StreamEntry> entries) {}

    /** Takes over up to {@code count} entries idle longer than {@code minIdleMillis}, scanning from {@code cursor}. */
    public Future<Page> idle(long minIdleMillis, String cursor, int count) {
        return ops.send(Request.cmd(Command.XAUTOCLAIM)
                        .arg(stream)
                        .arg(StreamNames.GROUP)
                        .arg(consumer)
                        .arg(minIdleMillis)
                        .arg(cursor)
                        .arg("COUNT")
                        .arg(count))
                .map(r -> new Page(r.get(0).toString(), EntryReplies.ofClaim(r)));
    }

    /**
     * Resets the idle time of entries this consumer holds (XCLAIM to itself with JUSTID, so their
     * delivery counts stay as they are). {@code ids} must not be empty.
     */
    public Future<Void> keep(Collection<String> ids) {
        Request req = Request.cmd(Command.XCLAIM)
                .arg(stream)
                .arg(StreamNames.GROUP)
                .arg(consumer)
                .arg(0);
        ids.forEach(req::arg);
        return ops.send(req.arg("JUSTID")).mapEmpty();
    }
}
