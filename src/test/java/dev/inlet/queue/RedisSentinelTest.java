package dev.inlet.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.Inlet;
import dev.inlet.config.ConfigLoader;
import dev.inlet.redis.EmbeddedRedis;
import dev.inlet.support.Http;
import dev.inlet.worker.Receiver;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisSentinel;

/**
 * Inlet in sentinel mode against a real redis-server and one real sentinel (the same binary with
 * {@code --sentinel}): the client asks the sentinel for the master named by {@code redis.masterName},
 * and ingest, idempotency and the workers work through it.
 */
@Tag("sentinel")
class RedisSentinelTest {
    static final String ENDPOINT = "d0000000000000000000000000000001";

    @Test
    void ingestAndWorkersReachTheMasterTheSentinelNames() throws Exception {
        Path dir = Files.createTempDirectory("inlet-sentinel");
        EmbeddedRedis master = EmbeddedRedis.start();
        RedisSentinel sentinel = null;
        Inlet inlet = null;
        Vertx vertx = Vertx.vertx();
        try {
            int sentinelPort = freePort();
            Path conf = dir.resolve("sentinel.conf");
            Files.writeString(
                    conf,
                    String.join(
                            "\n",
                            "bind 127.0.0.1",
                            "dir " + dir.toAbsolutePath(),
                            "sentinel monitor orders 127.0.0.1 " + master.port() + " 1",
                            "sentinel down-after-milliseconds orders 5000",
                            ""));
            sentinel = RedisSentinel.newRedisSentinel()
                    .configFile(conf.toString())
                    .port(sentinelPort)
                    .onShutdownForceStop(true)
                    .build();
            sentinel.start();

            Receiver receiver = await(Receiver.start(vertx));
            inlet = Inlet.start(new ConfigLoader(Map.of())
                    .parse(
                            """
          server: { port: 0, host: 127.0.0.1 }
          redis: { url: "redis://127.0.0.1:%d", mode: sentinel, masterName: orders, stream: "test:sentinel" }
          workers: { instances: 1, batchSize: 4 }
          services: [{ id: shop }]
          endpoints:
            - { id: %s, service: shop, auth: none, format: json, idempotency: { header: webhook-id }, flows: [deliver] }
          flows:
            - id: deliver
              steps: [{ action: http, url: "%s" }]
          """
                                    .formatted(sentinelPort, ENDPOINT, receiver.url("/got"))));
            Http http = new Http(vertx, inlet.port());

            String first = null;
            for (int i = 0; i < 2; i++) {
                HttpResponse<Buffer> r = await(http.post(
                        "/v1/webhooks/" + ENDPOINT,
                        Http.headers("Content-Type", "application/json", "webhook-id", "once"),
                        "{\"n\": 1}"));
                JsonObject body = r.bodyAsJsonObject();
                assertThat(body.getString("code")).isEqualTo("1002");
                first = first == null ? body.getString("transid") : first;
                assertThat(body.getString("transid")).isEqualTo(first);
            }
            String transid = first;
            long deadline = System.currentTimeMillis() + 10_000;
            while (receiver.withTransid(transid).isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(25);
            }
            assertThat(receiver.withTransid(transid)).hasSize(1);
        } finally {
            if (inlet != null) {
                inlet.stop();
            }
            await(vertx.close());
            if (sentinel != null) {
                sentinel.stop();
            }
            master.stop();
            delete(dir);
            delete(master.dir());
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
