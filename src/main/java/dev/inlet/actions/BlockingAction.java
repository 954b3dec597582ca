package dev.inlet.actions;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;

/**
 * A custom action that may block ({@link Action#blocking()}), run off the event loop: each
 * {@link #run} and the {@link #close} go to a worker thread through its worker verticle's context,
 * ordered, so calls for different events never overlap, and the result comes back on the event loop.
 */
final class BlockingAction implements Action {
  private final Action action;
  private final Context context;

  /** @param context the context of the worker verticle that owns the instance */
  BlockingAction(Action action, Context context) {
    this.action = action;
    this.context = context;
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
    return true;
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
