package dev.inlet.worker;

import dev.inlet.queue.PermanentFailure;
import dev.inlet.queue.StreamEntry;
import io.vertx.core.Future;

/**
 * What a worker does with one event: flatten it and run its endpoint's flows and rules. A failed
 * future means "try again later"; the consumer retries with backoff and dead-letters after the last
 * attempt, or at once when the cause is a {@link PermanentFailure} (see {@link AttemptPolicy}).
 * Called on the worker verticle's context.
 */
@FunctionalInterface
public interface EventProcessor {
    Future<Void> process(StreamEntry entry, int attempt);

    /**
     * {@link #process(StreamEntry, int)}, marking in {@code trace} what the endpoint's history keeps
     * of the attempt; by default nothing.
     */
    default Future<Void> process(StreamEntry entry, int attempt, AttemptTrace trace) {
        return process(entry, attempt);
    }

    /** Releases what the processor holds (HTTP clients, ...); called once its consumer stopped. */
    default Future<Void> close() {
        return Future.succeededFuture();
    }
}
