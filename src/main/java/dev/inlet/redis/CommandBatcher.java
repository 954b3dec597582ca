package dev.inlet.redis;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for one event loop: the commands sent while the loop handles one round of I/O go to
 * Redis as one pipelined batch, written once, when the round ends. Under load this turns many small
 * writes and replies into a few large ones for both Inlet and Redis; with one request at a time it
 * is a plain send. Every caller still gets its own reply, and only after Redis answered.
 *
 * <p>A batch fails as a whole when any of its commands fails (vertx-redis-client's batch contract):
 * callers then see a failure for commands that may have been applied. For the ingest path that
 * means a 7005 for an event that may be queued, so the sender retries and the event may arrive
 * twice — never a 1002 for an event that is not queued. Confined to the context it was created on.
 *
 * <p>Redis Cluster: vertx-redis-client sends a batch to one node and refuses, before writing
 * anything, a batch whose keys live on several nodes. The first such refusal switches this batcher to
 * one batch per hash slot (from the key each caller names), and the refused commands are sent again
 * that way; nothing was applied, so nothing runs twice.
 */
public final class CommandBatcher implements CommandSender {
    private static final Logger LOG = LoggerFactory.getLogger(CommandBatcher.class);
    /** Bounds one batch so a burst cannot build one huge write. */
    static final int MAX_BATCH = 512;

    private static final int NO_KEY = -1;

    private final Redis redis;
    private final long timeoutMillis;
    private final RoundBatcher<Pending> round;
    private boolean perSlot;

    private record Pending(Request request, String key, Promise<Response> promise) {}

    /** Must be created on the event loop whose handlers will call {@link #send}. */
    public CommandBatcher(Redis redis, Context context, long timeoutMillis) {
        this.redis = redis;
        this.timeoutMillis = timeoutMillis;
        this.round = RoundBatcher.bounded(context, MAX_BATCH, this::flush);
    }

    @Override
    public Future<Response> send(Request request) {
        return send(request, null);
    }

    @Override
    public Future<Response> send(Request request, String key) {
        Promise<Response> promise = Promise.promise();
        round.add(new Pending(request, key, promise));
        return promise.future();
    }

    /** Whether batches go one per hash slot, because the client talks to a Redis Cluster. */
    public boolean perSlot() {
        return perSlot;
    }

    private void flush(List<Pending> batch) {
        if (perSlot) {
            writePerSlot(batch);
            return;
        }
        write(batch).onComplete(ar -> {
            if (ar.failed() && refusedAcrossNodes(ar.cause())) {
                perSlot = true;
                LOG.info("Redis Cluster: group commit continues with one batch per hash slot");
                writePerSlot(batch);
            } else {
                complete(batch, ar);
            }
        });
    }

    private void writePerSlot(List<Pending> batch) {
        Map<Integer, List<Pending>> bySlot = new LinkedHashMap<>();
        for (Pending p : batch) {
            bySlot.computeIfAbsent(p.key() == null ? NO_KEY : HashSlots.slot(p.key()), s -> new ArrayList<>())
                    .add(p);
        }
        for (List<Pending> group : bySlot.values()) {
            write(group).onComplete(ar -> complete(group, ar));
        }
    }

    private Future<List<Response>> write(List<Pending> batch) {
        Future<List<Response>> replies;
        if (batch.size() == 1) {
            replies = redis.send(batch.get(0).request()).map(List::of);
        } else {
            List<Request> requests = new ArrayList<>(batch.size());
            batch.forEach(p -> requests.add(p.request()));
            replies = redis.batch(requests);
        }
        return replies.timeout(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    private static void complete(List<Pending> batch, AsyncResult<List<Response>> ar) {
        for (int i = 0; i < batch.size(); i++) {
            if (ar.succeeded()) {
                batch.get(i).promise().complete(ar.result().get(i));
            } else {
                batch.get(i).promise().fail(ar.cause());
            }
        }
    }

    /**
     * The cluster client's own refusal of a batch spanning nodes (RedisClusterConnection.batch), not a
     * CROSSSLOT error from Redis, which comes after commands may have run.
     */
    static boolean refusedAcrossNodes(Throwable err) {
        String m = err.getMessage();
        return m != null && m.contains("(CROSSSLOT)") && m.contains("client side resharding is not supported");
    }
}
