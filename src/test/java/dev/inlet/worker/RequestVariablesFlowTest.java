package dev.inlet.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.Inlet;
import dev.inlet.config.ConfigLoader;
import dev.inlet.support.Http;
import dev.inlet.support.TestRedis;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Redis;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The request's headers and query string as variables, through the real server and workers:
 * GitHub deliveries routed by {@code X-GitHub-Event} ({@code $headers.x-github-event}), query
 * fields in templates ({@code $query.source}, a repeated {@code $query.tag[1]}), the request
 * winning over a body that names the same variables, and credentials never among them.
 */
@ExtendWith(VertxExtension.class)
class RequestVariablesFlowTest {
    static final String GITHUB = "c0000000000000000000000000000001";
    static final String KEYED = "c0000000000000000000000000000002";
    static final Duration WITHIN = Duration.ofSeconds(10);

    static Vertx receiverVertx;
    static Receiver receiver;
    static Inlet inlet;
    static String stream;

    Http http;
    Redis redis;

    @BeforeAll
    static void start() throws Exception {
        receiverVertx = Vertx.vertx();
        receiver = Receiver.start(receiverVertx)
                .toCompletionStage()
                .toCompletableFuture()
                .get();
        stream = "test:request-variables:" + UUID.randomUUID();
        String base = receiver.url("");
        String yaml =
                """
        server: { port: 0, host: 127.0.0.1 }
        redis: { url: "%s", stream: "%s" }
        workers: { instances: 1, batchSize: 8 }
        services: [{ id: senders, keys: [sender-key] }]
        endpoints:
          - { id: %s, service: senders, auth: none, format: json, rules: [push, ping] }
          - { id: %s, service: senders, auth: key, format: json, flows: [echo] }
        rules:
          - id: push
            when: "$headers.x-github-event == 'push'"
            actions:
              - action: http
                url: "%s/push/$query.source"
                body: '{"ref": "$ref", "delivery": "$headers.x-github-delivery", "tag": "$query.tag[1]", "note": "$query.note"}'
          - id: ping
            when: "$headers.x-github-event == 'ping'"
            actions:
              - { action: http, url: "%s/ping", body: '{"zen": "$zen", "hook": "$headers.x-github-hook-id"}' }
        flows:
          - id: echo
            steps:
              - action: http
                url: "%s/echo"
                body: '{"key": "$headers.key", "authorization": "$headers.authorization", "sender": "$headers.x-sender"}'
        """
                        .formatted(TestRedis.url(), stream, GITHUB, KEYED, base, base, base);
        inlet = Inlet.start(new ConfigLoader(Map.of()).parse(yaml));
    }

    @AfterAll
    static void stop() throws Exception {
        if (inlet != null) {
            inlet.stop();
        }
        receiverVertx.close().toCompletionStage().toCompletableFuture().get();
    }

    @BeforeEach
    void clients(Vertx vertx) {
        http = new Http(vertx, inlet.port());
        redis = Redis.createClient(vertx, inlet.redisUrl());
    }

    @AfterEach
    void close() {
        redis.close();
    }

    /** Posts a delivery; its transid once it was queued (1002). */
    private Future<String> send(String pathAndQuery, MultiMap headers, String body) {
        return http.send(
                        HttpMethod.POST,
                        pathAndQuery,
                        headers.add("Content-Type", "application/json"),
                        Buffer.buffer(body))
                .map(res -> {
                    JsonObject answer = new JsonObject(res.bodyAsString());
                    if (res.statusCode() != 202 || !"1002".equals(answer.getString("code"))) {
                        throw new AssertionError("not queued: " + res.statusCode() + " " + res.bodyAsString());
                    }
                    return answer.getString("transid");
                });
    }

    private Future<List<Receiver.Received>> delivered(Vertx vertx, String transid) {
        return Poll.untilValue(vertx, () -> receiver.withTransid(transid), l -> !l.isEmpty(), WITHIN)
                .compose(got -> Poll.until(vertx, () -> Streams.unfinished(redis, stream), n -> n == 0, WITHIN)
                        .map(n -> receiver.withTransid(transid)));
    }

    @Test
    void aPushIsRoutedByItsEventHeaderAndTheQueryFillsTheTemplate(Vertx vertx, VertxTestContext ctx) {
        send(
                        "/v1/webhooks/" + GITHUB + "?source=github&tag=a&tag=b&note=caf%C3%A9+au+lait",
                        Http.headers(
                                "X-GitHub-Event", "push",
                                "X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958"),
                        "{\"ref\":\"refs/heads/main\"}")
                .compose(transid -> delivered(vertx, transid))
                .onComplete(ctx.succeeding(got -> ctx.verify(() -> {
                    assertThat(got).as("the push rule only").hasSize(1);
                    assertThat(got.get(0).path()).isEqualTo("/push/github");
                    assertThat(new JsonObject(got.get(0).body()))
                            .isEqualTo(new JsonObject()
                                    .put("ref", "refs/heads/main")
                                    .put("delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958")
                                    .put("tag", "b")
                                    .put("note", "café au lait"));
                    ctx.completeNow();
                })));
    }

    @Test
    void theRequestWinsOverABodyThatNamesItsVariables(Vertx vertx, VertxTestContext ctx) {
        // The body claims to be a push, and to come from hook 1; the request says ping, hook 42.
        send(
                        "/v1/webhooks/" + GITHUB,
                        Http.headers("X-GitHub-Event", "ping", "X-GitHub-Hook-ID", "42"),
                        "{\"zen\":\"Keep it logically awesome.\",\"headers\":{\"x-github-event\":\"push\","
                                + "\"x-github-hook-id\":\"1\"},\"query\":{\"source\":\"forged\"}}")
                .compose(transid -> delivered(vertx, transid))
                .onComplete(ctx.succeeding(got -> ctx.verify(() -> {
                    assertThat(got).as("the ping rule only").hasSize(1);
                    assertThat(got.get(0).path()).isEqualTo("/ping");
                    assertThat(new JsonObject(got.get(0).body()))
                            .isEqualTo(new JsonObject()
                                    .put("zen", "Keep it logically awesome.")
                                    .put("hook", "42"));
                    ctx.completeNow();
                })));
    }

    @Test
    void credentialsAreNeverVariables(Vertx vertx, VertxTestContext ctx) {
        send("/v1/webhooks/" + KEYED, Http.headers("key", "sender-key", "X-Sender", "shop-7"), "{}")
                .compose(transid -> delivered(vertx, transid))
                .onComplete(ctx.succeeding(got -> ctx.verify(() -> {
                    assertThat(got).hasSize(1);
                    assertThat(new JsonObject(got.get(0).body()))
                            .isEqualTo(new JsonObject()
                                    .put("key", "")
                                    .put("authorization", "")
                                    .put("sender", "shop-7"));
                    ctx.completeNow();
                })));
    }
}
