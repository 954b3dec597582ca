package dev.inlet.actions;

import dev.inlet.config.EndpointConfig;
import dev.inlet.config.PayloadFormat;
import dev.inlet.queue.PermanentFailure;
import dev.inlet.variables.MalformedPayloadException;
import dev.inlet.variables.Payload;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules and flows one endpoint is bound to, and how they run for an event: every rule whose
 * {@code when} matches runs its actions in order; every flow runs its steps in order, skipping a
 * step whose {@code when} is false; rules and flows run side by side. The event succeeds when all
 * of them finished without failure; otherwise it fails with every failure named, and the consumer
 * retries the whole event (all actions run again), unless one failure is a {@link PermanentFailure}:
 * then the event can never succeed and fails permanently.
 */
public final class EndpointBindings {
    private static final Logger LOG = LoggerFactory.getLogger(EndpointBindings.class);
    private static final int MAX_ERROR = 1000;

    private final EndpointConfig endpoint;
    private final List<CompiledRule> rules;
    private final List<CompiledFlow> flows;
    private final UnknownVariables unknown;

    EndpointBindings(
            EndpointConfig endpoint, List<CompiledRule> rules, List<CompiledFlow> flows, UnknownVariables unknown) {
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
     * Conditions tested ahead of {@link #run}, which then reads their outcomes instead of testing:
     * whether each matched, or why it could not be evaluated. A condition depends only on the payload,
     * so testing it early gives the same outcome.
     */
    public static final class Tested {
        /** Nothing tested ahead: {@link #run} tests every condition itself. */
        public static final Tested NONE = new Tested();

        private final Map<Condition, Boolean> matched = new IdentityHashMap<>();
        private final Map<Condition, RuntimeException> failed = new IdentityHashMap<>();

        private Tested() {}
    }

    /**
     * Tests every bound condition on the payload, each with a {@linkplain ConditionBudget#full() full
     * budget}, parsing what they read (the JSON tree or the DOM a JsonPath or an XPath needs): the
     * worker calls it on a payload thread for a large body, so neither the parse nor the evaluation
     * runs on the event loop. Blocking.
     */
    public Tested testAhead(Payload payload) {
        Tested tested = new Tested();
        PayloadFormat format = endpoint.format();
        for (CompiledRule rule : rules) {
            testAhead(rule.when().get(format), payload, tested);
            rule.actions().forEach(step -> testAhead(step.condition(format), payload, tested));
        }
        for (CompiledFlow flow : flows) {
            flow.steps().forEach(step -> testAhead(step.condition(format), payload, tested));
        }
        return tested;
    }

    private static void testAhead(Condition condition, Payload payload, Tested tested) {
        if (condition == null || tested.matched.containsKey(condition) || tested.failed.containsKey(condition)) {
            return;
        }
        try {
            tested.matched.put(condition, condition.test(payload, ConditionBudget.full()));
        } catch (RuntimeException e) {
            tested.failed.put(condition, e);
        }
    }

    /**
     * Runs the bound rules and flows for one event, with the actions of the calling worker verticle,
     * reading the outcomes of the conditions tested ahead. A condition not tested ahead is tested here,
     * on the calling event loop, with an {@linkplain ConditionBudget#inline() inline budget}; one that
     * needs more is tested again from the start with a full budget on {@code payloads} (the process's
     * payload threads), and the run goes on with that outcome. The future fails with a message naming
     * each failed step.
     */
    public Future<Void> run(
            Event event,
            Payload payload,
            Map<String, Action> actions,
            Vertx vertx,
            Tested tested,
            WorkerExecutor payloads) {
        return run(event, payload, actions, vertx, tested, payloads, RunLog.OFF);
    }

    /** {@link #run} noting in {@code log} what each bound step did: ran, or skipped and why. */
    public Future<Void> run(
            Event event,
            Payload payload,
            Map<String, Action> actions,
            Vertx vertx,
            Tested tested,
            WorkerExecutor payloads,
            RunLog log) {
        Conditions conditions = new Conditions(payload, tested, payloads);
        List<Future<Void>> runs = new ArrayList<>(rules.size() + flows.size());
        for (CompiledRule rule : rules) {
            RunLog.Run[] entries = log.entries("rule", rule.id(), rule.actions());
            Condition when = rule.when().get(endpoint.format());
            runs.add(conditions
                    .matches(when, "rule " + rule.id())
                    .onFailure(err ->
                            RunLog.skipped(entries, "its rule's condition could not be evaluated", describe(err)))
                    .compose(match -> {
                        if (!match) {
                            LOG.debug("transid={} rule {} does not match", event.transid(), rule.id());
                            RunLog.skipped(entries, String.valueOf(when), null);
                            return Future.succeededFuture();
                        }
                        return inOrder(rule.actions(), entries, event, payload, actions, vertx, conditions);
                    }));
        }
        for (CompiledFlow flow : flows) {
            RunLog.Run[] entries = log.entries("flow", flow.id(), flow.steps());
            runs.add(inOrder(flow.steps(), entries, event, payload, actions, vertx, conditions));
        }
        if (runs.isEmpty()) {
            return Future.succeededFuture();
        }
        return Future.join(runs).transform(ar -> {
            if (ar.succeeded()) {
                return Future.succeededFuture();
            }
            StringBuilder errors = new StringBuilder();
            boolean permanent = false;
            for (Future<Void> run : runs) {
                if (run.failed()) {
                    if (errors.length() > 0) {
                        errors.append("; ");
                    }
                    errors.append(run.cause().getMessage());
                    permanent |= run.cause() instanceof PermanentFailure;
                }
            }
            String message = errors.length() > MAX_ERROR ? errors.substring(0, MAX_ERROR) + "…" : errors.toString();
            // The event succeeds only when every run does: one that can never succeed makes retries pointless.
            return Future.failedFuture(permanent ? new PermanentFailure(message) : new ActionFailure(message));
        });
    }

    private Future<Void> inOrder(
            List<Step> steps,
            RunLog.Run[] entries,
            Event event,
            Payload payload,
            Map<String, Action> actions,
            Vertx vertx,
            Conditions conditions) {
        Future<Void> chain = Future.succeededFuture();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            RunLog.Run entry = entries[i];
            Condition when = step.condition(endpoint.format());
            chain = chain.compose(v -> conditions
                    .matches(when, step.label())
                    .onFailure(err -> RunLog.skipped(entry, "its condition could not be evaluated", describe(err)))
                    .compose(match -> {
                        if (!match) {
                            LOG.debug("transid={} {} skipped: its when is false", event.transid(), step.label());
                            RunLog.skipped(entry, String.valueOf(when), null);
                            return Future.succeededFuture();
                        }
                        return runStep(step, entry, event, payload, actions.get(step.action()), vertx);
                    }));
        }
        return chain;
    }

    private Future<Void> runStep(
            Step step, RunLog.Run entry, Event event, Payload payload, Action action, Vertx vertx) {
        long started = entry == null ? 0 : System.nanoTime();
        if (action == null) {
            RunLog.ran(entry, 0, "no such action in this worker", 0);
            return Future.failedFuture(new ActionFailure(step.label() + ": no such action in this worker"));
        }
        StepContext context = new StepContext(step, event, payload, vertx, unknown);
        Future<Void> result;
        try {
            result = action.run(context);
        } catch (RuntimeException e) {
            result = Future.failedFuture(e);
        }
        if (result == null) {
            result = Future.failedFuture("returned no future");
        }
        if (entry != null) {
            result = result.andThen(ar -> RunLog.ran(
                    entry,
                    context.status(),
                    ar.succeeded() ? null : describe(ar.cause()),
                    System.nanoTime() - started));
        }
        return result.recover(err -> Future.failedFuture(failure(step.label() + ": " + describe(err), err)));
    }

    /**
     * Where one run's conditions are tested: read from those tested ahead, else on the event loop with
     * an inline budget, else (over it) on the payload threads with a full budget. Used on the run's
     * event loop only.
     */
    private static final class Conditions {
        private final Payload payload;
        private final Tested tested;
        private final WorkerExecutor payloads;
        /**
         * Set once a condition of this run needed the payload threads: the run's later conditions go there
         * at once, so the event loop never waits for the DOM's lock, which an XPath holds while it runs.
         */
        private boolean offLoop;

        Conditions(Payload payload, Tested tested, WorkerExecutor payloads) {
            this.payload = payload;
            this.tested = tested;
            this.payloads = payloads;
        }

        /** A missing condition is true; one that throws (a malformed body, a budget run out) fails the event. */
        Future<Boolean> matches(Condition condition, String label) {
            if (condition == null) {
                return Future.succeededFuture(true);
            }
            Boolean matched = tested.matched.get(condition);
            RuntimeException failure = tested.failed.get(condition);
            if (matched == null && failure == null) {
                if (offLoop) {
                    return offLoop(condition, label);
                }
                try {
                    matched = condition.test(payload, ConditionBudget.inline());
                } catch (ConditionBudgetExceeded inlineBudget) {
                    offLoop = true;
                    return offLoop(condition, label);
                } catch (RuntimeException e) {
                    failure = e;
                }
            }
            return failure == null
                    ? Future.succeededFuture(matched)
                    : Future.failedFuture(failure(condition, label, failure));
        }

        private Future<Boolean> offLoop(Condition condition, String label) {
            return payloads.executeBlocking(() -> condition.test(payload, ConditionBudget.full()), false)
                    .recover(e -> Future.failedFuture(failure(condition, label, e)));
        }
    }

    /** The failure of a condition: permanent when its budget ran out, since it would on every retry. */
    private static RuntimeException failure(Condition condition, String label, Throwable cause) {
        if (cause instanceof ConditionBudgetExceeded) {
            return new PermanentFailure(label + ": condition \"" + condition + "\" " + cause.getMessage());
        }
        return failure(label + ": condition could not be evaluated: " + describe(cause), cause);
    }

    /** A step's failure named by its label; permanent when its cause was, or when the body does not parse. */
    private static RuntimeException failure(String message, Throwable cause) {
        // A body that does not parse never will: no retry can mend it either.
        return cause instanceof PermanentFailure || cause instanceof MalformedPayloadException
                ? new PermanentFailure(message)
                : new ActionFailure(message);
    }

    private static String describe(Throwable err) {
        return err.getMessage() == null ? err.getClass().getSimpleName() : err.getMessage();
    }
}
