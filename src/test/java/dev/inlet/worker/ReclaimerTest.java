package dev.inlet.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The reclaimer against a real Redis: a dead consumer's entries are taken over once idle, and a slow
 * entry in flight is kept claimed, so no other consumer runs it too.
 */
@ExtendWith(VertxExtension.class)
class ReclaimerTest extends ConsumerFixture {
    @Test
    void entriesOfADeadConsumerAreReclaimedOnceIdle(Vertx vertx, VertxTestContext ctx) {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        EventProcessor processor = (entry, attempt) -> {
            seen.add(entry.transid());
            return Future.succeededFuture();
        };
        add(3).compose(ids -> readAs("gone-0", 3))
                .compose(v -> deploy(vertx, config(3, "100ms"), "alive-0", processor))
                .compose(id -> Poll.until(vertx, () -> Streams.unfinished(redis, stream), n -> n == 0, WITHIN))
                .onComplete(ctx.succeeding(n -> ctx.verify(() -> {
                    assertThat(seen).containsExactlyInAnyOrder("t0", "t1", "t2");
                    ctx.completeNow();
                })));
    }

    @Test
    void aSlowEntryIsNotClaimedByAnotherConsumer(Vertx vertx, VertxTestContext ctx) {
        AtomicInteger slowStarted = new AtomicInteger();
        AtomicInteger otherSaw = new AtomicInteger();
        EventProcessor slow = (entry, attempt) -> {
            slowStarted.incrementAndGet();
            // Four times claimIdle: without the in-flight claims, the other consumer would take it over.
            return Future.<Void>future(p -> vertx.setTimer(1_200, t -> p.complete()));
        };
        EventProcessor other = (entry, attempt) -> {
            otherSaw.incrementAndGet();
            return Future.succeededFuture();
        };
        deploy(vertx, config(3, "300ms"), "slow-0", slow)
                .compose(id -> add(1))
                .compose(ids -> Poll.untilValue(vertx, slowStarted::get, n -> n == 1, WITHIN))
                .compose(n -> deploy(vertx, config(3, "300ms"), "other-0", other))
                .compose(id -> Poll.until(vertx, () -> Streams.unfinished(redis, stream), n -> n == 0, WITHIN))
                .onComplete(ctx.succeeding(n -> ctx.verify(() -> {
                    assertThat(otherSaw.get()).isZero();
                    assertThat(slowStarted.get()).isEqualTo(1);
                    ctx.completeNow();
                })));
    }
}
