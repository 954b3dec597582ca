package dev.inlet.actions;

import dev.inlet.config.EndpointConfig;
import dev.inlet.config.PayloadFormat;
import dev.inlet.variables.Payload;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules and flows one endpoint is bound to, and how they run for an event: every rule whose
 * {@code when} matches runs its actions in order; every flow runs its steps in order, skipping a
 * step whose {@code when} is false; rules and flows run side by side. The event succeeds when all
 * of them finished without failure; otherwise it fails with every failure named, and the consumer
 * retries the whole event (all actions run again).
 */
public final class EndpointBindings {
  private static final Logger LOG = LoggerFactory.getLogger(EndpointBindings.class);
  private static final int MAX_ERROR = 1000;

  private final EndpointConfig endpoint;
  private final List<CompiledRule> rules;
  private final List<CompiledFlow> flows;
  private final UnknownVariables unknown;

  EndpointBindings(EndpointConfig endpoint, List<CompiledRule> rules, List<CompiledFlow> flows, UnknownVariables unknown) {
    this.endpoint = endpoint;
    this.rules = rules;
    this.flows = flows;
    this.unknown = unknown;
  }

  public EndpointConfig endpoint() {
    return endpoint;
  }

  /** Whether the endpoint is bound to no flow and no rule: its events need no action. */
  public boolean isEmpty() {
    return rules.isEmpty() && flows.isEmpty();
  }

  /**
   * Parses what the bound conditions read of the payload (the JSON tree or the DOM a JsonPath or an
   * XPath needs), so that {@link #run} does not: the worker calls it on a worker thread for large
   * bodies. Blocking; a body that does not parse is reported by {@link #run}.
   */
  public void prepare(Payload payload) {
    PayloadFormat format = endpoint.format();
    for (CompiledRule rule : rules) {
      prepare(rule.when().get(format), payload);
      rule.actions().forEach(step -> prepare(step.condition(format), payload));
    }
    for (CompiledFlow flow : flows) {
      flow.steps().forEach(step -> prepare(step.condition(format), payload));
    }
  }

  private static void prepare(Condition condition, Payload payload) {
    if (condition != null) {
      condition.prepare(payload);
    }
  }

  /**
   * Runs the bound rules and flows for one event, with the actions of the calling worker verticle.
   * The future fails with a message naming each failed step.
   */
  public Future<Void> run(Event event, Payload payload, Map<String, Action> actions, Vertx vertx) {
    List<Future<Void>> runs = new ArrayList<>(rules.size() + flows.size());
    for (CompiledRule rule : rules) {
      runs.add(matches(rule.when().get(endpoint.format()), payload, "rule " + rule.id())
          .compose(match -> {
            if (!match) {
              LOG.debug("transid={} rule {} does not match", event.transid(), rule.id());
              return Future.succeededFuture();
            }
            return inOrder(rule.actions(), event, payload, actions, vertx);
          }));
    }
    for (CompiledFlow flow : flows) {
      runs.add(inOrder(flow.steps(), event, payload, actions, vertx));
    }
    if (runs.isEmpty()) {
      return Future.succeededFuture();
    }
    return Future.join(runs).transform(ar -> {
      if (ar.succeeded()) {
        return Future.succeededFuture();
      }
      StringBuilder errors = new StringBuilder();
      for (Future<Void> run : runs) {
        if (run.failed()) {
          if (errors.length() > 0) {
            errors.append("; ");
          }
          errors.append(run.cause().getMessage());
        }
      }
      String message = errors.length() > MAX_ERROR ? errors.substring(0, MAX_ERROR) + "…" : errors.toString();
      return Future.failedFuture(new ActionFailure(message));
    });
  }

  private Future<Void> inOrder(List<Step> steps, Event event, Payload payload, Map<String, Action> actions, Vertx vertx) {
    Future<Void> chain = Future.succeededFuture();
    for (Step step : steps) {
      chain = chain.compose(v -> matches(step.condition(endpoint.format()), payload, step.label())
          .compose(match -> {
            if (!match) {
              LOG.debug("transid={} {} skipped: its when is false", event.transid(), step.label());
              return Future.succeededFuture();
            }
            return runStep(step, event, payload, actions.get(step.action()), vertx);
          }));
    }
    return chain;
  }

  private Future<Void> runStep(Step step, Event event, Payload payload, Action action, Vertx vertx) {
    if (action == null) {
      return Future.failedFuture(new ActionFailure(step.label() + ": no such action in this worker"));
    }
    Future<Void> result;
    try {
      result = action.run(new StepContext(step, event, payload, vertx, unknown));
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    if (result == null) {
      result = Future.failedFuture("returned no future");
    }
    return result.recover(err -> Future.failedFuture(new ActionFailure(step.label() + ": " + describe(err))));
  }

  /** A missing condition is true; one that throws (a malformed body) fails the event. */
  private static Future<Boolean> matches(Condition condition, Payload payload, String label) {
    if (condition == null) {
      return Future.succeededFuture(true);
    }
    try {
      return Future.succeededFuture(condition.test(payload));
    } catch (RuntimeException e) {
      return Future.failedFuture(new ActionFailure(label + ": condition could not be evaluated: " + describe(e)));
    }
  }

  private static String describe(Throwable err) {
    return err.getMessage() == null ? err.getClass().getSimpleName() : err.getMessage();
  }
}
