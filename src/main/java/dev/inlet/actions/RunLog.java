package dev.inlet.actions;

import dev.inlet.history.OutcomeWriter;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What one attempt at an event ran, for the endpoint's history: one entry per action of each bound
 * rule and flow, in the order they are bound ({@code {"rule": id} or {"flow": id}, "action",
 * "ran", "skipped" (the condition text that skipped it, or why), "status" (the receiver's HTTP
 * status), "error", "millis"}), filled in by {@link EndpointBindings#run} as the actions finish.
 * Bounded: at most {@link OutcomeWriter#MAX_RUNS} entries, each text cut by {@link OutcomeWriter#cut}.
 * {@link #OFF} keeps nothing and costs nothing. Used on the run's event loop only.
 */
public final class RunLog {
    /** Why a step did not run after a failure of its flow or rule. */
    static final String EARLIER_FAILED = "an earlier step failed";

    /** Keeps nothing: the endpoint's history is off. */
    public static final RunLog OFF = new RunLog(null);

    private final JsonArray runs;

    private RunLog(JsonArray runs) {
        this.runs = runs;
    }

    /** A log that keeps what runs. */
    public static RunLog keeping() {
        return new RunLog(new JsonArray());
    }

    /** The entries so far; empty for {@link #OFF}. */
    public JsonArray runs() {
        return runs == null ? new JsonArray() : runs;
    }

    /**
     * One entry per step of the rule or flow {@code id} ({@code kind} "rule" or "flow"), in order,
     * each until filled in "not run: an earlier step failed"; an element is null past the bound or
     * when the log is off.
     */
    JsonObject[] entries(String kind, String id, List<Step> steps) {
        JsonObject[] out = new JsonObject[steps.size()];
        if (runs == null) {
            return out;
        }
        for (int i = 0; i < out.length && runs.size() < OutcomeWriter.MAX_RUNS; i++) {
            out[i] = new JsonObject()
                    .put(kind, cut(id))
                    .put("action", cut(steps.get(i).action()))
                    .put("ran", false)
                    .put("skipped", EARLIER_FAILED);
            runs.add(out[i]);
        }
        return out;
    }

    /** The step of {@code entry} did not run, because of {@code why}; with its condition's error, if any. */
    static void skipped(JsonObject entry, String why, String error) {
        if (entry != null) {
            entry.put("skipped", cut(why));
            if (error != null) {
                entry.put("error", cut(error));
            }
        }
    }

    /** {@link #skipped(JsonObject, String, String)} for each of {@code entries}. */
    static void skipped(JsonObject[] entries, String why, String error) {
        for (JsonObject entry : entries) {
            skipped(entry, why, error);
        }
    }

    /**
     * The step of {@code entry} ran for {@code nanos}: the receiver's {@code status} (0 = none) and its
     * {@code error} (null on success).
     */
    static void ran(JsonObject entry, int status, String error, long nanos) {
        if (entry != null) {
            entry.put("ran", true).remove("skipped");
            if (status > 0) {
                entry.put("status", status);
            }
            if (error != null) {
                entry.put("error", cut(error));
            }
            entry.put("millis", OutcomeWriter.millis(nanos));
        }
    }

    private static String cut(String text) {
        return OutcomeWriter.cut(text);
    }
}
