package dev.inlet.history;

import dev.inlet.config.HistoryConfig;
import dev.inlet.redis.CommandSender;
import dev.inlet.redis.RoundBatcher;
import dev.inlet.variables.JsonBytes;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one event loop's history records, after their answers were sent: the records of one round
 * of I/O (at most {@link HistoryRecord#MAX_PER_ENTRY}, {@link #MAX_BYTES_PER_ENTRY}) as one XADD, one
 * stream entry, per endpoint (Redis takes one XADD of 30 records in about a third of the time per
 * record that 30 XADDs take), then an {@code XTRIM MINID} when {@link History#wrote} says the
 * endpoint is past its count bound; through a {@link Sink} whose failures are per command
 * (so a history write that Redis refuses never fails a transaction-limit check or an append): the
 * event appender's pipeline, where records ride along with the round's events in one socket write,
 * or on Redis Cluster (where a record's slot is not the shard's) a command batcher of their own. Best
 * effort: the answer was already given and an accepted event is already in its stream, so a record
 * Redis does not take is counted as not recorded, never retried, and never delays a request.
 * Refusals and handshakes spend the process's {@link RefusalBudget} first; accepted events are
 * always recorded. At most {@link #MAX_BYTES_IN_FLIGHT} of records wait for Redis at once; past that a
 * record is counted, not kept, so a slow Redis cannot fill the heap with history. Confined to its
 * event loop.
 */
public final class HistoryWriter {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryWriter.class);
    /** Bytes of records one event loop may have sent and not yet had answered. */
    static final long MAX_BYTES_IN_FLIGHT = 8L * 1024 * 1024;

    private static final long WARN_EVERY_MILLIS = 60_000;

    /** Bytes of records one entry may hold (past it the round's records go on in a further entry). */
    public static final long MAX_BYTES_PER_ENTRY = 1024 * 1024;

    private final Sink redis;
    private final RoundBatcher<Pending> round;

    /** What {@link #framed} starts with, and most it keeps between rounds (past it, it starts over). */
    private static final int SCRATCH_BYTES = 64 * 1024;

    /**
     * The round's records, each framed into it as it is written ({@link HistoryRecord#frame}), while
     * what it holds is still in the CPU's cache. A flush takes it and leaves an empty one in its
     * place first, so a record written while the flush sends (an answer that a failed send gave at
     * once) goes into the next round's.
     */
    private JsonBytes framed = new JsonBytes(SCRATCH_BYTES);

    /** The buffer of the last flush, emptied, for the next: two buffers, not one a round. */
    private JsonBytes spare;

    /** A record of the round: its bytes in {@code in}. */
    private record Pending(String endpoint, long keep, JsonBytes in, int from, int bytes) {}

    private final History history;
    private final AnswerCounts counts;
    /** Each endpoint's records key, made once: the writer serves every request of its event loop. */
    private final Map<String, String> recordKeys = new java.util.HashMap<>();

    private long inFlight;
    private long lastWarning;

    /** Where records are sent: a command, the key whose slot it goes to, its size in bytes. */
    @FunctionalInterface
    public interface Sink {
        Future<Response> send(Request command, String key, int bytes);

        /** A batcher of this event loop used for nothing but history. */
        static Sink of(CommandSender batcher) {
            return (command, key, bytes) -> batcher.send(command, key);
        }
    }

    /** How long a record waits for a write of events to ride in, when it rides ({@link #riding}). */
    static final long RIDE_WAIT_MILLIS = 5;

    /**
     * Must be created on the event loop whose handlers call {@link #write}. The records of a round
     * are sent at its end, each endpoint's as one entry.
     */
    public HistoryWriter(Context context, Sink redis, History history) {
        this(context, redis, history, false);
    }

    private HistoryWriter(Context context, Sink redis, History history, boolean riding) {
        this.redis = redis;
        this.history = history;
        this.counts = history.counts(context);
        this.round = RoundBatcher.bounded(
                context, HistoryRecord.MAX_PER_ENTRY, MAX_BYTES_PER_ENTRY, Pending::bytes, this::flush);
        if (riding) {
            round.deferred(RIDE_WAIT_MILLIS);
        }
    }

    /**
     * A writer whose records ride in the event appender's writes: whoever writes the events calls
     * {@link #flush} first ({@code EventAppender.beforeWrite}), so under load a round's records go
     * out with the next round's events, in one socket write, rather than in a write of their own
     * (records are written after their answers, when the round's events have gone); with no events
     * to ride with, they are sent {@link #RIDE_WAIT_MILLIS} after the first of them.
     */
    public static HistoryWriter riding(Context context, Sink redis, History history) {
        return new HistoryWriter(context, redis, history, true);
    }

    /** This event loop's answer counts, which every answer to a configured endpoint goes into. */
    public AnswerCounts counts() {
        return counts;
    }

    /**
     * Whether a record of {@code endpoint} with this answer will be kept: history on, and for a
     * refusal or handshake ({@code accepted} false) the refusal budget not spent (then it is counted).
     * Call it before building the record, so nothing is built for one that is not kept.
     */
    public boolean admits(String endpoint, HistoryConfig config, boolean accepted) {
        if (!config.enabled()) {
            return false;
        }
        if (accepted || history.budget().take(endpoint, config.refusalsPerSecond())) {
            return true;
        }
        history.budget().notRecorded(endpoint);
        return false;
    }

    /** Writes {@code record} of {@code endpoint}, which {@link #admits} admitted, with the round's others. */
    public void write(String endpoint, HistoryConfig config, HistoryRecord record) {
        if (inFlight + record.body().length + record.headers().length + 256L > MAX_BYTES_IN_FLIGHT) {
            history.budget().notRecorded(endpoint);
            return;
        }
        int from = framed.length();
        record.frame(framed);
        int bytes = framed.length() - from;
        inFlight += bytes;
        round.add(new Pending(endpoint, config.keep(), framed, from, bytes));
    }

    /** Sends the records written so far this round now (before the pipeline they ride in is written). */
    public void flush() {
        round.flush();
    }

    /** One XADD per endpoint of the round's records, oldest first (at most a bound of them). */
    private void flush(List<Pending> batch) {
        JsonBytes taken = framed;
        framed = spare != null ? spare : new JsonBytes(SCRATCH_BYTES);
        spare = null;
        Map<String, List<Pending>> byEndpoint = new LinkedHashMap<>();
        for (Pending p : batch) {
            byEndpoint.computeIfAbsent(p.endpoint(), e -> new ArrayList<>()).add(p);
        }
        for (Map.Entry<String, List<Pending>> e : byEndpoint.entrySet()) {
            send(e.getKey(), e.getValue());
        }
        if (taken.capacity() <= SCRATCH_BYTES) {
            spare = taken.reset();
        }
    }

    /** One endpoint's records of the round as one entry, then a trim when it is time. */
    private void send(String endpoint, List<Pending> group) {
        String key = recordKeys.computeIfAbsent(endpoint, history.keys()::records);
        int size = 0;
        for (Pending p : group) {
            size += p.bytes();
        }
        byte[] value = new byte[size];
        int at = 0;
        for (Pending p : group) {
            p.in().copyTo(p.from(), p.bytes(), value, at);
            at += p.bytes();
        }
        long keep = group.get(group.size() - 1).keep();
        int bytes = size;
        redis.send(HistoryRecord.append(key, keep, value), key, bytes).onComplete(ar -> {
            inFlight -= bytes;
            if (ar.failed()) {
                history.budget().notRecorded(endpoint, group.size());
                warn(endpoint, ar.cause());
                return;
            }
            String trimTo = ar.result() == null
                    ? null
                    : history.wrote(endpoint, ar.result().toString(), group.size(), keep);
            if (trimTo != null) {
                redis.send(Request.cmd(Command.XTRIM).arg(key).arg("MINID").arg(trimTo), key, 64)
                        .onFailure(err -> warn(endpoint, err));
            }
        });
    }

    private void warn(String endpoint, Throwable cause) {
        long now = System.currentTimeMillis();
        if (now - lastWarning >= WARN_EVERY_MILLIS) {
            lastWarning = now;
            LOG.warn(
                    "endpoint={} a history record was not written: {} (history records are best effort;"
                            + " this warning repeats at most once a minute per event loop)",
                    endpoint,
                    cause.toString());
        }
    }
}
