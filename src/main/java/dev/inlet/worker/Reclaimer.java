package dev.inlet.worker;

import dev.inlet.queue.Claims;
import dev.inlet.queue.StreamEntry;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The claims of one {@link ShardConsumer}, on a timer well under {@code claimIdle}: first it resets
 * the idle time of the entries the consumer holds (running or waiting for a retry), so a slow event
 * or a long backoff is not claimed and run a second time by another consumer (only a consumer that
 * stopped doing this loses them); then, while the consumer has room, it takes over entries idle
 * longer than {@code claimIdle} (XAUTOCLAIM: their consumer died), continuing its scan of the
 * pending list from where the last one stopped. Confined to the consumer's context.
 */
final class Reclaimer {
    private static final Logger LOG = LoggerFactory.getLogger(Reclaimer.class);

    private final Vertx vertx;
    private final Claims claims;
    private final ShardConsumer consumer;
    private final ReadSizes sizes;
    private final Duration claimIdle;
    private final int batchSize;
    private String cursor = "0-0";
    private long timer = -1;

    Reclaimer(Vertx vertx, Claims claims, ShardConsumer consumer, ReadSizes sizes, Duration claimIdle, int batchSize) {
        this.vertx = vertx;
        this.claims = claims;
        this.consumer = consumer;
        this.sizes = sizes;
        this.claimIdle = claimIdle;
        this.batchSize = batchSize;
    }

    void start() {
        // Well under claimIdle, so the entries this consumer holds never look idle to the others.
        long every = Math.max(100, claimIdle.toMillis() / 3);
        timer = vertx.setPeriodic(every, every, t -> {
            keepHeldClaimed();
            claimIdle();
        });
    }

    void stop() {
        vertx.cancelTimer(timer);
    }

    private void keepHeldClaimed() {
        if (consumer.stopping() || !consumer.holdsAny()) {
            return;
        }
        claims.keep(consumer.heldIds()).onFailure(err -> consumer.logError("keep in-flight entries claimed", err));
    }

    private void claimIdle() {
        if (consumer.stopping() || consumer.room() <= 0) {
            return;
        }
        claims.idle(claimIdle.toMillis(), cursor, Math.min(batchSize, sizes.worstCaseCount()))
                .onComplete(ar -> {
                    if (ar.failed()) {
                        consumer.logError("claim", ar.cause());
                        return;
                    }
                    cursor = ar.result().cursor();
                    List<StreamEntry> claimed = ar.result().entries().stream()
                            .filter(entry -> !consumer.holds(entry.id()))
                            .toList();
                    if (!claimed.isEmpty()) {
                        LOG.info("reclaimed {} entries idle longer than {}", claimed.size(), claimIdle);
                    }
                    claimed.forEach(entry -> consumer.take(entry, false));
                });
    }
}
