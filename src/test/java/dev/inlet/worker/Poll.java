package dev.inlet.worker;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls an asynchronous probe until its value satisfies a condition, or fails at a deadline. */
public final class Poll {
    private static final long EVERY_MILLIS = 25;

    private Poll() {}

    public static <T> Future<T> until(Vertx vertx, Supplier<Future<T>> probe, Predicate<T> done, Duration within) {
        Promise<T> result = Promise.promise();
        long deadline = System.nanoTime() + within.toNanos();
        step(vertx, probe, done, deadline, result, null);
        return result.future();
    }

    /** Polls a synchronous value. */
    public static <T> Future<T> untilValue(Vertx vertx, Supplier<T> value, Predicate<T> done, Duration within) {
        return until(vertx, () -> Future.succeededFuture(value.get()), done, within);
    }

    private static <T> void step(
            Vertx vertx, Supplier<Future<T>> probe, Predicate<T> done, long deadline, Promise<T> result, T last) {
        if (System.nanoTime() > deadline) {
            result.fail(new AssertionError("condition not reached in time; last value: " + last));
            return;
        }
        probe.get().onComplete(ar -> {
            if (ar.succeeded() && done.test(ar.result())) {
                result.complete(ar.result());
            } else {
                T seen = ar.succeeded() ? ar.result() : last;
                vertx.setTimer(EVERY_MILLIS, t -> step(vertx, probe, done, deadline, result, seen));
            }
        });
    }
}
