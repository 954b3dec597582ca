package dev.inlet.support;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.BooleanSupplier;

/** Polling with a deadline instead of sleeping. */
public final class Waits {
    private Waits() {}

    /** Completes once {@code condition} holds (checked every 10 ms), fails after {@code timeoutMs}. */
    public static Future<Void> until(Vertx vertx, BooleanSupplier condition, long timeoutMs, String what) {
        Promise<Void> done = Promise.promise();
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        vertx.setPeriodic(0, 10, id -> {
            if (condition.getAsBoolean()) {
                vertx.cancelTimer(id);
                done.tryComplete();
            } else if (System.nanoTime() > deadline) {
                vertx.cancelTimer(id);
                done.tryFail("not within " + timeoutMs + " ms: " + what);
            }
        });
        return done.future();
    }

    /** Completes after {@code ms}. */
    public static Future<Void> delay(Vertx vertx, long ms) {
        Promise<Void> done = Promise.promise();
        vertx.setTimer(ms, id -> done.complete());
        return done.future();
    }
}
