package dev.inlet.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.Inlet;
import dev.inlet.config.ConfigLoader;
import dev.inlet.queue.DeadLetters;
import dev.inlet.queue.StreamNames;
import dev.inlet.support.Http;
import dev.inlet.support.TestRedis;
import dev.inlet.variables.FlattenLimits;
import dev.inlet.variables.JsonFlattener;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Redis;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The workers' in-flight budget on a real Inlet: while an event runs it holds the heap its
 * flattened payload takes, besides its body, and every byte comes back once events are delivered,
 * retried, dead-lettered or bound to nothing.
 */
@ExtendWith(VertxExtension.class)
class InFlightMemoryTest {
    static final String OK = "b0000000000000000000000000000001";
    static final String FLAKY = "b0000000000000000000000000000002";
    static final String DEAD = "b0000000000000000000000000000003";
    static final String UNBOUND = "b0000000000000000000000000000004";
    static final Duration WITHIN = Duration.ofSeconds(20);

    Inlet inlet;

    @AfterEach
    void stop() {
        if (inlet != null) {
            inlet.stop();
        }
    }

    @Test
    void flattenedPayloadsAreChargedWhileInFlightAndEveryByteComesBack(Vertx vertx, VertxTestContext ctx)
            throws Exception {
        Receiver receiver =
                Receiver.start(vertx).toCompletionStage().toCompletableFuture().get();
        ConcurrentLinkedQueue<Long> heldAtArrival = new ConcurrentLinkedQueue<>();
        receiver.respond("/ok", (req, nth) -> {
            heldAtArrival.add(inlet.workerMemory().used());
            return 200;
        });
        receiver.respond("/flaky", (req, nth) -> nth <= 2 ? 500 : 200);
        receiver.respond("/dead", (req, nth) -> 500);
        String stream = "test:memory:" + UUID.randomUUID();
        inlet = Inlet.start(new ConfigLoader(Map.of())
                .parse(
                        """
        server: { port: 0, host: 127.0.0.1 }
        redis: { url: "%s", stream: "%s" }
        workers: { instances: 2, batchSize: 8, maxAttempts: 3, backoff: 20ms }
        services: [{ id: shop }]
        endpoints:
          - { id: %s, service: shop, auth: none, format: json, flows: [ok] }
          - { id: %s, service: shop, auth: none, format: json, flows: [flaky] }
          - { id: %s, service: shop, auth: none, format: json, flows: [dead] }
          - { id: %s, service: shop, auth: none, format: json }
        flows:
          - { id: ok, steps: [{ action: http, url: "%s", body: "$n" }] }
          - { id: flaky, steps: [{ action: http, url: "%s", body: "$n" }] }
          - { id: dead, steps: [{ action: http, url: "%s", body: "$n" }] }
        """
                                .formatted(
                                        TestRedis.url(),
                                        stream,
                                        OK,
                                        FLAKY,
                                        DEAD,
                                        UNBOUND,
                                        receiver.url("/ok"),
                                        receiver.url("/flaky"),
                                        receiver.url("/dead"))));
        Http http = new Http(vertx, inlet.port());
        Redis redis = Redis.createClient(vertx, TestRedis.url());
        DeadLetters deadLetters = new DeadLetters(redis, StreamNames.single(stream));
        // 130,000 zeros: 10,000 variables kept, some 1.3 MB of heap for a 256 KiB body.
        String array = "{\"n\": [" + "0,".repeat(130_000) + "0]}";
        long arrayCharge = JsonFlattener.flatten(array.getBytes(StandardCharsets.UTF_8), FlattenLimits.DEFAULT)
                .heapBytes();
        String large = "{\"n\": \"" + "x".repeat(100_000) + "\"}";

        Future<Void> alone = Future.succeededFuture();
        for (int i = 0; i < 3; i++) {
            // One at a time, so what the receiver sees held is this event's at least.
            alone = alone.compose(v -> post(http, OK, array))
                    .compose(v -> Poll.until(vertx, () -> Streams.unfinished(redis, stream), n -> n == 0, WITHIN))
                    .mapEmpty();
        }
        alone.compose(v -> {
                    ctx.verify(() -> assertThat(heldAtArrival)
                            .as("budget used as an array event is delivered")
                            .hasSize(3)
                            .allMatch(held -> held >= arrayCharge + array.length()));
                    List<Future<Void>> sent = new ArrayList<>();
                    for (int i = 0; i < 20; i++) {
                        sent.add(post(http, OK, "{\"n\": " + i + "}"));
                        sent.add(post(http, UNBOUND, i % 4 == 0 ? large : "{\"u" + i + "\": 1}"));
                    }
                    for (int i = 0; i < 5; i++) {
                        sent.add(post(http, FLAKY, "{\"n\": " + i + "}"));
                    }
                    sent.add(post(http, DEAD, "{\"n\": 1}"));
                    sent.add(post(http, DEAD, large));
                    sent.add(post(http, DEAD, array));
                    return Future.all(sent);
                })
                .compose(all -> Poll.until(vertx, deadLetters::size, n -> n == 3, WITHIN))
                .compose(n -> Poll.until(vertx, () -> Streams.unfinished(redis, stream), left -> left == 0, WITHIN))
                .compose(n -> Poll.untilValue(vertx, inlet.workerMemory()::used, used -> used == 0, WITHIN))
                .eventually(redis::close)
                .onComplete(ctx.succeeding(used -> ctx.verify(() -> {
                    assertThat(receiver.received(r -> r.path().equals("/flaky")))
                            .hasSize(5 * 3);
                    assertThat(receiver.received(r -> r.path().equals("/dead"))).hasSize(3 * 3);
                    ctx.completeNow();
                })));
    }

    private static Future<Void> post(Http http, String endpoint, String body) {
        return http.post("/v1/webhooks/" + endpoint, Http.headers("Content-Type", "application/json"), body)
                .map(res -> {
                    if (res.statusCode() != 202) {
                        throw new AssertionError(res.statusCode() + " " + res.bodyAsString());
                    }
                    return null;
                });
    }
}
