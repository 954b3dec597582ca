package dev.inlet.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.config.PayloadFormat;
import dev.inlet.variables.Payload;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Workers run on event loops: a large body is parsed, and its conditions tested, on a worker thread first. */
@ExtendWith(VertxExtension.class)
class EventPipelineTest {

    private static Payload json(int bytes) {
        String pad = "x".repeat(Math.max(0, bytes - 30));
        return Payload.of(
                ("{\"data\": {\"id\": 7, \"pad\": \"" + pad + "\"}}").getBytes(StandardCharsets.UTF_8),
                PayloadFormat.JSON);
    }

    @Test
    void aSmallBodyIsLeftToBeParsedWhereItsActionsRun(Vertx vertx, VertxTestContext ctx) {
        Payload small = json(EventPipeline.INLINE_BODY_BYTES - 100);
        assertThat(small.body().length).isLessThanOrEqualTo(EventPipeline.INLINE_BODY_BYTES);
        vertx.getOrCreateContext().runOnContext(v -> {
            List<Boolean> prepared = new ArrayList<>();
            Future<String> ready = EventPipeline.ahead(
                    EventPipeline.payloadExecutor(vertx),
                    small,
                    () -> {
                        prepared.add(true);
                        return "prepared";
                    },
                    "inline");
            ctx.verify(() -> {
                assertThat(ready.succeeded()).isTrue();
                assertThat(ready.result()).isEqualTo("inline");
                assertThat(prepared).isEmpty();
                ctx.completeNow();
            });
        });
    }

    @Test
    void aLargeBodyIsParsedOnThePayloadPoolAndHandedBackToTheEventLoop(Vertx vertx, VertxTestContext ctx) {
        Payload large = json(EventPipeline.INLINE_BODY_BYTES + 100);
        vertx.getOrCreateContext().runOnContext(v -> {
            List<Boolean> preparedOnWorkerThread = new ArrayList<>();
            Future<String> ready = EventPipeline.ahead(
                    EventPipeline.payloadExecutor(vertx),
                    large,
                    () -> {
                        preparedOnWorkerThread.add(
                                Thread.currentThread().getName().startsWith(EventPipeline.PAYLOAD_POOL));
                        return large.variables().get("data.id");
                    },
                    "inline");
            ready.onComplete(ctx.succeeding(id -> ctx.verify(() -> {
                assertThat(Context.isOnEventLoopThread()).isTrue();
                assertThat(preparedOnWorkerThread).containsExactly(true);
                assertThat(id).isEqualTo("7");
                ctx.completeNow();
            })));
        });
    }
}
