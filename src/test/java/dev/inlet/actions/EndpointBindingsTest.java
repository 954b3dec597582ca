package dev.inlet.actions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.config.ConfigLoader;
import dev.inlet.config.PayloadFormat;
import dev.inlet.queue.PermanentFailure;
import dev.inlet.variables.Payload;
import dev.inlet.worker.EventPipeline;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * How {@link EndpointBindings} composes the failures of an event's steps: the event fails
 * permanently (no retries) as soon as one of its steps does, and only then.
 */
@ExtendWith(VertxExtension.class)
class EndpointBindingsTest {
    private static final String ENDPOINT = "permanent-endpoint";

    private static EndpointBindings bindings() {
        return Bindings.compile(
                        new ConfigLoader(Map.of())
                                .parse(
                                        """
        services: [{ id: s, keys: [k] }]
        endpoints:
          - { id: %s, service: s, format: json, flows: [one, two] }
        flows:
          - { id: one, steps: [{ action: tally, label: "one" }] }
          - { id: two, steps: [{ action: log }] }
        """
                                                .formatted(ENDPOINT)),
                        ActionCatalog.load())
                .endpoint(ENDPOINT);
    }

    private static Future<Void> run(Vertx vertx, Action tally, Action log) {
        Payload payload = Payload.of("{\"a\": 1}".getBytes(StandardCharsets.UTF_8), PayloadFormat.JSON);
        Event event = new Event(
                "t-permanent", ENDPOINT, "s", 0, "application/json", PayloadFormat.JSON, Map.of(), payload.body());
        return bindings()
                .run(
                        event,
                        payload,
                        Map.of("tally", tally, "log", log),
                        vertx,
                        EndpointBindings.Tested.NONE,
                        EventPipeline.payloadExecutor(vertx));
    }

    private static Action failing(RuntimeException cause) {
        return new Action() {
            @Override
            public String name() {
                return "failing";
            }

            @Override
            public Future<Void> run(ActionContext context) {
                return Future.failedFuture(cause);
            }
        };
    }

    @Test
    void onePermanentStepFailureAmongRetryableOnesMakesTheEventPermanent(Vertx vertx, VertxTestContext ctx) {
        run(vertx, failing(new PermanentFailure("cannot render")), failing(new IllegalStateException("receiver down")))
                .onComplete(ar -> ctx.verify(() -> {
                    assertThat(ar.cause())
                            .isInstanceOf(PermanentFailure.class)
                            .hasMessageContaining("flow one step 1 (tally): cannot render")
                            .hasMessageContaining("flow two step 1 (log): receiver down");
                    ctx.completeNow();
                }));
    }

    @Test
    void retryableFailuresAloneStayRetryable(Vertx vertx, VertxTestContext ctx) {
        run(vertx, failing(new IllegalStateException("receiver down")), new LogAction())
                .onComplete(ar -> ctx.verify(() -> {
                    assertThat(ar.cause())
                            .isInstanceOf(ActionFailure.class)
                            .isNotInstanceOf(PermanentFailure.class)
                            .hasMessage("flow one step 1 (tally): receiver down");
                    ctx.completeNow();
                }));
    }
}
