package dev.inlet.queue;

import dev.inlet.redis.CommandBatcher;
import dev.inlet.redis.RedisReplies;
import dev.inlet.redis.RedisScript;
import dev.inlet.redis.RoundBatcher;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The ingest side of the event stream, with group commit: the events an event loop accepts during
 * one round of I/O are written to Redis in one write per shard and answered together.
 *
 * <p>Events without an idempotency key go as a pipeline of plain {@code XADD}s: the cheapest way
 * for Redis to take them (about half the server CPU of the same XADDs inside a Lua script). Events
 * with a key go through one Lua script call, which checks the key and appends atomically. Either
 * way every event has its own outcome — queued, a repeat of an idempotency key (answered with the
 * first transid, not queued again), or refused by Redis (e.g. OOM under {@code noeviction}) — so a
 * caller hears "queued" exactly for the events in the stream, and "failed" exactly for those that
 * are not, even when Redis refuses some of a batch. Only a timeout or a lost connection leaves the
 * outcome unknown; that is a failure too (the sender retries).
 *
 * <p>Other writes of the same round may ride along in the pipeline ({@link #ride}): one socket write
 * and one read for the round instead of two; each still has its own outcome.
 *
 * <p>The stream is not trimmed here: {@link StreamTrimmer} trims below what the workers still owe.
 * Confined to the event loop it was created on.
 */
public final class EventAppender {
    /** Bounds one write, so a burst of large bodies cannot build one huge command. */
    static final int MAX_EVENTS = 256;

    static final int MAX_BYTES = 1024 * 1024;

    /**
     * For the events with an idempotency key. KEYS[1] the shard's stream; KEYS[2..] the events'
     * idempotency keys, in order. ARGV[1] the number of events; then per event its window in ms and
     * the values of its fields ({@link StreamEntryCodec#addValues}; the script writes their names, so
     * they are not sent per event). Returns per event {1, transid} when queued, {0, firstTransid} for
     * a repeat, {-1, error} when Redis refused the XADD.
     */
    private static final RedisScript APPEND = new RedisScript(
            """
      local out = {}
      for e = 0, tonumber(ARGV[1]) - 1 do
        local p = 2 + e * %d
        local key = KEYS[e + 2]
        local transid = %s
        local seen = redis.call('GET', key)
        if seen then
          out[e + 1] = {0, seen}
        else
          local r = redis.pcall('XADD', KEYS[1], '*', %s)
          if type(r) == 'table' and r.err then
            out[e + 1] = {-1, r.err}
          else
            redis.pcall('SET', key, transid, 'PX', ARGV[p])
            out[e + 1] = {1, transid}
          end
        end
      end
      return out
      """
                    .formatted(
                            1 + StreamEntryCodec.VALUES,
                            StreamEntryCodec.luaValue("p", EventFields.TRANSID),
                            StreamEntryCodec.luaPairs("p")));

    /** XADD's id argument, encoded once. */
    private static final byte[] AUTO_ID = "*".getBytes(StandardCharsets.UTF_8);

    private final Redis redis;
    private final StreamNames streams;
    private final long timeoutMillis;
    /** Each shard's stream name, encoded once. */
    private final byte[][] streamNames;
    /** Each shard's events of this round. */
    private final List<RoundBatcher<Pending>> rounds = new ArrayList<>();

    private int next;

    /** The outcome of an append: the transid that identifies the event, and whether it was a repeat. */
    public record Appended(String transid, boolean duplicate) {}

    /** An event to append, or a command riding along ({@code rider}, answered on {@code riderDone}). */
    private record Pending(
            StreamEntry event,
            String idempotencyKey,
            long windowMillis,
            Promise<Appended> promise,
            Request rider,
            int riderBytes,
            Promise<Response> riderDone) {
        int bytes() {
            return rider == null ? event.body().length : riderBytes;
        }
    }

    /**
     * Must be created on the event loop whose handlers call {@link #append}. {@code redis} is the
     * plain client (not a {@link CommandBatcher}): each script call is its own command, so no other
     * command's failure can hide its per-event outcomes.
     */
    public EventAppender(Redis redis, Context context, StreamNames streams, Duration timeout) {
        this.redis = redis;
        this.streams = streams;
        this.timeoutMillis = timeout.toMillis();
        this.streamNames = new byte[streams.size()][];
        for (StreamNames.Shard shard : streams.shards()) {
            rounds.add(
                    RoundBatcher.bounded(context, MAX_EVENTS, MAX_BYTES, Pending::bytes, batch -> write(shard, batch)));
            streamNames[shard.index()] = shard.stream().getBytes(StandardCharsets.UTF_8);
        }
    }

    /**
     * Appends the event. With an idempotency value (its SHA-256, hex), the event goes to the shard that
     * value hashes to, and a repeat inside {@code window} returns the first transid; without one, to
     * the next shard in turn.
     */
    public Future<Appended> append(StreamEntry event, String idempotencyHash, Duration window) {
        StreamNames.Shard shard;
        String key = null;
        if (idempotencyHash == null) {
            shard = streams.shard(next);
            next = (next + 1) % streams.size();
        } else {
            shard = streams.forHash(idempotencyHash);
            key = shard.idempotencyKey(event.endpoint(), idempotencyHash);
        }
        Promise<Appended> promise = Promise.promise();
        rounds.get(shard.index())
                .add(new Pending(
                        event, key, window == null ? 0 : Math.max(1, window.toMillis()), promise, null, 0, null));
        return promise.future();
    }

    /**
     * Sends {@code command} in the pipeline of this round's events (the next shard's), about {@code
     * bytes} long: for a write that is not an event and need not be atomic with one, such as a
     * history record. Its failure is its own; an event's outcome never depends on it. Not for Redis
     * Cluster, where a command for another slot would fail the whole pipeline before it is written.
     */
    public Future<Response> ride(Request command, int bytes) {
        Promise<Response> done = Promise.promise();
        rounds.get(next).add(new Pending(null, null, 0, null, command, bytes, done));
        return done.future();
    }

    /**
     * Runs {@code hook} before each round's write (a {@link #ride}r's own round batcher, flushed so
     * its commands go out in this write rather than in a write of their own).
     */
    public void beforeWrite(Runnable hook) {
        for (RoundBatcher<Pending> round : rounds) {
            round.beforeFlush(hook);
        }
    }

    /** A shard's events of one round: the plain ones as a pipeline, those with a key through the script. */
    private void write(StreamNames.Shard shard, List<Pending> batch) {
        List<Pending> plain = new ArrayList<>(batch.size());
        List<Pending> keyed = new ArrayList<>();
        for (Pending p : batch) {
            (p.rider() != null || p.idempotencyKey() == null ? plain : keyed).add(p);
        }
        if (!plain.isEmpty()) {
            pipeline(shard, plain);
        }
        if (!keyed.isEmpty()) {
            script(shard, keyed);
        }
    }

    /** One XADD per event, written together; the batch's error names the index of each refused one. */
    private void pipeline(StreamNames.Shard shard, List<Pending> batch) {
        List<Request> adds = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            adds.add(
                    p.rider() != null
                            ? p.rider()
                            : StreamEntryCodec.addFields(
                                    Request.cmd(Command.XADD)
                                            .arg(streamNames[shard.index()])
                                            .arg(AUTO_ID),
                                    p.event()));
        }
        redis.batch(adds).timeout(timeoutMillis, TimeUnit.MILLISECONDS).onComplete(ar -> {
            Set<Integer> refused = RedisReplies.failedIndexes(ar, batch.size());
            for (int i = 0; i < batch.size(); i++) {
                Pending p = batch.get(i);
                boolean failed = refused.contains(i);
                if (p.rider() != null) {
                    if (failed) {
                        p.riderDone().fail(ar.cause());
                    } else {
                        p.riderDone().complete(RedisReplies.replyAt(ar, i));
                    }
                } else if (failed) {
                    p.promise().fail(ar.cause());
                } else {
                    p.promise().complete(new Appended(p.event().transid(), false));
                }
            }
        });
    }

    private void script(StreamNames.Shard shard, List<Pending> batch) {
        List<String> keys = new ArrayList<>(1 + batch.size());
        keys.add(shard.stream());
        List<Object> args = new ArrayList<>(1 + batch.size() * (1 + StreamEntryCodec.VALUES));
        args.add(batch.size());
        for (Pending p : batch) {
            keys.add(p.idempotencyKey());
            args.add(p.windowMillis());
            StreamEntryCodec.addValues(args, p.event());
        }
        APPEND.run(redis::send, keys, args)
                .timeout(timeoutMillis, TimeUnit.MILLISECONDS)
                .onComplete(ar -> {
                    for (int i = 0; i < batch.size(); i++) {
                        Promise<Appended> promise = batch.get(i).promise();
                        if (ar.failed()) {
                            promise.fail(ar.cause());
                        } else {
                            Response outcome = ar.result().get(i);
                            int code = outcome.get(0).toInteger();
                            if (code < 0) {
                                promise.fail(new IllegalStateException("Redis refused the XADD: " + outcome.get(1)));
                            } else {
                                promise.complete(new Appended(outcome.get(1).toString(), code == 0));
                            }
                        }
                    }
                });
    }
}
