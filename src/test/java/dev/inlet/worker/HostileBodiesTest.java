package dev.inlet.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.support.ChildInlet;
import dev.inlet.support.HostileBodies;
import dev.inlet.support.TestRedis;
import dev.inlet.support.Waits;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The bodies that used to run a worker out of memory, sent to a real Inlet in a child JVM with
 * {@code bin/inlet}'s flags (320 MiB heap, exit on OutOfMemoryError) on endpoints bound to a flow
 * that forwards each event: eight nested 4,000-character keys around an array of zeros (64 KiB and
 * 256 KiB; the first killed the process before the bounds), the same with 120-character keys
 * (names just under the name bound), an XML body of some 57,000 elements under four
 * 4,000-character names, and 20 concurrent 256 KiB arrays of zeros. Every name of the first two
 * would copy a 32,000-character path; the arrays flatten to 131,000 variables each. The process must stay up, deliver every
 * event, and log that their variables were truncated.
 */
@ExtendWith(VertxExtension.class)
class HostileBodiesTest {
    static final String JSON = "4057113b0d1e5000000000000000000a";
    static final String XML = "4057113b0d1e5000000000000000000b";
    static final int MAX_BODY = 256 * 1024;
    static final int ROUNDS = 3;
    static final int CONCURRENT_ARRAYS = 20;

    Process child;

    @AfterEach
    void stop() {
        if (child != null) {
            child.destroyForcibly();
        }
    }

    @Test
    @Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
    void bodiesThatOnceRanTheHeapOutAreProcessedWithTruncatedVariables(Vertx vertx, VertxTestContext ctx)
            throws Exception {
        Receiver receiver =
                Receiver.start(vertx).toCompletionStage().toCompletableFuture().get();
        int port = ChildInlet.freePort();
        String stream = "test:hostile:" + UUID.randomUUID();
        child = ChildInlet.startWithJvm(
                ChildInlet.BIN_INLET_JVM,
                """
        server: { port: %d, host: 127.0.0.1 }
        redis: { url: "%s", stream: "%s" }
        workers: { instances: 2, backoff: 100ms }
        services: [ { id: hostile } ]
        endpoints:
          - { id: %s, service: hostile, auth: none, format: json, flows: [forward] }
          - { id: %s, service: hostile, auth: none, format: xml, flows: [forward] }
        flows: [ { id: forward, steps: [ { action: http, url: "%s", body: "seen", timeout: 5s } ] } ]
        """
                        .formatted(port, TestRedis.url(), stream, JSON, XML, receiver.url("/hooks")),
                "hostile-bodies.log",
                Map.of());
        String json64 = HostileBodies.nestedKeys(4000, 64 * 1024);
        String json256 = HostileBodies.nestedKeys(4000, MAX_BODY);
        // Names of 968 characters, under the name bound: 127,000 of them would be 123 M characters.
        String shorterKeys = HostileBodies.nestedKeys(120, MAX_BODY);
        String xml = HostileBodies.xmlUnderLongNames(MAX_BODY);
        String array = HostileBodies.zerosArray(MAX_BODY);
        assertThat(List.of(json256, shorterKeys, xml, array)).allMatch(b -> b.length() <= MAX_BODY);
        WebClient client = WebClient.create(
                vertx,
                new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port),
                new PoolOptions().setHttp1MaxSize(CONCURRENT_ARRAYS));
        List<String> transids = new ArrayList<>();

        Future<Void> sent = ChildInlet.serving(vertx, port);
        for (int round = 0; round < ROUNDS; round++) {
            sent = sent.compose(v -> post(client, JSON, json64, transids))
                    .compose(v -> post(client, JSON, json256, transids))
                    .compose(v -> post(client, JSON, shorterKeys, transids))
                    .compose(v -> post(client, XML, xml, transids))
                    .compose(v -> {
                        List<Future<Void>> arrays = new ArrayList<>();
                        for (int i = 0; i < CONCURRENT_ARRAYS; i++) {
                            arrays.add(post(client, JSON, array, transids));
                        }
                        return Future.all(arrays).mapEmpty();
                    });
        }
        sent.compose(v -> Waits.until(
                        vertx,
                        () -> delivered(receiver).containsAll(transids) || !child.isAlive(),
                        60_000,
                        "every hostile event delivered"))
                .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
                    assertThat(child.isAlive())
                            .as("the child Inlet is still running (see target/hostile-bodies.log)")
                            .isTrue();
                    assertThat(transids).hasSize(ROUNDS * (4 + CONCURRENT_ARRAYS));
                    assertThat(delivered(receiver))
                            .as("transids delivered by the flow")
                            .containsAll(transids);
                    List<String> notes = Files.readAllLines(ChildInlet.log("hostile-bodies.log")).stream()
                            .filter(line -> line.contains("variables truncated"))
                            .toList();
                    Set<String> noted = transids.stream()
                            .filter(t -> notes.stream().anyMatch(line -> line.contains(t)))
                            .collect(Collectors.toSet());
                    assertThat(noted)
                            .as("events whose truncation note was logged with their transid")
                            .containsAll(transids);
                    assertThat(notes)
                            .as("truncation notes quote no payload text")
                            .noneMatch(line -> line.contains("a".repeat(32)));
                    ctx.completeNow();
                })));
    }

    private static Future<Void> post(WebClient client, String endpoint, String body, List<String> transids) {
        return client.post("/v1/webhooks/" + endpoint)
                .putHeader("Content-Type", endpoint.equals(XML) ? "application/xml" : "application/json")
                .sendBuffer(Buffer.buffer(body))
                .map(res -> {
                    if (!"1002".equals(res.bodyAsJsonObject().getString("code"))) {
                        throw new AssertionError(res.statusCode() + " " + res.bodyAsString());
                    }
                    synchronized (transids) {
                        transids.add(res.bodyAsJsonObject().getString("transid"));
                    }
                    return null;
                });
    }

    private static Set<String> delivered(Receiver receiver) {
        return receiver.received(r -> true).stream()
                .map(Receiver.Received::transid)
                .collect(Collectors.toSet());
    }
}
