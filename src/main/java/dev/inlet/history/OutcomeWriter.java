package dev.inlet.history;

import dev.inlet.redis.CommandSender;
import dev.inlet.redis.RoundBatcher;
import io.vertx.core.Context;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the outcome of one attempt at an accepted event into its endpoint's outcomes set ({@link
 * Outcomes}). The outcomes of one event-loop round are written together ({@link RoundBatcher}): one
 * variadic ZADD per endpoint per round, so Redis parses and runs one command for many attempts (a
 * single-key command, which a cluster client routes to the endpoint's slot). Best effort: a Redis
 * error never fails or delays an event and is never retried; it is counted ({@link #failures}) and
 * logged at DEBUG. The set is kept to at most {@code keep × (workers.maxAttempts + 1)} members, the
 * newest (every attempt of the endpoint's {@code keep} newest events, and their replays), by a
 * ZREMRANGEBYRANK once a quarter of that was added since the last: a busy endpoint's outcomes never
 * outgrow its records between two passes of {@link History}.
 * The outcome JSON is bounded: at most {@link #MAX_RUNS} runs, each text at most {@link #MAX_TEXT}
 * characters. Confined to the sender's context.
 */
public final class OutcomeWriter {
    private static final Logger LOG = LoggerFactory.getLogger(OutcomeWriter.class);
    /** Most runs one outcome lists. */
    public static final int MAX_RUNS = 100;
    /** Most characters of one text of an outcome (an id, a condition, an error). */
    public static final int MAX_TEXT = 300;

    /** Most members one ZADD carries. */
    static final int MAX_BATCH = 256;

    private final CommandSender redis;
    private final HistoryKeys keys;
    private final RoundBatcher<Kept> round;
    private final int maxAttempts;
    /** Per endpoint, the members added since its set was last trimmed by this writer. */
    private final Map<String, Long> sinceTrim = new java.util.HashMap<>();

    private long failures;

    private record Kept(String endpoint, long keep, byte[] member) {}

    /** Writes this writer's members: it serves one context. */
    private final Outcomes.MemberWriter memberWriter = new Outcomes.MemberWriter();

    /**
     * Must be created on the event loop whose handlers call {@link #write}.
     *
     * @param maxAttempts {@code workers.maxAttempts}: the most attempts one event has (replays aside)
     */
    public OutcomeWriter(Context context, CommandSender redis, HistoryKeys keys, int maxAttempts) {
        this.redis = redis;
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
            JsonArray runs,
            String error) {
        JsonObject outcome = new JsonObject()
                .put("attempt", attempt)
                .put("replay", cut(replay))
                .put("state", state.label())
                .put("millis", millis(nanos))
                .put("runs", runs);
        if (error != null) {
            outcome.put("error", cut(error));
        }
        round.add(new Kept(endpoint, keep, memberWriter.member(transid, startedAt, outcome)));
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
            send(endpoint, Outcomes.add(key, members));
            long most = keepOf.get(endpoint) * (maxAttempts + 1L);
            long added = sinceTrim.merge(endpoint, (long) members.size(), Long::sum);
            if (added >= Math.max(MAX_BATCH, most / 4)) {
                sinceTrim.remove(endpoint);
                send(endpoint, Outcomes.keepNewest(key, most));
            }
        });
    }

    private void send(String endpoint, io.vertx.redis.client.Request command) {
        redis.send(command, keys.records(endpoint)).onFailure(err -> {
            failures++;
            LOG.debug("outcomes of endpoint {} not kept: {}", endpoint, err.toString());
        });
    }

    /** How many outcomes Redis did not take. */
    public long failures() {
        return failures;
    }

    /** {@code nanos} as milliseconds to the microsecond: what an outcome's {@code millis} hold. */
    public static double millis(long nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
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
