package dev.inlet.worker;

import dev.inlet.actions.RunLog;
import dev.inlet.history.OutcomeWriter;
import dev.inlet.history.Outcomes;
import dev.inlet.queue.EventFields;
import dev.inlet.queue.StreamEntry;

/**
 * What the endpoint's history keeps of one attempt at an event, between the two that each know half
 * of it: the {@link EventProcessor}, which knows whether the endpoint keeps a history and what ran
 * ({@link #keep}, {@link #nothingBound}), and the {@link ShardConsumer}, which knows what follows the
 * attempt (delivered, a retry, the dead letters) and writes it ({@link #settle}). An attempt the
 * processor did not mark is not written. Confined to the worker verticle's context.
 */
public final class AttemptTrace {
    private final long startedAt = System.currentTimeMillis();
    private final long startNanos = System.nanoTime();
    private RunLog runs;
    private boolean nothingBound;
    private long keep;

    /**
     * The endpoint keeps a history of {@code keep} records: the attempt is written, with what the
     * returned log notes.
     */
    public RunLog keep(long keep) {
        this.keep = keep;
        runs = RunLog.keeping();
        return runs;
    }

    /** The endpoint keeps a history of {@code keep} records and is bound to nothing: the attempt is written as {@code none}. */
    public void nothingBound(long keep) {
        this.keep = keep;
        runs = RunLog.OFF;
        nothingBound = true;
    }

    /**
     * Writes the attempt, if it is to be kept: {@code dead} or {@code retrying} when it failed with
     * {@code error}, else {@code delivered} or {@code none}.
     */
    void settle(OutcomeWriter writer, StreamEntry entry, int attempt, String error, boolean dead) {
        if (runs == null) {
            return;
        }
        Outcomes.State state = error == null
                ? (nothingBound ? Outcomes.State.NONE : Outcomes.State.DELIVERED)
                : (dead ? Outcomes.State.DEAD : Outcomes.State.RETRYING);
        writer.write(
                entry.endpoint(),
                keep,
                entry.transid(),
                attempt,
                entry.others().getOrDefault(EventFields.REPLAY_OF, ""),
                state,
                startedAt,
                System.nanoTime() - startNanos,
                runs,
                error);
    }
}
