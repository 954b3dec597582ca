package dev.inlet.actions;

import io.vertx.core.Context;
import io.vertx.core.Future;

/**
 * A custom action that may block ({@link Action#blocking()}), run off the event loop: each
 * {@link #run} and the {@link #close} go to a worker thread through its worker verticle's context,
 * ordered, so calls for different events never overlap, and the result comes back on the event loop.
 */
final class BlockingAction extends ForwardingAction {
    private final Context context;

    /** @param context the context of the worker verticle that owns the instance */
    BlockingAction(Action action, Context context) {
        super(action);
        this.context = context;
    }

    @Override
    public Future<Void> run(ActionContext ctx) {
        return context.executeBlocking(() -> action.run(ctx), true)
                .compose(result -> result == null ? Future.failedFuture("returned no future") : result);
    }

    @Override
    public Future<Void> close() {
        return context.executeBlocking(action::close, true)
                .compose(result -> result == null ? Future.succeededFuture() : result);
    }
}
