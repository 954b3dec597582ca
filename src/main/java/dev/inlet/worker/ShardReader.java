package dev.inlet.worker;

import dev.inlet.queue.GroupReader;
import dev.inlet.queue.StreamEntry;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;

/**
 * The read loop of one {@link ShardConsumer}, as Redis' streams documentation has it: after a
 * start, the consumer's own pending entries first (left by a stop or a crash), from the start of its
 * pending list until a read comes back empty; then new entries, with a bounded BLOCK so a stop is
 * never held up. It reads only while the consumer has room, as many entries as {@link ReadSizes}
 * allows, and again as soon as a read landed; after a read that came back less than half full (the
 * consumer has caught up), it waits {@link #LINGER_MILLIS}, so entries arriving meanwhile are read
 * together: a caught-up consumer would otherwise pay a read, an XACK and a few context hops for
 * every one or two events. Confined to the consumer's context.
 */
final class ShardReader {
    static final long BLOCK_MILLIS = 2_000;
    static final long LINGER_MILLIS = 2;
    /** After a failed read (Redis unreachable, say), the next one waits this long. */
    private static final long RETRY_MILLIS = 1_000;

    private final Vertx vertx;
    private final GroupReader group;
    private final ShardConsumer consumer;
    private final ReadSizes sizes;
    private final int batchSize;
    private final Runnable resume = this::pump;
    private boolean reading;
    private boolean ownPendingDone;
    private String pendingCursor = "0";
    private long lingerTimer = -1;

    ShardReader(Vertx vertx, GroupReader group, ShardConsumer consumer, ReadSizes sizes, int batchSize) {
        this.vertx = vertx;
        this.group = group;
        this.consumer = consumer;
        this.sizes = sizes;
        this.batchSize = batchSize;
    }

    /** Reads unless a read is under way or lingering, the consumer stops, or it has no room (it pumps again when it has). */
    void pump() {
        if (consumer.stopping() || reading || lingerTimer >= 0) {
            return;
        }
        int room = consumer.room();
        if (room <= 0) {
            consumer.whenRoom(resume);
            return;
        }
        long bytesLeft = consumer.bytesLeft();
        if (bytesLeft <= 0 && consumer.holdsAny()) {
            // The consumer pumps again as its entries finish.
            return;
        }
        reading = true;
        int asked = sizes.nextRead(Math.min(Math.min(batchSize, room), sizes.worstCaseCount()), bytesLeft);
        Future<List<StreamEntry>> read =
                ownPendingDone ? group.fresh(asked, BLOCK_MILLIS) : group.ownPending(pendingCursor, asked);
        read.onComplete(ar -> landed(ar, asked));
    }

    private void landed(AsyncResult<List<StreamEntry>> ar, int asked) {
        reading = false;
        if (consumer.stopping()) {
            // Entries read now stay pending for this consumer: its next start reads them first.
            return;
        }
        if (ar.failed()) {
            consumer.logError("read", ar.cause());
            vertx.setTimer(RETRY_MILLIS, t -> pump());
            return;
        }
        List<StreamEntry> entries = ar.result();
        sizes.read(entries);
        boolean fresh = ownPendingDone;
        if (!ownPendingDone) {
            if (entries.isEmpty()) {
                ownPendingDone = true;
            } else {
                pendingCursor = entries.get(entries.size() - 1).id();
            }
        }
        entries.forEach(entry -> consumer.take(entry, fresh));
        if (fresh && entries.size() < asked / 2) {
            lingerTimer = vertx.setTimer(LINGER_MILLIS, t -> {
                lingerTimer = -1;
                pump();
            });
        } else {
            pump();
        }
    }

    /** Cancels a linger; a read under way lands and is left pending ({@link ShardConsumer#stopping()}). */
    void stop() {
        vertx.cancelTimer(lingerTimer);
    }
}
