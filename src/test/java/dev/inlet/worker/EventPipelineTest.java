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

/** Workers run on event loops: a large body is parsed on a worker thread before its actions run. */
@ExtendWith(VertxExtension.class)
class EventPipelineTest {

  private static Payload json(int bytes) {
    String pad = "x".repeat(Math.max(0, bytes - 30));
    return Payload.of(("{\"data\": {\"id\": 7, \"pad\": \"" + pad + "\"}}").getBytes(StandardCharsets.UTF_8),
        PayloadFormat.JSON);
  }

  @Test
  void aSmallBodyIsLeftToBeParsedWhereItsActionsRun(Vertx vertx, VertxTestContext ctx) {
    Payload small = json(EventPipeline.INLINE_BODY_BYTES - 100);
    assertThat(small.body().length).isLessThanOrEqualTo(EventPipeline.INLINE_BODY_BYTES);
    vertx.getOrCreateContext().runOnContext(v -> {
      List<Boolean> prepared = new ArrayList<>();
      Future<Payload> ready = EventPipeline.parsed(vertx, small, p -> prepared.add(true));
      ctx.verify(() -> {
        assertThat(ready.succeeded()).isTrue();
        assertThat(ready.result()).isSameAs(small);
        assertThat(prepared).isEmpty();
        ctx.completeNow();
      });
    });
  }

  @Test
  void aLargeBodyIsParsedOnAWorkerThreadAndHandedBackToTheEventLoop(Vertx vertx, VertxTestContext ctx) {
    Payload large = json(EventPipeline.INLINE_BODY_BYTES + 100);
    vertx.getOrCreateContext().runOnContext(v -> {
      List<Boolean> preparedOnWorkerThread = new ArrayList<>();
      Future<Payload> ready = EventPipeline.parsed(vertx, large, p -> {
        preparedOnWorkerThread.add(Context.isOnWorkerThread());
        p.variables();
      });
      ready.onComplete(ctx.succeeding(p -> ctx.verify(() -> {
        assertThat(Context.isOnEventLoopThread()).isTrue();
        assertThat(preparedOnWorkerThread).containsExactly(true);
        assertThat(p.variables()).containsEntry("data.id", "7");
        ctx.completeNow();
      })));
    });
  }
}
