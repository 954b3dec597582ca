package dev.inlet.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What one round of an event loop adds is flushed together when the round ends, or at once at a bound. */
@ExtendWith(VertxExtension.class)
class RoundBatcherTest {

    @Test
    void aRoundsItemsAreFlushedTogetherAfterItsHandlersRan(Vertx vertx, VertxTestContext ctx) {
        Context context = vertx.getOrCreateContext();
        List<List<Integer>> flushed = new ArrayList<>();
        context.runOnContext(v -> {
            RoundBatcher<Integer> batcher = RoundBatcher.unbounded(context, flushed::add);
            for (int i = 0; i < 1_000; i++) {
                batcher.add(i);
            }
            ctx.verify(() -> assertThat(flushed).isEmpty());
            context.runOnContext(later -> {
                batcher.add(1_000);
                context.runOnContext(last -> ctx.verify(() -> {
                    assertThat(flushed).hasSize(2);
                    assertThat(flushed.get(0))
                            .hasSize(1_000)
                            .startsWith(0, 1, 2)
                            .endsWith(999);
                    assertThat(flushed.get(1)).containsExactly(1_000);
                    assertThat(batcher.isEmpty()).isTrue();
                    ctx.completeNow();
                }));
            });
        });
    }

    @Test
    void aBoundFlushesAtOnceAndTheRestWaitsForTheEndOfTheRound(Vertx vertx, VertxTestContext ctx) {
        Context context = vertx.getOrCreateContext();
        List<List<String>> flushed = new ArrayList<>();
        context.runOnContext(v -> {
            RoundBatcher<String> byCount = RoundBatcher.bounded(context, 3, flushed::add);
            RoundBatcher<String> byWeight = RoundBatcher.bounded(context, 100, 10, String::length, flushed::add);
            List.of("a", "b", "c", "d").forEach(byCount::add);
            List.of("12345", "678", "90", "x").forEach(byWeight::add);
            ctx.verify(
                    () -> assertThat(flushed).containsExactly(List.of("a", "b", "c"), List.of("12345", "678", "90")));
            context.runOnContext(later -> ctx.verify(() -> {
                assertThat(flushed)
                        .containsExactly(
                                List.of("a", "b", "c"), List.of("12345", "678", "90"), List.of("d"), List.of("x"));
                ctx.completeNow();
            }));
        });
    }

    @Test
    void flushingByHandSendsWhatWaitsAndNothingWhenNothingDoes(Vertx vertx, VertxTestContext ctx) {
        Context context = vertx.getOrCreateContext();
        List<List<Integer>> flushed = new ArrayList<>();
        context.runOnContext(v -> {
            RoundBatcher<Integer> batcher = RoundBatcher.unbounded(context, flushed::add);
            batcher.flush();
            batcher.add(1);
            batcher.flush();
            context.runOnContext(later -> ctx.verify(() -> {
                assertThat(flushed).containsExactly(List.of(1));
                ctx.completeNow();
            }));
        });
    }

    @Test
    void aHookThatThrowsDoesNotStopTheBatch(Vertx vertx, VertxTestContext ctx) {
        Context context = vertx.getOrCreateContext();
        List<List<Integer>> flushed = new ArrayList<>();
        context.runOnContext(v -> {
            RoundBatcher<Integer> batcher = RoundBatcher.unbounded(context, flushed::add);
            batcher.beforeFlush(() -> {
                throw new IllegalStateException("a rider's fault");
            });
            batcher.add(1);
            batcher.flush();
            context.runOnContext(later -> ctx.verify(() -> {
                assertThat(flushed).containsExactly(List.of(1));
                ctx.completeNow();
            }));
        });
    }
}
