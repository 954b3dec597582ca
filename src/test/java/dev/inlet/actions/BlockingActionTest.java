package dev.inlet.actions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.support.TestRedis;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Redis;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Custom actions that may block run on worker threads, one call at a time per worker verticle. */
@ExtendWith(VertxExtension.class)
class BlockingActionTest {

    /** Blocks its thread for a while on each run, and records where and how many at once. */
    static final class Sleepy implements Action {
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        final List<Boolean> onWorkerThread = new ArrayList<>();

        @Override
        public String name() {
            return "sleepy";
        }

        @Override
        public Future<Void> run(ActionContext context) {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            synchronized (onWorkerThread) {
                onWorkerThread.add(Context.isOnWorkerThread());
            }
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
            }
            return Future.succeededFuture();
        }
    }

    @Test
    void runsOffTheEventLoopOneCallAtATimeAndAnswersOnIt(Vertx vertx, VertxTestContext ctx) {
        Sleepy sleepy = new Sleepy();
        Context context = vertx.getOrCreateContext();
        context.runOnContext(v -> {
            BlockingAction action = new BlockingAction(sleepy, context);
            List<Future<Void>> runs = new ArrayList<>();
            List<Boolean> answeredOnEventLoop = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                runs.add(action.run(null).onComplete(ar -> answeredOnEventLoop.add(Context.isOnEventLoopThread())));
            }
            Future.join(runs)
                    .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
                        assertThat(sleepy.onWorkerThread).containsExactly(true, true, true);
                        assertThat(sleepy.mostAtOnce).hasValue(1);
                        assertThat(answeredOnEventLoop).containsExactly(true, true, true);
                        ctx.completeNow();
                    })));
        });
    }

    /** An action whose every run ends with {@code outcome}: a future, null, or a throw. */
    private static Action acting(java.util.function.Supplier<Future<Void>> outcome) {
        return new Action() {
            @Override
            public String name() {
                return "acting";
            }

            @Override
            public Future<Void> run(ActionContext context) {
                return outcome.get();
            }
        };
    }

    @Test
    void aFailedFutureNoFutureOrAThrowFailsTheRun(Vertx vertx, VertxTestContext ctx) {
        Context context = vertx.getOrCreateContext();
        context.runOnContext(v -> {
            Future<Void> refused = new BlockingAction(acting(() -> Future.failedFuture("refused")), context).run(null);
            Future<Void> none = new BlockingAction(acting(() -> null), context).run(null);
            Future<Void> thrown = new BlockingAction(
                            acting(() -> {
                                throw new IllegalStateException("boom");
                            }),
                            context)
                    .run(null);
            Future.join(refused, none, thrown)
                    .onComplete(ar -> ctx.verify(() -> {
                        assertThat(refused.cause()).hasMessage("refused");
                        assertThat(none.cause()).hasMessage("returned no future");
                        assertThat(thrown.cause())
                                .isInstanceOf(IllegalStateException.class)
                                .hasMessage("boom");
                        ctx.completeNow();
                    }));
        });
    }

    @Test
    void theCatalogSendsCustomActionsThatMayBlockToWorkerThreadsAndKeepsTheBuiltInsOnTheEventLoop(Vertx vertx) {
        Redis redis = Redis.createClient(vertx, TestRedis.url());
        try {
            Map<String, Action> actions = ActionCatalog.load().instantiate(vertx, redis);
            assertThat(actions.get("tally")).isInstanceOf(BlockingAction.class);
            assertThat(actions.get("log")).isInstanceOf(LogAction.class);
            assertThat(actions.get("http")).isInstanceOf(HttpAction.class);
            assertThat(actions.get("stream")).isInstanceOf(StreamAction.class);
            assertThat(actions.values())
                    .filteredOn(a -> !(a instanceof BlockingAction))
                    .allMatch(a -> !a.blocking());
        } finally {
            redis.close();
        }
    }
}
