package dev.inlet.actions;

import dev.inlet.history.OutcomeWriter;
import dev.inlet.history.Outcomes;
import dev.inlet.variables.JsonBytes;
import java.util.ArrayList;
import java.util.List;

/**
 * What one attempt at an event ran, for the endpoint's history: one entry per action of each bound
 * rule and flow, in the order they are bound ({@code {"rule": id} or {"flow": id}, "action",
 * "ran", "skipped" (the condition text that skipped it, or why), "status" (the receiver's HTTP
 * status), "error", "millis"}), filled in by {@link EndpointBindings#run} as the actions finish, and
 * written as the outcome's {@code runs} straight as JSON bytes ({@link #write}). Bounded: at most
 * {@link OutcomeWriter#MAX_RUNS} entries, each text cut by {@link OutcomeWriter#cut}. {@link #OFF}
 * keeps nothing and costs nothing. Used on the run's event loop only.
 */
public final class RunLog implements Outcomes.Runs {
    /** Why a step did not run after a failure of its flow or rule. */
    static final String EARLIER_FAILED = "an earlier step failed";

    /** Keeps nothing: the endpoint's history is off. */
    public static final RunLog OFF = new RunLog(null);

    private final List<Run> runs;

    private RunLog(List<Run> runs) {
        this.runs = runs;
    }

    /** A log that keeps what runs. */
    public static RunLog keeping() {
        return new RunLog(new ArrayList<>());
    }

    /** How many entries it holds; 0 for {@link #OFF}. */
    public int size() {
        return runs == null ? 0 : runs.size();
    }

    /** Writes the entries so far as one JSON array; {@code []} for {@link #OFF}. */
    @Override
    public void write(JsonBytes out) {
        out.ascii("[");
        for (int i = 0; i < size(); i++) {
            if (i > 0) {
                out.ascii(",");
            }
            runs.get(i).write(out);
        }
        out.ascii("]");
    }

    /** One step's entry: until filled in, not run because an earlier step failed. */
    static final class Run {
        /** "rule" or "flow". */
        private final String kind;

        private final String id;
        private final String action;
        private boolean ran;
        /** Why it did not run; null once it ran. */
        private String skipped = EARLIER_FAILED;

        private int status;
        private String error;
        private long micros;

        private Run(String kind, String id, String action) {
            this.kind = kind;
            this.id = id;
            this.action = action;
        }

        /**
         * {@code {"<kind>": id, "action", "ran"}}, then {@code "skipped"} when it did not run, {@code
         * "status"} when there is one, {@code "error"} when there is one, {@code "millis"} when it ran.
         */
        private void write(JsonBytes out) {
            out.ascii("{\"")
                    .ascii(kind)
                    .ascii("\":")
                    .string(id)
                    .ascii(",\"action\":")
                    .string(action);
            out.ascii(ran ? ",\"ran\":true" : ",\"ran\":false");
            if (skipped != null) {
                out.ascii(",\"skipped\":").string(skipped);
            }
            if (status > 0) {
                out.ascii(",\"status\":").number(status);
            }
            if (error != null) {
                out.ascii(",\"error\":").string(error);
            }
            if (ran) {
                out.ascii(",\"millis\":").fixed(micros, 3);
            }
            out.ascii("}");
        }
    }

    /**
     * One entry per step of the rule or flow {@code id} ({@code kind} "rule" or "flow"), in order,
     * each until filled in "not run: an earlier step failed"; an element is null past the bound or
     * when the log is off.
     */
    Run[] entries(String kind, String id, List<Step> steps) {
        Run[] out = new Run[steps.size()];
        if (runs == null) {
            return out;
        }
        String cutId = cut(id);
        for (int i = 0; i < out.length && runs.size() < OutcomeWriter.MAX_RUNS; i++) {
            out[i] = new Run(kind, cutId, cut(steps.get(i).action()));
            runs.add(out[i]);
        }
        return out;
    }

    /** The step of {@code entry} did not run, because of {@code why}; with its condition's error, if any. */
    static void skipped(Run entry, String why, String error) {
        if (entry != null) {
            entry.skipped = cut(why);
            if (error != null) {
                entry.error = cut(error);
            }
        }
    }

    /** {@link #skipped(Run, String, String)} for each of {@code entries}. */
    static void skipped(Run[] entries, String why, String error) {
        for (Run entry : entries) {
            skipped(entry, why, error);
        }
    }

    /**
     * The step of {@code entry} ran for {@code nanos}: the receiver's {@code status} (0 = none) and its
     * {@code error} (null on success).
     */
    static void ran(Run entry, int status, String error, long nanos) {
        if (entry != null) {
            entry.ran = true;
            entry.skipped = null;
            if (status > 0) {
                entry.status = status;
            }
            if (error != null) {
                entry.error = cut(error);
            }
            entry.micros = OutcomeWriter.micros(nanos);
        }
    }

    private static String cut(String text) {
        return OutcomeWriter.cut(text);
    }
}
