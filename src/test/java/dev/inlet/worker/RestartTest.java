package dev.inlet.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.Inlet;
import dev.inlet.config.ConfigLoader;
import dev.inlet.config.InletConfig;
import dev.inlet.support.Http;
import dev.inlet.support.TestRedis;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Redis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inlet stopped while its worker is in the middle of a batch against a slow receiver, then started
 * again on the same Redis: every event reaches the receiver (duplicates are allowed and counted).
 */
@ExtendWith(VertxExtension.class)
class RestartTest {
    private static final Logger LOG = LoggerFactory.getLogger(RestartTest.class);
    private static final String ENDPOINT = "b0000000000000000000000000000001";
    private static final int EVENTS = 20;
    private static final Duration WITHIN = Duration.ofSeconds(15);

    private final AtomicReference<Inlet> running = new AtomicReference<>();

    @AfterEach
    void stopInlet() {
        Inlet inlet = running.getAndSet(null);
        if (inlet != null) {
            inlet.stop();
        }
    }

    @Test
    void aWorkerStoppedMidBatchAndRestartedProcessesEveryEvent(Vertx vertx, VertxTestContext ctx) throws Exception {
        Receiver receiver =
                Receiver.start(vertx).toCompletionStage().toCompletableFuture().get();
        receiver.delay(150);
        String stream = "test:restart:" + UUID.randomUUID();
        InletConfig config = new ConfigLoader(Map.of())
                .parse(
                        """
        server: { port: 0, host: 127.0.0.1 }
        redis: { url: "%s", stream: "%s" }
        workers: { instances: 1, batchSize: 3, maxAttempts: 5, backoff: 50ms }
        services: [{ id: shop }]
        endpoints: [{ id: %s, service: shop, auth: none, format: json, flows: [slow] }]
        flows: [{ id: slow, steps: [{ action: http, url: "%s" }] }]
        """
                                .formatted(TestRedis.url(), stream, ENDPOINT, receiver.url("/slow")));
        running.set(Inlet.start(config));
        Http http = new Http(vertx, running.get().port());
        Redis redis = Redis.createClient(vertx, TestRedis.url());

        List<Future<String>> sent = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            sent.add(http.post(
                            "/v1/webhooks/" + ENDPOINT,
                            Http.headers("Content-Type", "application/json"),
                            "{\"n\": " + i + "}")
                    .map(res -> res.bodyAsJsonObject().getString("transid")));
        }
        Future.all(sent)
                .compose(all -> Poll.untilValue(
                        vertx, () -> receiver.received(r -> true).size(), n -> n >= 2, WITHIN))
                // Mid-batch: stop (HTTP, then workers drain what is in flight), then start again on the same Redis.
                .compose(n -> vertx.executeBlocking(() -> {
                    running.getAndSet(null).stop();
                    running.set(Inlet.start(config));
                    return receiver.received(r -> true).size();
                }))
                .compose(beforeRestart -> Poll.untilValue(
                                vertx, () -> transids(receiver), s -> s.size() == EVENTS, WITHIN)
                        .compose(s -> Poll.until(vertx, () -> Streams.unfinished(redis, stream), n -> n == 0, WITHIN))
                        .map(n -> beforeRestart))
                .onComplete(ctx.succeeding(beforeRestart -> ctx.verify(() -> {
                    Set<String> expected = new HashSet<>();
                    sent.forEach(f -> expected.add(f.result()));
                    assertThat(transids(receiver)).isEqualTo(expected);
                    int total = receiver.received(r -> true).size();
                    LOG.info(
                            "{} events: {} delivered before the restart, {} deliveries in all, {} duplicates",
                            EVENTS,
                            beforeRestart,
                            total,
                            total - EVENTS);
                    assertThat(total).isGreaterThanOrEqualTo(EVENTS);
                    redis.close();
                    ctx.completeNow();
                })));
    }

    private static Set<String> transids(Receiver receiver) {
        Set<String> out = new HashSet<>();
        receiver.received(r -> true).forEach(r -> out.add(r.transid()));
        return out;
    }
}
