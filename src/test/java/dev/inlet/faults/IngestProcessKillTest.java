package dev.inlet.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.redis.EmbeddedRedis;
import dev.inlet.support.ChildInlet;
import dev.inlet.support.Waits;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Redis;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The ingest process killed mid-load (SIGKILL, no shutdown hook runs): Inlet runs in a child JVM
 * started from this test's classpath, and every id it answered 1002 before dying must be in the
 * stream. Ids sent after the kill get no answer, and the senders do not retry them.
 */
@Tag("faults")
@ExtendWith(VertxExtension.class)
class IngestProcessKillTest {
    static final int SENDERS = 16;
    static final int PER_SENDER = 100;

    EmbeddedRedis redis;
    Process child;

    @AfterEach
    void stop() {
        if (child != null) {
            child.destroyForcibly();
        }
        if (redis != null) {
            redis.stop();
        }
    }

    @Test
    @Timeout(value = 40, timeUnit = TimeUnit.SECONDS)
    void ingestProcessKilledMidLoadLosesNoAcknowledgedEvent(Vertx vertx, VertxTestContext tc) throws IOException {
        redis = EmbeddedRedis.start();
        String stream = "faults:" + UUID.randomUUID();
        int port = ChildInlet.freePort();
        child = ChildInlet.start(Ingest.yaml(redis.url(), stream, "2s", port), "ingest-child.log", Map.of());
        LoadGenerator gen = new LoadGenerator(
                vertx,
                () -> port,
                Ingest.PATH,
                Ingest.headers(),
                LoadGenerator.Options.of(SENDERS, PER_SENDER).timeout(6_000));
        Future<Void> up = ChildInlet.serving(vertx, port);
        Future<LoadResult> run = up.compose(v -> gen.run("kill"));
        Future<Void> kill = up.compose(v ->
                        Waits.until(vertx, () -> gen.queued() >= SENDERS * PER_SENDER / 4, 20_000, "a quarter queued"))
                .compose(
                        v -> vertx.executeBlocking(() -> child.destroyForcibly().waitFor()))
                .mapEmpty();
        Redis client = Redis.createClient(vertx, redis.url());
        Future.all(run, kill)
                .compose(all -> StreamContents.ids(client, stream))
                .map(inStream -> FaultReport.of("ingest-process-killed", run.result(), inStream)
                        .print())
                .eventually(client::close)
                .onComplete(tc.succeeding(r -> tc.verify(() -> {
                    assertThat(r.lost())
                            .as("answered 1002 but not in the stream")
                            .isEmpty();
                    assertThat(r.acknowledged())
                            .as("1002s before the kill")
                            .isGreaterThanOrEqualTo(SENDERS * PER_SENDER / 4);
                    assertThat(r.count(LoadResult.CONNECTION))
                            .as("requests cut off by the kill")
                            .isPositive();
                    assertThat(r.outcomes().keySet()).as("answers").isSubsetOf(Set.of("1002", LoadResult.CONNECTION));
                    tc.completeNow();
                })));
    }
}
