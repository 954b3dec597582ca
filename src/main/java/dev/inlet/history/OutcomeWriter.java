package dev.inlet.history;

import dev.inlet.redis.CommandSender;
import dev.inlet.redis.RoundBatcher;
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
 * Writes the outcome of one attempt at an accepted event into its endpoint's outcomes stream ({@link
 * Outcomes}). The outcomes of one event-loop round are written together ({@link RoundBatcher}): one
 * XADD of one entry per endpoint per round, its members one field, so Redis parses and stores one
 * bulk string for many attempts (a single-key command, which a cluster client routes to the
 * endpoint's slot). Best effort: a Redis error never fails or delays an event and is never retried;
 * it is counted ({@link #failures}) and logged at DEBUG. The stream is kept to about {@code keep ×
 * (workers.maxAttempts + 1)} members of this process, the newest (every attempt of the endpoint's
 * {@code keep} newest events, and their replays), by an {@code XTRIM MINID} when the process's
 * {@link EntryRings} says so: a busy endpoint's outcomes never outgrow its records between two
 * passes of {@link History}. The outcome JSON is bounded: at most {@link #MAX_RUNS} runs, each text
 * at most {@link #MAX_TEXT} characters. Confined to the sender's context.
 */
public final class OutcomeWriter {
    private static final Logger LOG = LoggerFactory.getLogger(OutcomeWriter.class);
    /** Most runs one outcome lists. */
    public static final int MAX_RUNS = 100;
    /** Most characters of one text of an outcome (an id, a condition, an error). */
    public static final int MAX_TEXT = 300;

    /** Most members one entry carries. */
    static final int MAX_BATCH = 256;

    private final CommandSender redis;
    private final HistoryKeys keys;
    private final RoundBatcher<Kept> round;
    private final int maxAttempts;
    /** The entries this process wrote, shared by its writers: the count bound. */
    private final EntryRings rings;

    private long failures;

    private record Kept(String endpoint, long keep, byte[] member) {}

    /** Writes this writer's members: it serves one context. */
    private final Outcomes.MemberWriter memberWriter = new Outcomes.MemberWriter();

    /**
     * Must be created on the event loop whose handlers call {@link #write}.
     *
     * @param maxAttempts {@code workers.maxAttempts}: the most attempts one event has (replays aside)
     * @param rings the entries of outcomes this process wrote: one for every writer of the process
     */
    public OutcomeWriter(Context context, CommandSender redis, HistoryKeys keys, int maxAttempts, EntryRings rings) {
        this.redis = redis;
        this.rings = rings;
        this.keys = keys;
        this.maxAttempts = maxAttempts;
        this.round = RoundBatcher.bounded(context, MAX_BATCH, this::flush);
    }

    /**
     * Keeps attempt {@code attempt} at event {@code transid} of {@code endpoint}, started at {@code
     * startedAt} (epoch ms) and run for {@code nanos}.
     *
     * @param keep the endpoint's {@code history.keep}
     * @param replay the history id of the record the event replays; "" when it is no replay
     * @param runs what ran, each entry already bounded
     * @param error the attempt's failure; null on success
     */
    public void write(
            String endpoint,
            long keep,
            String transid,
            int attempt,
            String replay,
            Outcomes.State state,
            long startedAt,
            long nanos,
            Outcomes.Runs runs,
            String error) {
        byte[] member =
                memberWriter.member(transid, startedAt, attempt, cut(replay), state, micros(nanos), runs, cut(error));
        round.add(new Kept(endpoint, keep, member));
    }

    /** Sends the outcomes written so far this round now (before the batch they ride in is made). */
    public void flush() {
        round.flush();
    }

    private void flush(List<Kept> batch) {
        Map<String, List<byte[]>> byEndpoint = new LinkedHashMap<>();
        Map<String, Long> keepOf = new java.util.HashMap<>();
        for (Kept kept : batch) {
            byEndpoint.computeIfAbsent(kept.endpoint(), e -> new ArrayList<>()).add(kept.member());
            keepOf.put(kept.endpoint(), kept.keep());
        }
        byEndpoint.forEach((endpoint, members) -> {
            String key = keys.outcomes(endpoint);
            long most = keepOf.get(endpoint) * (maxAttempts + 1L);
            send(endpoint, Outcomes.append(key, most, members)).onSuccess(id -> {
                String trimTo = id == null ? null : rings.wrote(endpoint, id.toString(), members.size(), most);
                if (trimTo != null) {
                    send(
                            endpoint,
                            Request.cmd(Command.XTRIM).arg(key).arg("MINID").arg(trimTo));
                }
            });
        });
    }

    private Future<Response> send(String endpoint, Request command) {
        return redis.send(command, keys.records(endpoint)).onFailure(err -> {
            failures++;
            LOG.debug("outcomes of endpoint {} not kept: {}", endpoint, err.toString());
        });
    }

    /** How many outcomes Redis did not take. */
    public long failures() {
        return failures;
    }

    /** {@code nanos} to the nearest microsecond: an outcome's {@code millis} hold it as milliseconds. */
    public static long micros(long nanos) {
        return Math.round(nanos / 1_000.0);
    }

    /** {@code text} cut to at most {@link #MAX_TEXT} characters, an ellipsis ending a cut one. */
    public static String cut(String text) {
        if (text == null || text.length() <= MAX_TEXT) {
            return text;
        }
        int end = MAX_TEXT - 1;
        // Never half a surrogate pair: the JSON would not be valid UTF-8.
        return text.substring(0, Character.isHighSurrogate(text.charAt(end - 1)) ? end - 1 : end) + "…";
    }
}
