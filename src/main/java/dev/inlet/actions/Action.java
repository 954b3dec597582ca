package dev.inlet.actions;

import io.vertx.core.Future;
import java.util.List;
import java.util.Map;

/**
 * What a flow step or a rule does with an event: the handler SPI. Built-ins are {@code http},
 * {@code stream} and {@code log}; custom handlers are discovered with {@link java.util.ServiceLoader}:
 * list the implementing class in {@code META-INF/services/dev.inlet.actions.Action} on the class path,
 * and name it in the config with {@code action: <name()>}.
 *
 * <p>Each worker verticle loads its own instances (a public no-argument constructor is required).
 * Worker verticles run on event loops; a handler that may block ({@link #blocking()}, the default)
 * has {@link #run} called on a worker thread instead, one call at a time per worker verticle:
 * blocking briefly is allowed, but prefer returning a future. Calls for different events
 * interleave, never overlap.
 *
 * <p>A failed future fails the event: it is retried with backoff, and <b>every</b> action of the
 * event runs again (delivery is at least once), so a handler should be idempotent, keyed by
 * {@link Event#transid()}. A handler that knows no retry can help (the event can never be delivered)
 * fails with {@link dev.inlet.queue.PermanentFailure}: the event goes to the dead-letter stream at once.
 */
public interface Action {

    /** The name used in the config's {@code action:} key; unique among all actions. */
    String name();

    /**
     * Checks a step's options once, at start-up. Each problem is one line {@code "key: what is wrong"}
     * and stops start-up, reported under the step's key (e.g. {@code flows[0].steps[1].url: ...}).
     */
    default List<String> check(Map<String, Object> options) {
        return List.of();
    }

    /** Runs the action for one event; a failed future makes the event be retried. */
    Future<Void> run(ActionContext context);

    /**
     * Whether {@link #run} may block its thread. True, the default: Inlet calls it on a worker thread,
     * so a handler may wait briefly (a JDBC insert, a file write). A handler that never blocks (it
     * only starts asynchronous work and returns its future, as the built-ins do) returns false and
     * runs on its worker verticle's event loop, which saves two thread hand-offs per event.
     */
    default boolean blocking() {
        return true;
    }

    /** Releases what the instance holds; called when its worker verticle stops. */
    default Future<Void> close() {
        return Future.succeededFuture();
    }
}
