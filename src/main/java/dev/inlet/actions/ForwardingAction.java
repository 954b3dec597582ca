package dev.inlet.actions;

import io.vertx.core.Future;
import java.util.List;
import java.util.Map;

/** An action that wraps another: everything but what it overrides goes to the wrapped one. */
abstract class ForwardingAction implements Action {
    protected final Action action;

    ForwardingAction(Action action) {
        this.action = action;
    }

    @Override
    public String name() {
        return action.name();
    }

    @Override
    public List<String> check(Map<String, Object> options) {
        return action.check(options);
    }

    @Override
    public boolean blocking() {
        return action.blocking();
    }

    @Override
    public Future<Void> close() {
        return action.close();
    }
}
