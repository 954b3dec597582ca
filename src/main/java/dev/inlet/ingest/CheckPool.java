package dev.inlet.ingest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Where ingest checks too costly for the event loop run (the syntax check and the idempotency
 * path of bodies over {@link #INLINE_LIMIT}): the worker pool {@value #NAME}, shared by name by
 * every HTTP verticle of the process, one thread per core, and used by nothing else. Not Vert.x's
 * default pool nor the workers' {@code inlet-payloads}, so no condition, parse or blocking action
 * can starve a webhook of its answer. A check not done within {@link #DEADLINE} of being handed
 * over, waiting included, answers 7005 with {@code Retry-After: 1}; one still waiting then is
 * skipped, and the result of one that finishes later is dropped.
 */
public final class CheckPool {
    /** The pool's name, for thread names and metrics. */
    public static final String NAME = "inlet-ingest-checks";
    /** Up to this size a check costs well under a millisecond, so it runs on the event loop. */
    static final int INLINE_LIMIT = 64 * 1024;
    /** How long an off-loop check may take, waiting for a thread included, before the sender hears 7005. */
    public static final Duration DEADLINE = Duration.ofSeconds(5);

    private final WorkerExecutor executor;

    private CheckPool(WorkerExecutor executor) {
        this.executor = executor;
    }

    /** A handle on the process's pool; close it with the verticle that took it. */
    public static CheckPool create(Vertx vertx) {
        return new CheckPool(vertx.createSharedWorkerExecutor(
                NAME, Math.max(1, Runtime.getRuntime().availableProcessors())));
    }

    /**
     * Runs {@code check} on the pool and hands its result to {@code then} on the exchange's event
     * loop; a check that throws, or that misses its deadline, answers 7005 instead.
     */
    <T> void run(Exchange ex, Callable<T> check, Consumer<T> then) {
        AtomicBoolean late = new AtomicBoolean();
        Vertx vertx = ex.vertx();
        long timer = vertx.setTimer(DEADLINE.toMillis(), t -> {
            late.set(true);
            ex.refuseRetry(
                    ResponseCode.INTERNAL_ERROR,
                    1,
                    () -> "a check of the " + ex.body().length + "-byte body on " + NAME + " missed its deadline of "
                            + DEADLINE.toSeconds() + " s (the pool is busy)");
        });
        executor.<T>executeBlocking(() -> late.get() ? null : check.call(), false)
                .onComplete(ar -> {
                    if (late.get()) {
                        return;
                    }
                    vertx.cancelTimer(timer);
                    if (ar.failed()) {
                        ex.unexpected(ar.cause());
                        return;
                    }
                    try {
                        then.accept(ar.result());
                    } catch (RuntimeException e) {
                        ex.unexpected(e);
                    }
                });
    }

    public Future<Void> close() {
        return executor.close();
    }
}
