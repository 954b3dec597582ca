package dev.inlet.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The reader against a real Redis: a restarted consumer reads its own pending entries first. */
@ExtendWith(VertxExtension.class)
class ShardReaderTest extends ConsumerFixture {
    @Test
    void aRestartedConsumerReadsItsOwnPendingEntriesFirst(Vertx vertx, VertxTestContext ctx) {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        EventProcessor processor = (entry, attempt) -> {
            seen.add(entry.transid());
            return Future.succeededFuture();
        };
        // claimIdle is long: only reading its own pending entries can find them.
        add(5).compose(ids -> readAs("c-0", 5))
                .compose(v -> Streams.pending(redis, stream))
                .compose(pending -> {
                    ctx.verify(() -> assertThat(pending).isEqualTo(5));
                    return deploy(vertx, config(3, "1h"), "c-0", processor);
                })
                .compose(id -> Poll.until(vertx, () -> Streams.unfinished(redis, stream), n -> n == 0, WITHIN))
                .onComplete(ctx.succeeding(n -> ctx.verify(() -> {
                    assertThat(seen).containsExactlyInAnyOrder("t0", "t1", "t2", "t3", "t4");
                    ctx.completeNow();
                })));
    }
}
