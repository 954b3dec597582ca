package dev.inlet.actions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.config.ConfigLoader;
import dev.inlet.config.PayloadFormat;
import dev.inlet.queue.PermanentFailure;
import dev.inlet.support.TestRedis;
import dev.inlet.variables.Payload;
import dev.inlet.worker.EventPipeline;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Redis;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Conditions tested ahead (off the event loop, for large bodies) decide the run exactly as testing in it would. */
@ExtendWith(VertxExtension.class)
class TestedAheadTest {
    private static final String ENDPOINT = "ahead-endpoint";

    private static EndpointBindings bindings() {
        return Bindings.compile(
                        new ConfigLoader(Map.of())
                                .parse(
                                        """
        services: [{ id: s, keys: [k] }]
        endpoints:
          - { id: %s, service: s, format: json, rules: [big] }
        rules:
          - id: big
            when: "$.data[?(@.amount > 100)]"
            actions:
              - { action: tally, label: "big $data.amount" }
        """
                                                .formatted(ENDPOINT)),
                        ActionCatalog.load())
                .endpoint(ENDPOINT);
    }

    private static Payload json(String body) {
        return Payload.of(body.getBytes(StandardCharsets.UTF_8), PayloadFormat.JSON);
    }

    private static Event event(String transid, Payload payload) {
        return new Event(transid, ENDPOINT, "s", 0, "application/json", PayloadFormat.JSON, Map.of(), payload.body());
    }

    @Test
    void theRunReadsTheOutcomesTestedAheadAndTestsOnlyWithoutThem(Vertx vertx, VertxTestContext ctx) {
        EndpointBindings bound = bindings();
        WorkerExecutor payloads = EventPipeline.payloadExecutor(vertx);
        Redis redis = Redis.createClient(vertx, TestRedis.url());
        Map<String, Action> actions = ActionCatalog.load().instantiate(vertx, redis);
        Payload big = json("{\"data\": {\"amount\": 150}}");
        Payload small = json("{\"data\": {\"amount\": 50}}");
        EndpointBindings.Tested matchedAhead = bound.testAhead(big);
        // The outcome tested on one payload decides the run even with another: it is read, not tested again.
        Future<Void> fromAhead = bound.run(event("ahead-1", small), small, actions, vertx, matchedAhead, payloads);
        Future<Void> testedInRun =
                bound.run(event("ahead-2", small), small, actions, vertx, EndpointBindings.Tested.NONE, payloads);
        Future<Void> bigInRun =
                bound.run(event("ahead-3", big), big, actions, vertx, EndpointBindings.Tested.NONE, payloads);
        Future.all(fromAhead, testedInRun, bigInRun)
                .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
                    assertThat(TallyAction.SEEN)
                            .containsEntry("ahead-1", "big 50")
                            .containsEntry("ahead-3", "big 150");
                    assertThat(TallyAction.SEEN).doesNotContainKey("ahead-2");
                    redis.close();
                    ctx.completeNow();
                })));
    }

    @Test
    void aConditionThatCouldNotBeEvaluatedAheadFailsTheRunAsItWouldHave(Vertx vertx, VertxTestContext ctx) {
        EndpointBindings bound = bindings();
        WorkerExecutor payloads = EventPipeline.payloadExecutor(vertx);
        Payload broken = json("{\"data\": ");
        EndpointBindings.Tested tested = bound.testAhead(broken);
        List<Future<Void>> runs = List.of(
                bound.run(event("ahead-4", broken), broken, Map.of(), vertx, tested, payloads),
                bound.run(event("ahead-5", broken), broken, Map.of(), vertx, EndpointBindings.Tested.NONE, payloads));
        Future.join(runs)
                .onComplete(ar -> ctx.verify(() -> {
                    // A body that does not parse never will: the event fails permanently, ahead or not.
                    assertThat(runs.get(0).cause())
                            .isInstanceOf(PermanentFailure.class)
                            .hasMessageStartingWith("rule big: condition could not be evaluated: ");
                    assertThat(runs.get(1).cause()).isInstanceOf(PermanentFailure.class);
                    assertThat(runs.get(0).cause().getMessage())
                            .isEqualTo(runs.get(1).cause().getMessage());
                    ctx.completeNow();
                }));
    }
}
