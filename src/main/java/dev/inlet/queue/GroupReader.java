package dev.inlet.queue;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.List;

/**
 * One consumer's reads (XREADGROUP) of one shard: its own pending entries after a cursor, or new
 * entries with a bounded BLOCK. Give it a client of its own: a blocked read holds its connection.
 */
public final class GroupReader {
    private final Redis reads;
    private final String stream;
    private final String consumer;

    public GroupReader(Redis reads, String stream, String consumer) {
        this.reads = reads;
        this.stream = stream;
        this.consumer = consumer;
    }

    /** Up to {@code count} entries delivered to this consumer before and not acknowledged, after {@code cursor} ("0" first). */
    public Future<List<StreamEntry>> ownPending(String cursor, int count) {
        return reads.send(read(count).arg("STREAMS").arg(stream).arg(cursor)).map(EntryReplies::ofRead);
    }

    /** Up to {@code count} entries never delivered to the group, waiting up to {@code blockMillis} for one. */
    public Future<List<StreamEntry>> fresh(int count, long blockMillis) {
        return reads.send(read(count)
                        .arg("BLOCK")
                        .arg(blockMillis)
                        .arg("STREAMS")
                        .arg(stream)
                        .arg(">"))
                .map(EntryReplies::ofRead);
    }

    private Request read(int count) {
        return Request.cmd(Command.XREADGROUP)
                .arg("GROUP")
                .arg(StreamNames.GROUP)
                .arg(consumer)
                .arg("COUNT")
                .arg(count);
    }
}
