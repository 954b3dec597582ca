package dev.inlet.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.Inlet;
import dev.inlet.config.ConfigLoader;
import dev.inlet.queue.StoredHeaders;
import dev.inlet.support.RawHttp;
import dev.inlet.support.TestRedis;
import dev.inlet.worker.EventPipeline;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Requests an attacker would send, through the real server behind a (simulated) proxy that writes
 * {@code Forwarded}: a forged {@code X-Forwarded-For}, idempotency values of other types that
 * collided, thousands of headers, webhooks while every shared worker pool is full, a check that
 * cannot run in time, a dead-letter id past 64 bits. Each gets its defined answer, never silence.
 */
class HostileRequestsTest {
    static final String TOKEN = "hostile-admin-token";
    static final int TIMEOUT_MS = 15_000;
    /** Over the size checked on the event loop, so the syntax check and the idempotency path go to the check pool. */
    static final int LARGE = CheckPool.INLINE_LIMIT + 30_000;

    static Inlet inlet;
    static String stream;
    static Redis redis;

    @BeforeAll
    static void start() {
        stream = "test:hostile:" + UUID.randomUUID();
        String yaml =
                """
        server: { port: 0, host: 127.0.0.1, trustedProxies: ["127.0.0.1/32"], forwardedHeader: forwarded }
        admin: { token: %s }
        redis: { url: "%s", stream: "%s", timeout: 2s }
        workers: { instances: 0 }
        services:
          - { id: shop, keys: [k] }
          - { id: fenced, keys: [k], allowIps: ["203.0.113.0/24"] }
        endpoints:
          - { id: open-ep, service: shop, auth: none, format: json }
          - { id: fenced-ep, service: fenced, format: json }
          - { id: by-path, service: shop, auth: none, format: json, idempotency: { path: "$.id" } }
        """
                        .formatted(TOKEN, TestRedis.url(), stream);
        inlet = Inlet.start(new ConfigLoader(Map.of()).parse(yaml));
        redis = Redis.createClient(inlet.vertx(), inlet.redisUrl());
    }

    @AfterAll
    static void stop() {
        if (redis != null) {
            redis.close();
        }
        if (inlet != null) {
            inlet.stop();
        }
    }

    private static RawHttp.Answer post(String endpoint, String headers, String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST /v1/webhooks/" + endpoint + " HTTP/1.1\r\nHost: x\r\n" + headers
                + "Content-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n\r\n";
        byte[] request = new byte[head.length() + bytes.length];
        System.arraycopy(head.getBytes(StandardCharsets.ISO_8859_1), 0, request, 0, head.length());
        System.arraycopy(bytes, 0, request, head.length(), bytes.length);
        return RawHttp.exchange(inlet.port(), request, TIMEOUT_MS);
    }

    private static void assertCode(RawHttp.Answer answer, ResponseCode code) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(code.httpStatus());
        assertThat(new JsonObject(answer.body()).getString("code")).isEqualTo(code.code());
    }

    private static String transid(RawHttp.Answer answer) {
        assertCode(answer, ResponseCode.QUEUED);
        return new JsonObject(answer.body()).getString("transid");
    }

    /** A JSON body of about {@code size} bytes with {@code "id": idJson}. */
    private static String body(String idJson, int size) {
        return "{\"id\":" + idJson + ",\"pad\":\"" + "x".repeat(Math.max(0, size - idJson.length() - 20)) + "\"}";
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * Occupies every thread of a pool with a task that waits for {@code release} and returns once all
     * are running; {@code submit} hands one task to the pool.
     */
    private static void fill(
            int threads,
            CountDownLatch release,
            java.util.function.Consumer<java.util.concurrent.Callable<Void>> submit)
            throws InterruptedException {
        CountDownLatch running = new CountDownLatch(threads);
        for (int i = 0; i < threads; i++) {
            submit.accept(() -> {
                running.countDown();
                release.await();
                return null;
            });
        }
        assertThat(running.await(TIMEOUT_MS, TimeUnit.MILLISECONDS))
                .as("all %d threads taken", threads)
                .isTrue();
    }

    @Test
    void aForgedXForwardedForIsIgnoredWhenTheProxyWritesForwarded() throws Exception {
        // The reproduction: the proxy writes Forwarded with the real client; the client added its own X-Forwarded-For.
        assertCode(
                post("fenced-ep", "key: k\r\nForwarded: for=198.51.100.1\r\nX-Forwarded-For: 203.0.113.7\r\n", "{}"),
                ResponseCode.IP_NOT_ALLOWED);
        assertCode(post("fenced-ep", "key: k\r\nX-Forwarded-For: 203.0.113.7\r\n", "{}"), ResponseCode.IP_NOT_ALLOWED);
        assertCode(
                post(
                        "fenced-ep",
                        "key: k\r\nForwarded: for=203.0.113.7;proto=https\r\nX-Forwarded-For: 198.51.100.1\r\n",
                        "{}"),
                ResponseCode.QUEUED);
    }

    @Test
    void idempotencyValuesOfAnotherTypeNoLongerCollide() throws Exception {
        long n = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        String number = transid(post("by-path", "", "{\"id\":" + n + "}"));
        String text = transid(post("by-path", "", "{\"id\":\"" + n + "\"}"));
        String object = transid(post("by-path", "", "{\"id\":{\"a\":" + n + "}}"));
        String mapText = transid(post("by-path", "", "{\"id\":\"{a=" + n + "}\"}"));
        assertThat(List.of(number, text, object, mapText)).doesNotHaveDuplicates();
        // A real repeat, even with its keys in another order, is still one event.
        assertThat(transid(post("by-path", "", "{\"id\":" + n + "}"))).isEqualTo(number);
        assertThat(transid(post("by-path", "", "{\"pad\":1, \"id\":{\"a\":" + n + "}}")))
                .isEqualTo(object);
    }

    @Test
    void thousandsOfHeadersAreAnsweredAndAtMostTheCapStored() throws Exception {
        StringBuilder headers = new StringBuilder();
        for (int i = 0; i < 2_200; i++) {
            headers.append(Integer.toString(i, 36)).append(":1\r\n");
        }
        String transid = transid(post("open-ep", headers.toString(), "{}"));
        Response entries = await(
                redis.send(Request.cmd(Command.XRANGE).arg(stream).arg("-").arg("+")));
        JsonObject stored = null;
        for (Response entry : entries) {
            Response fields = entry.get(1);
            Map<String, String> map = new java.util.HashMap<>();
            for (int i = 0; i < fields.size(); i += 2) {
                map.put(fields.get(i).toString(), fields.get(i + 1).toString(StandardCharsets.UTF_8));
            }
            if (transid.equals(map.get("transid"))) {
                stored = new JsonObject(map.get("headers"));
            }
        }
        assertThat(stored).isNotNull();
        assertThat(stored.size()).isEqualTo(StoredHeaders.MAX_NAMES);
        assertThat(stored.getString("host")).isEqualTo("x");
    }

    @Test
    void largeWebhooksAreAnsweredWhileTheSharedWorkerPoolsAreFull() throws Exception {
        Vertx vertx = inlet.vertx();
        CountDownLatch release = new CountDownLatch(1);
        WorkerExecutor payloads = EventPipeline.payloadExecutor(vertx);
        try {
            // Vert.x's default worker pool (20 threads) and the workers' pool, as the conditions of the reproduction
            // held them.
            fill(20, release, task -> vertx.executeBlocking(task, false));
            fill(Runtime.getRuntime().availableProcessors(), release, task -> payloads.executeBlocking(task, false));
            assertCode(post("open-ep", "", body("1", LARGE)), ResponseCode.QUEUED);
            assertCode(post("open-ep", "", body("[", LARGE)), ResponseCode.INVALID_JSON);
            String id = "\"" + UUID.randomUUID() + "\"";
            String first = transid(post("by-path", "", body(id, LARGE)));
            assertThat(transid(post("by-path", "", body(id, LARGE))))
                    .as("the path read off the loop dedups")
                    .isEqualTo(first);
        } finally {
            release.countDown();
            payloads.close();
        }
    }

    @Test
    void aCheckThatCannotRunInTimeAnswers7005() throws Exception {
        WorkerExecutor checks = inlet.vertx().createSharedWorkerExecutor(CheckPool.NAME);
        CountDownLatch release = new CountDownLatch(1);
        try {
            fill(Runtime.getRuntime().availableProcessors(), release, task -> checks.executeBlocking(task, false));
            List<RawHttp.Answer> answers = new ArrayList<>();
            answers.add(post("open-ep", "", body("1", LARGE)));
            String id = "\"" + UUID.randomUUID() + "\"";
            answers.add(post("by-path", "", body(id, CheckPool.INLINE_LIMIT - 1_000)));
            assertCode(answers.get(0), ResponseCode.INTERNAL_ERROR);
            assertThat(answers.get(0).header("Retry-After")).isEqualTo("1");
            // A small body needs no pool: its checks and its key run on the event loop.
            assertCode(answers.get(1), ResponseCode.QUEUED);
        } finally {
            release.countDown();
            checks.close();
        }
        assertCode(post("open-ep", "", body("1", LARGE)), ResponseCode.QUEUED);
    }

    @Test
    void aDeadLetterIdPast64BitsIsABadRequest() throws Exception {
        String auth = "Authorization: Bearer " + TOKEN + "\r\n";
        for (String id : List.of("99999999999999999999-0", "1-99999999999999999999", "18446744073709551616-0")) {
            RawHttp.Answer answer = RawHttp.exchange(
                    inlet.port(),
                    "POST /v1/admin/dead-letters/" + id + "/replay HTTP/1.1\r\nHost: x\r\n" + auth
                            + "Content-Length: 0\r\n\r\n",
                    TIMEOUT_MS);
            assertCode(answer, ResponseCode.BAD_REQUEST);
            answer = RawHttp.exchange(
                    inlet.port(),
                    "GET /v1/admin/dead-letters?after=" + id + " HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n",
                    TIMEOUT_MS);
            assertCode(answer, ResponseCode.BAD_REQUEST);
        }
        RawHttp.Answer largest = RawHttp.exchange(
                inlet.port(),
                "POST /v1/admin/dead-letters/18446744073709551615-18446744073709551615"
                        + "/replay HTTP/1.1\r\nHost: x\r\n" + auth + "Content-Length: 0\r\n\r\n",
                TIMEOUT_MS);
        assertCode(largest, ResponseCode.NOT_FOUND);
    }
}
