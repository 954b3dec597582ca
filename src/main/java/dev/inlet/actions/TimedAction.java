package dev.inlet.actions;

import dev.inlet.metrics.InletMetrics;
import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.Map;

/** Records every run of an action (latency, ok or failed) in {@link InletMetrics}, under the action's name. */
public final class TimedAction extends ForwardingAction {
    private final InletMetrics metrics;

    private TimedAction(Action action, InletMetrics metrics) {
        super(action);
        this.metrics = metrics;
    }

    /** The same actions, each timed. */
    public static Map<String, Action> wrap(Map<String, Action> actions, InletMetrics metrics) {
        Map<String, Action> timed = new LinkedHashMap<>();
        actions.forEach((name, action) -> timed.put(name, new TimedAction(action, metrics)));
        return timed;
    }

    @Override
    public Future<Void> run(ActionContext context) {
        long started = System.nanoTime();
        Future<Void> result;
        try {
            result = action.run(context);
        } catch (RuntimeException e) {
            result = Future.failedFuture(e);
        }
        if (result == null) {
            result = Future.failedFuture("returned no future");
        }
        return result.onComplete(ar -> metrics.action(action.name(), ar.succeeded(), System.nanoTime() - started));
    }
}
