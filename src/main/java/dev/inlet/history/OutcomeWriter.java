package dev.inlet.history;

import dev.inlet.redis.CommandSender;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the outcome of one attempt at an accepted event into its endpoint's outcomes set ({@link
 * Outcomes}): one ZADD per attempt, through a group-committing sender (a {@code CommandBatcher} of
 * the worker verticle's event loop), in the endpoint's slot. Best effort: a Redis error never fails
 * or delays the event and is never retried; it is counted ({@link #failures}) and logged at DEBUG.
 * The outcome JSON is bounded: at most {@link #MAX_RUNS} runs, each text at most {@link #MAX_TEXT}
 * characters. Confined to the sender's context.
 */
public final class OutcomeWriter {
    private static final Logger LOG = LoggerFactory.getLogger(OutcomeWriter.class);
    /** Most runs one outcome lists. */
    public static final int MAX_RUNS = 100;
    /** Most characters of one text of an outcome (an id, a condition, an error). */
    public static final int MAX_TEXT = 300;

    private final CommandSender redis;
    private final HistoryKeys keys;
    private long failures;

    public OutcomeWriter(CommandSender redis, HistoryKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /**
     * Keeps attempt {@code attempt} at event {@code transid} of {@code endpoint}, started at {@code
     * startedAt} (epoch ms) and run for {@code millis}.
     *
     * @param replay the history id of the record the event replays; "" when it is no replay
     * @param runs what ran, each entry already bounded
     * @param error the attempt's failure; null on success
     */
    public void write(
            String endpoint,
            String transid,
            int attempt,
            String replay,
            Outcomes.State state,
            long startedAt,
            double millis,
            JsonArray runs,
            String error) {
        JsonObject outcome = new JsonObject()
                .put("attempt", attempt)
                .put("replay", cut(replay))
                .put("state", state.label())
                .put("millis", millis)
                .put("runs", runs);
        if (error != null) {
            outcome.put("error", cut(error));
        }
        Request zadd = Outcomes.add(keys.outcomes(endpoint), Outcomes.member(transid, startedAt, outcome));
        redis.send(zadd, keys.records(endpoint)).onFailure(err -> {
            failures++;
            LOG.debug("transid={} outcome of attempt {} not kept: {}", transid, attempt, err.toString());
        });
    }

    /** How many outcomes Redis did not take. */
    public long failures() {
        return failures;
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
