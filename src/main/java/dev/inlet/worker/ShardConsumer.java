package dev.inlet.worker;

import dev.inlet.config.WorkersConfig;
import dev.inlet.history.OutcomeWriter;
import dev.inlet.queue.Acknowledgements;
import dev.inlet.queue.AttemptCounts;
import dev.inlet.queue.Claims;
import dev.inlet.queue.ConsumerGroup;
import dev.inlet.queue.DeadLetters;
import dev.inlet.queue.GroupReader;
import dev.inlet.queue.StreamEntry;
import dev.inlet.queue.StreamNames;
import dev.inlet.queue.WorkerMemory;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer of one shard of the event stream ({@link StreamNames.Shard}), and the one place that
 * knows which entries it holds. Its {@link ShardReader} brings its own pending entries first, then
 * new ones; its {@link Reclaimer} takes over entries whose consumer died and keeps its own from
 * looking idle. Every entry they bring is held here, counted against the verticle's
 * {@link InFlightLimit} and charged to the process's {@link WorkerMemory} until it finishes, and
 * runs its attempts here:
 * <ul>
 *   <li>a first delivery is attempt 1, with no Redis call before processing; an entry seen again
 *       (own pending, or claimed) counts the attempt that was cut short ({@link AttemptCounts}), so
 *       a crash loop stays bounded too;
 *   <li>after its processing succeeded, it is acknowledged ({@link Acknowledgements}, group-committed
 *       per round);
 *   <li>after a failure, the {@link AttemptPolicy} says: retry after a delay (the failure recorded
 *       in Redis first, so a crash during the wait still counts it; the entry stays held, and the
 *       reclaimer keeps it claimed), or move it to the dead-letter stream atomically with its XACK
 *       ({@link DeadLetters}).
 * </ul>
 * Once that is decided, the attempt's outcome goes to its endpoint's history ({@link AttemptTrace}).
 * Stopping ends reads and claims, lets go of the entries waiting for a retry (they stay pending, and
 * are read first at the next start) and waits, bounded, for the ones running.
 *
 * <p>A worker verticle runs one per shard. Confined to the verticle's context.
 *
 * <p>Over 300 lines because it is the one place that owns an entry's life in flight (taken,
 * attempted, acknowledged or dead-lettered, finished) and the drain at stop; reading, reclaiming
 * and the retry policy live apart.
 */
final class ShardConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(ShardConsumer.class);
    /** Redis errors are logged at most this often per consumer. */
    private static final long ERROR_LOG_MILLIS = 5_000;
    /** The outcome of an attempt that needs no retry. */
    private static final long DONE = 0;

    private final Vertx vertx;
    private final Redis ops;
    private final StreamNames.Shard shard;
    private final EventProcessor processor;
    private final AttemptPolicy policy;
    private final InFlightLimit limit;
    private final WorkerMemory memory;
    private final ReadSizes sizes;
    private final AttemptCounts attempts;
    private final Acknowledgements acks;
    private final OutcomeWriter outcomes;
    private final ShardReader reader;
    private final Reclaimer reclaimer;
    private final Map<String, Held> held = new HashMap<>();
    private boolean stopping;
    private Promise<Void> drained;
    private long lastErrorLog;

    /**
     * @param reads a client used only for the blocking reads
     * @param ops a client for acknowledgements, claims, attempts and dead letters
     * @param limit the in-flight bound shared with the verticle's other consumers
     * @param memory the in-flight heap budget shared with every consumer and pipeline of the process
     * @param largestBody the largest body an endpoint accepts now (the config's, as reloaded)
     * @param outcomes where each attempt's outcome goes, for the endpoints that keep a history
     */
    ShardConsumer(
            Vertx vertx,
            Redis reads,
            Redis ops,
            StreamNames.Shard shard,
            String consumer,
            WorkersConfig config,
            EventProcessor processor,
            AttemptPolicy policy,
            InFlightLimit limit,
            WorkerMemory memory,
            LongSupplier largestBody,
            OutcomeWriter outcomes) {
        this.vertx = vertx;
        this.outcomes = outcomes;
        this.ops = ops;
        this.shard = shard;
        this.processor = processor;
        this.policy = policy;
        this.limit = limit;
        this.memory = memory;
        this.sizes = new ReadSizes(memory, largestBody);
        this.attempts = new AttemptCounts(ops, shard);
        this.acks = new Acknowledgements(vertx.getOrCreateContext(), ops, shard, attempts);
        this.reader = new ShardReader(
                vertx, new GroupReader(reads, shard.stream(), consumer), this, sizes, config.batchSize());
        this.reclaimer = new Reclaimer(
                vertx, new Claims(ops, shard.stream(), consumer), this, sizes, config.claimIdle(), config.batchSize());
    }

    /** An entry held: its body's bytes, charged to the memory budget, and its retry's timer while it waits for one. */
    private static final class Held {
        final int bytes;
        long retryTimer = -1;

        Held(int bytes) {
            this.bytes = bytes;
        }
    }

    /**
     * The shard's acknowledgements, whose batch other writes of the consumer's context may ride in
     * ({@link Acknowledgements#ride}).
     */
    Acknowledgements acknowledgements() {
        return acks;
    }

    Future<Void> start() {
        memory.consumerStarted();
        return ConsumerGroup.ensure(ops, shard.stream()).onSuccess(v -> {
            reclaimer.start();
            reader.pump();
        });
    }

    /** Stops reading and waits (bounded) for entries in flight to finish; entries waiting for a retry stay pending. */
    Future<Void> stop(long timeoutMillis) {
        if (!stopping) {
            memory.consumerStopped();
        }
        stopping = true;
        reclaimer.stop();
        reader.stop();
        held.values().removeIf(entry -> {
            boolean waitingForRetry = entry.retryTimer >= 0 && vertx.cancelTimer(entry.retryTimer);
            if (waitingForRetry) {
                limit.released();
                memory.release(entry.bytes);
            }
            return waitingForRetry;
        });
        if (held.isEmpty()) {
            return Future.succeededFuture();
        }
        drained = Promise.promise();
        long timer = vertx.setTimer(timeoutMillis, t -> {
            LOG.warn(
                    "{} entries still in flight at shutdown; they stay pending and will be processed again",
                    held.size());
            drained.tryComplete();
        });
        return drained.future().onComplete(v -> vertx.cancelTimer(timer));
    }

    // What the reader and the reclaimer ask before they bring more.

    boolean stopping() {
        return stopping;
    }

    int room() {
        return limit.room();
    }

    void whenRoom(Runnable resume) {
        limit.whenRoom(resume);
    }

    long bytesLeft() {
        return memory.left();
    }

    boolean holdsAny() {
        return !held.isEmpty();
    }

    boolean holds(String id) {
        return held.containsKey(id);
    }

    Set<String> heldIds() {
        return Collections.unmodifiableSet(held.keySet());
    }

    /**
     * Takes an entry the reader or the reclaimer brought, unless already held. A {@code fresh} one
     * (first delivery) is attempt 1; one read again or claimed was attempted before.
     */
    void take(StreamEntry entry, boolean fresh) {
        if (held.containsKey(entry.id())) {
            return;
        }
        int bytes = entry.body().length;
        held.put(entry.id(), new Held(bytes));
        memory.take(bytes);
        sizes.taken(bytes);
        limit.taken();
        if (entry.deleted()) {
            LOG.warn("stream entry {} was trimmed or deleted before it was processed; acknowledging it", entry.id());
            acks.acknowledge(entry.id()).onComplete(ar -> finish(entry));
            return;
        }
        if (fresh) {
            attempt(entry, 1);
            return;
        }
        // Counts the attempt that was cut short (the worker died or stopped during it); the next is one more.
        attempts.countCutShort(entry.id()).onComplete(ar -> {
            if (ar.failed()) {
                logError("read attempts of " + entry.transid(), ar.cause());
                finish(entry);
            } else {
                attempt(entry, ar.result() + 1);
            }
        });
    }

    private void attempt(StreamEntry entry, int attempt) {
        Held holding = held.get(entry.id());
        if (holding != null) {
            holding.retryTimer = -1;
        }
        AttemptTrace trace = new AttemptTrace();
        Future<Long> retryIn = policy.mayRun(attempt)
                ? safely(entry, attempt, trace).transform(ar -> {
                    if (ar.succeeded()) {
                        trace.settle(outcomes, entry, attempt, null, false);
                        return acks.acknowledge(entry.id()).map(DONE);
                    }
                    return failed(entry, attempt, ar.cause(), trace);
                })
                : deadLetter(entry, "attempts exhausted (the worker stopped during earlier attempts)", attempt - 1);
        retryIn.onComplete(ar -> {
            Held now = held.get(entry.id());
            if (ar.failed()) {
                // Redis trouble while recording the outcome: the entry stays pending and is reclaimed later.
                logError("record outcome of " + entry.transid(), ar.cause());
                finish(entry);
            } else if (ar.result() > 0 && !stopping && now != null) {
                now.retryTimer = vertx.setTimer(ar.result(), t -> attempt(entry, attempt + 1));
            } else {
                finish(entry);
            }
        });
    }

    /** What follows a failed attempt: the delay before the retry, or {@link #DONE} once dead-lettered. */
    private Future<Long> failed(StreamEntry entry, int attempt, Throwable cause, AttemptTrace trace) {
        String error = String.valueOf(cause.getMessage());
        AttemptPolicy.Decision next = policy.afterFailure(attempt, cause);
        trace.settle(outcomes, entry, attempt, error, next instanceof AttemptPolicy.DeadLetter);
        if (next instanceof AttemptPolicy.Retry retry) {
            LOG.info(
                    "transid={} attempt {} of {} failed, retrying: {}",
                    entry.transid(),
                    attempt,
                    policy.maxAttempts(),
                    error);
            // Recorded before the retry waits, so a crash during the wait still counts this attempt.
            return attempts.recordFailed(entry.id(), attempt).map(v -> retry.delayMillis());
        }
        if (next == AttemptPolicy.DeadLetter.CANNOT_SUCCEED) {
            LOG.warn(
                    "transid={} cannot succeed, moved to the dead-letter stream without retries: {}",
                    entry.transid(),
                    error);
        } else {
            LOG.warn(
                    "transid={} failed {} times, moved to the dead-letter stream: {}", entry.transid(), attempt, error);
        }
        return deadLetter(entry, error, attempt);
    }

    private Future<Long> deadLetter(StreamEntry entry, String error, int attemptsMade) {
        return DeadLetters.move(ops, shard, entry, error, attemptsMade).map(id -> {
            attempts.movedToDeadLetters(entry.id());
            return DONE;
        });
    }

    private Future<Void> safely(StreamEntry entry, int attempt, AttemptTrace trace) {
        try {
            Future<Void> f = processor.process(entry, attempt, trace);
            return f == null ? Future.failedFuture("processor returned no result") : f;
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    private void finish(StreamEntry entry) {
        Held done = held.remove(entry.id());
        if (done != null) {
            limit.released();
            memory.release(done.bytes);
        }
        if (stopping) {
            if (held.isEmpty() && drained != null) {
                drained.tryComplete();
            }
        } else {
            reader.pump();
        }
    }

    /** Logs a Redis error, at most once per {@link #ERROR_LOG_MILLIS}. */
    void logError(String what, Throwable err) {
        long now = System.currentTimeMillis();
        if (now - lastErrorLog > ERROR_LOG_MILLIS) {
            lastErrorLog = now;
            LOG.warn("stream {}: {} failed: {}", shard.stream(), what, err.toString());
        }
    }
}
