package dev.inlet.actions;

import static dev.inlet.actions.ConditionDocuments.QUADRATIC_XPATH;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.config.ConfigLoader;
import dev.inlet.config.EndpointConfig;
import dev.inlet.config.PayloadFormat;
import dev.inlet.queue.PermanentFailure;
import dev.inlet.variables.Payload;
import dev.inlet.worker.EventPipeline;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A condition tested on the event loop (a small body) gets the inline budget; one that needs more is
 * tested again with the full budget on the payload threads, and the run goes on with that outcome,
 * the same outcome testing ahead gives.
 */
@ExtendWith(VertxExtension.class)
class ConditionsOffTheLoopTest {
    private static final String ENDPOINT = "off-loop-endpoint";
    private static final String EVENT_LOOP = "vert.x-eventloop-thread-";
    private static final String PAYLOAD_THREAD = EventPipeline.PAYLOAD_POOL + "-";
    /** Each item against each blocked sku against each item: millions of steps, even on a small body. */
    private static final String CUBIC_XPATH = "count(//item[@sku = //blocked[@sku = //item/@sku]/@sku]) > 0";

    private static final String CHEAP_XPATH = "count(/doc) = 1";

    /** 100 items and 51 blocked skus, one of them an item's: 3.5 KB, far under the 16 KiB tested inline. */
    private static final Payload SMALL = small();

    private static Payload small() {
        StringBuilder body = new StringBuilder("<doc>");
        for (int i = 0; i < 100; i++) {
            body.append("<item sku=\"s").append(i).append("\"/>");
        }
        for (int i = 0; i < 50; i++) {
            body.append("<blocked sku=\"b").append(i).append("\"/>");
        }
        body.append("<blocked sku=\"s7\"/></doc>");
        assertThat(body.length()).isLessThan(16 * 1024);
        return Payload.of(body.toString().getBytes(StandardCharsets.UTF_8), PayloadFormat.XML);
    }

    record Evaluation(String thread, long budget) {}

    /** A real condition that records on which thread and with which budget it was tested. */
    static final class Recorded implements Condition {
        final List<Evaluation> evaluations = new CopyOnWriteArrayList<>();
        private final Condition real;

        Recorded(String expression) {
            this.real = Condition.compile(expression, PayloadFormat.XML);
        }

        @Override
        public boolean test(Payload payload, ConditionBudget budget) {
            evaluations.add(new Evaluation(Thread.currentThread().getName(), budget.steps()));
            return real.test(payload, budget);
        }

        @Override
        public String toString() {
            return real.toString();
        }
    }

    /** An action that records the events it ran for, by its name. */
    private static final Queue<String> RAN = new ConcurrentLinkedQueue<>();

    private static Action marking(String name) {
        return new Action() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Future<Void> run(ActionContext context) {
                RAN.add(name + " " + context.event().transid());
                return Future.succeededFuture();
            }
        };
    }

    private static final Map<String, Action> ACTIONS = Map.of(
            "rule-action",
            marking("rule-action"),
            "first-step",
            marking("first-step"),
            "second-step",
            marking("second-step"));

    private static EndpointConfig endpoint() {
        return Bindings.compile(
                        new ConfigLoader(Map.of())
                                .parse(
                                        """
        services: [{ id: s, keys: [k] }]
        endpoints:
          - { id: %s, service: s, format: xml }
        """
                                                .formatted(ENDPOINT)),
                        ActionCatalog.load())
                .endpoint(ENDPOINT)
                .endpoint();
    }

    private static Step step(String action, Condition when) {
        return new Step(
                "step " + action,
                action,
                when == null ? Map.of() : Map.of(PayloadFormat.XML, when),
                Map.of(),
                Map.of(),
                Map.of());
    }

    private static EndpointBindings rule(Condition when) {
        return new EndpointBindings(
                endpoint(),
                List.of(new CompiledRule(
                        "costly", Map.of(PayloadFormat.XML, when), List.of(step("rule-action", null)))),
                List.of(),
                new UnknownVariables());
    }

    private static Event event(String transid) {
        return new Event(transid, ENDPOINT, "s", 0, "application/xml", PayloadFormat.XML, Map.of(), SMALL.body());
    }

    /** Runs the event from an event loop, as a worker verticle does. */
    private static Future<Void> runOnEventLoop(
            Vertx vertx, EndpointBindings bound, String transid, EndpointBindings.Tested tested) {
        WorkerExecutor payloads = EventPipeline.payloadExecutor(vertx);
        Promise<Void> ran = Promise.promise();
        vertx.getOrCreateContext().runOnContext(v -> bound.run(event(transid), SMALL, ACTIONS, vertx, tested, payloads)
                .onComplete(ran));
        return ran.future();
    }

    @Test
    void aSmallBodyWhoseConditionOutgrowsTheInlineBudgetIsDecidedOnAPayloadThread(Vertx vertx, VertxTestContext ctx) {
        Recorded costly = new Recorded(QUADRATIC_XPATH);
        runOnEventLoop(vertx, rule(costly), "off-loop-1", EndpointBindings.Tested.NONE)
                .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
                    assertThat(costly.evaluations).hasSize(2);
                    assertThat(costly.evaluations.get(0).thread()).startsWith(EVENT_LOOP);
                    assertThat(costly.evaluations.get(0).budget()).isEqualTo(ConditionBudget.INLINE_STEPS);
                    assertThat(costly.evaluations.get(1).thread()).startsWith(PAYLOAD_THREAD);
                    assertThat(costly.evaluations.get(1).budget()).isEqualTo(ConditionBudget.FULL_STEPS);
                    assertThat(RAN).contains("rule-action off-loop-1");
                    ctx.completeNow();
                })));
    }

    @Test
    void onceAConditionNeededThePayloadThreadsTheEventsLaterOnesAreTestedThere(Vertx vertx, VertxTestContext ctx) {
        // The XPath running there holds the DOM's lock: the event loop must not wait for it.
        Recorded cheapRule = new Recorded(CHEAP_XPATH);
        Recorded costlyStep = new Recorded(QUADRATIC_XPATH);
        Recorded cheapStep = new Recorded(CHEAP_XPATH);
        EndpointBindings bound = new EndpointBindings(
                endpoint(),
                List.of(new CompiledRule(
                        "cheap", Map.of(PayloadFormat.XML, cheapRule), List.of(step("rule-action", null)))),
                List.of(new CompiledFlow(
                        "flow", List.of(step("first-step", costlyStep), step("second-step", cheapStep)))),
                new UnknownVariables());
        runOnEventLoop(vertx, bound, "off-loop-2", EndpointBindings.Tested.NONE)
                .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
                    assertThat(cheapRule.evaluations)
                            .singleElement()
                            .satisfies(e -> assertThat(e.thread()).startsWith(EVENT_LOOP))
                            .satisfies(e -> assertThat(e.budget()).isEqualTo(ConditionBudget.INLINE_STEPS));
                    assertThat(costlyStep.evaluations)
                            .extracting(Evaluation::budget)
                            .containsExactly(ConditionBudget.INLINE_STEPS, ConditionBudget.FULL_STEPS);
                    assertThat(cheapStep.evaluations)
                            .singleElement()
                            .satisfies(e -> assertThat(e.thread()).startsWith(PAYLOAD_THREAD))
                            .satisfies(e -> assertThat(e.budget()).isEqualTo(ConditionBudget.FULL_STEPS));
                    assertThat(RAN)
                            .contains("rule-action off-loop-2", "first-step off-loop-2", "second-step off-loop-2");
                    ctx.completeNow();
                })));
    }

    @Test
    void aConditionOverEvenTheFullBudgetFailsTheEventPermanentlyWhereverItWasTested(Vertx vertx, VertxTestContext ctx) {
        Recorded cubic = new Recorded(CUBIC_XPATH);
        EndpointBindings bound = rule(cubic);
        String expected = "rule costly: condition \"" + CUBIC_XPATH + "\" exceeded its budget of 1,500,000 steps";
        Future<Void> inRun = runOnEventLoop(vertx, bound, "off-loop-3", EndpointBindings.Tested.NONE);
        inRun.transform(ar -> {
                    ctx.verify(() -> {
                        assertThat(ar.cause())
                                .isInstanceOf(PermanentFailure.class)
                                .hasMessage(expected);
                        assertThat(cubic.evaluations)
                                .extracting(Evaluation::budget)
                                .containsExactly(ConditionBudget.INLINE_STEPS, ConditionBudget.FULL_STEPS);
                    });
                    return runOnEventLoop(vertx, bound, "off-loop-4", bound.testAhead(SMALL));
                })
                .onComplete(ar -> ctx.verify(() -> {
                    assertThat(ar.cause()).isInstanceOf(PermanentFailure.class).hasMessage(expected);
                    assertThat(cubic.evaluations)
                            .extracting(Evaluation::budget)
                            .as("tested ahead once, with the full budget, and not again in the run")
                            .containsExactly(
                                    ConditionBudget.INLINE_STEPS,
                                    ConditionBudget.FULL_STEPS,
                                    ConditionBudget.FULL_STEPS);
                    assertThat(RAN).noneMatch(ran -> ran.endsWith("off-loop-3") || ran.endsWith("off-loop-4"));
                    ctx.completeNow();
                }));
    }

    @Test
    void testingAheadUsesTheFullBudgetAndDecidesAsTheRunWould(Vertx vertx, VertxTestContext ctx) {
        Recorded costly = new Recorded(QUADRATIC_XPATH);
        EndpointBindings bound = rule(costly);
        EndpointBindings.Tested tested = bound.testAhead(SMALL);
        runOnEventLoop(vertx, bound, "off-loop-5", tested)
                .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
                    assertThat(costly.evaluations).singleElement().satisfies(e -> assertThat(e.budget())
                            .isEqualTo(ConditionBudget.FULL_STEPS));
                    assertThat(RAN).contains("rule-action off-loop-5");
                    ctx.completeNow();
                })));
    }
}
