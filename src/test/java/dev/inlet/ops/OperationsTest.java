package dev.inlet.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inlet.Inlet;
import dev.inlet.Role;
import dev.inlet.config.ConfigException;
import dev.inlet.config.ConfigLoader;
import dev.inlet.config.InletConfig;
import dev.inlet.redis.EmbeddedRedis;
import dev.inlet.support.Http;
import dev.inlet.support.TestRedis;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What an operator relies on: health and metrics, separate ingest and worker processes sharing one
 * Redis (limits included), config reload, graceful shutdown.
 */
@ExtendWith(VertxExtension.class)
class OperationsTest {
    static final String EP = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";

    /** A config whose service id is new each time, so limits spent by one test do not reach another. */
    static String yaml(String redisUrl, String stream, String extraEndpoints) {
        String service = "s" + UUID.randomUUID().toString().substring(0, 8);
        return """
        server: { port: 0, host: 127.0.0.1 }
        redis: { url: "%s", stream: "%s", timeout: 1s }
        workers: { instances: 1, backoff: 50ms }
        services: [ { id: %s, keys: [k] } ]
        endpoints:
          - { id: %s, service: %s, format: json, flows: [copy], limit: { rate: 1, per: 1h, burst: 2 } }
        %s
        flows:
          - id: copy
            steps: [ { action: stream, stream: "%s:copies" } ]
        """
                .formatted(
                        redisUrl,
                        stream,
                        service,
                        EP,
                        service,
                        extraEndpoints.replace("service: s,", "service: " + service + ","),
                        stream);
    }

    static InletConfig config(String yaml) {
        return new ConfigLoader(Map.of()).parse(yaml);
    }

    static Future<String> post(Http http, String endpoint, String body) {
        return http.post("/v1/webhooks/" + endpoint, Http.headers("key", "k", "Content-Type", "application/json"), body)
                .map(r -> r.bodyAsJsonObject().getString("code"));
    }

    static Future<Void> pause(Vertx vertx, long millis) {
        Promise<Void> later = Promise.promise();
        vertx.setTimer(millis, t -> later.complete());
        return later.future();
    }

    /** Polls every 100 ms until the check is true; fails after the deadline. */
    static Future<Void> eventually(Vertx vertx, Supplier<Future<Boolean>> check, long deadlineMillis) {
        return check.get().compose(ok -> {
            if (ok) {
                return Future.succeededFuture();
            }
            if (System.currentTimeMillis() > deadlineMillis) {
                return Future.failedFuture("condition not met in time");
            }
            Promise<Void> later = Promise.promise();
            vertx.setTimer(100, t -> later.complete());
            return later.future().compose(v -> eventually(vertx, check, deadlineMillis));
        });
    }

    @Test
    void healthAndMetrics(Vertx vertx, VertxTestContext tc) {
        Inlet inlet = Inlet.start(config(yaml(TestRedis.url(), "test:ops:" + UUID.randomUUID(), "")));
        Http http = new Http(vertx, inlet.port());
        Redis redis = Redis.createClient(vertx, inlet.redisUrl());
        String copies = inlet.config().redis().stream() + ":copies";
        post(http, EP, "{}")
                .compose(code -> eventually(
                        vertx,
                        () -> redis.send(Request.cmd(Command.XLEN).arg(copies)).map(n -> n.toLong() == 1),
                        System.currentTimeMillis() + 20_000))
                .compose(code -> Future.all(
                        http.send(HttpMethod.GET, "/health/live", null, null),
                        http.send(HttpMethod.GET, "/health/ready", null, null),
                        http.send(HttpMethod.GET, "/metrics", null, null)))
                .onComplete(ar -> {
                    inlet.stop();
                    tc.verify(() -> {
                        assertThat(ar.succeeded()).isTrue();
                        assertThat(ar.result()
                                        .<io.vertx.ext.web.client.HttpResponse<Buffer>>resultAt(0)
                                        .statusCode())
                                .isEqualTo(200);
                        var ready = ar.result().<io.vertx.ext.web.client.HttpResponse<Buffer>>resultAt(1);
                        assertThat(ready.statusCode()).isEqualTo(200);
                        assertThat(ready.bodyAsJsonObject().getString("status")).isEqualTo("UP");
                        String metrics = ar.result()
                                .<io.vertx.ext.web.client.HttpResponse<Buffer>>resultAt(2)
                                .bodyAsString();
                        assertThat(metrics).contains("inlet_requests_total{code=\"1002\",endpoint=\"0a1b2c3d\"} 1.0");
                        assertThat(metrics).contains("inlet_enqueue_seconds_count 1");
                        assertThat(metrics)
                                .contains("inlet_stream_length")
                                .contains("inlet_stream_pending")
                                .contains("inlet_deadletter_length");
                        assertThat(metrics).as("Vert.x's own meters").containsPattern("(?m)^vertx_");
                        assertThat(metrics).contains("inlet_action_seconds_count{action=\"stream\",outcome=\"ok\"} 1");
                        assertThat(metrics).doesNotContain(EP);
                    });
                    tc.completeNow();
                });
    }

    @Test
    void readinessFailsWithTheReasonWhenRedisIsDown(Vertx vertx, VertxTestContext tc) {
        EmbeddedRedis redis = EmbeddedRedis.start();
        Inlet inlet = Inlet.start(config(yaml(redis.url(), "test:ops:" + UUID.randomUUID(), "")));
        Http http = new Http(vertx, inlet.port());
        vertx.executeBlocking(() -> {
                    redis.stop();
                    return null;
                })
                .compose(v -> Future.all(
                        http.send(HttpMethod.GET, "/health/ready", null, null),
                        http.send(HttpMethod.GET, "/health/live", null, null)))
                .onComplete(ar -> {
                    inlet.stop();
                    tc.verify(() -> {
                        var ready = ar.result().<io.vertx.ext.web.client.HttpResponse<Buffer>>resultAt(0);
                        assertThat(ready.statusCode()).isEqualTo(503);
                        assertThat(ready.bodyAsJsonObject().getString("status")).isEqualTo("DOWN");
                        assertThat(ready.bodyAsJsonObject().getString("reason")).startsWith("redis unreachable");
                        assertThat(ar.result()
                                        .<io.vertx.ext.web.client.HttpResponse<Buffer>>resultAt(1)
                                        .statusCode())
                                .isEqualTo(200);
                    });
                    tc.completeNow();
                });
    }

    @Test
    void theHistoryOfAnIngestProcessShowsTheOutcomeOfAWorkerProcess(Vertx vertx, VertxTestContext tc) {
        String stream = "test:ops:" + UUID.randomUUID();
        InletConfig cfg = config(yaml(TestRedis.url(), stream, "")
                .replace(
                        "server: { port: 0, host: 127.0.0.1 }",
                        "server: { port: 0, host: 127.0.0.1 }\nadmin: { token: ops-token }"));
        Inlet ingest = Inlet.start(cfg, Role.INGEST);
        Inlet worker = Inlet.start(cfg, Role.WORKER);
        Http in = new Http(vertx, ingest.port());
        Http w = new Http(vertx, worker.port());
        io.vertx.core.MultiMap admin = Http.headers("Authorization", "Bearer ops-token");
        String[] transid = new String[1];
        http(in, "/v1/webhooks/" + EP, Http.headers("key", "k", "Content-Type", "application/json"))
                .compose(accepted -> {
                    transid[0] = accepted.getString("transid");
                    // The worker process serves the history API too; the record is the ingest process's,
                    // the outcome the worker's.
                    return eventually(
                            vertx,
                            () -> w.send(
                                            io.vertx.core.http.HttpMethod.GET,
                                            "/v1/endpoints/" + EP + "/events",
                                            admin,
                                            null)
                                    .map(r -> r.bodyAsJsonObject().getJsonArray("events"))
                                    .map(events -> events.size() == 1
                                            && "delivered"
                                                    .equals(events.getJsonObject(0)
                                                            .getString("outcome"))),
                            System.currentTimeMillis() + 20_000);
                })
                .compose(done ->
                        w.send(io.vertx.core.http.HttpMethod.GET, "/v1/endpoints/" + EP + "/events", admin, null))
                .onComplete(ar -> {
                    ingest.stop();
                    worker.stop();
                    tc.verify(() -> {
                        assertThat(ar.succeeded())
                                .as(String.valueOf(ar.cause()))
                                .isTrue();
                        JsonObject event = ar.result()
                                .bodyAsJsonObject()
                                .getJsonArray("events")
                                .getJsonObject(0);
                        assertThat(event.getJsonObject("answer").getString("transid"))
                                .isEqualTo(transid[0]);
                        assertThat(event.getString("outcome")).isEqualTo("delivered");
                    });
                    tc.completeNow();
                });
    }

    private static Future<JsonObject> http(Http http, String path, io.vertx.core.MultiMap headers) {
        return http.post(path, headers, "{\"n\":1}").map(r -> r.bodyAsJsonObject());
    }

    @Test
    void ingestAndWorkerProcessesShareOneRedisAndItsLimits(Vertx vertx, VertxTestContext tc) {
        String stream = "test:ops:" + UUID.randomUUID();
        InletConfig cfg = config(yaml(TestRedis.url(), stream, ""));
        Inlet ingestA = Inlet.start(cfg, Role.INGEST);
        Inlet ingestB = Inlet.start(cfg, Role.INGEST);
        Inlet worker = Inlet.start(cfg, Role.WORKER);
        Redis redis = Redis.createClient(vertx, ingestA.redisUrl());
        Http a = new Http(vertx, ingestA.port());
        Http b = new Http(vertx, ingestB.port());
        Http w = new Http(vertx, worker.port());
        post(a, EP, "{\"n\":1}")
                .compose(first -> post(b, EP, "{\"n\":2}").map(second -> first + second))
                .compose(two -> post(a, EP, "{\"n\":3}").map(third -> two + third))
                .compose(codes -> post(w, EP, "{}").map(onWorker -> codes + onWorker))
                .compose(codes -> {
                    tc.verify(() -> assertThat(codes)
                            .as("1002 on A, 1002 on B, limit spent across both, no webhook route on the worker")
                            .isEqualTo("1002100270207043"));
                    return eventually(
                            vertx,
                            () -> redis.send(Request.cmd(Command.XLEN).arg(stream + ":copies"))
                                    .map(n -> n.toLong() == 2),
                            System.currentTimeMillis() + 20_000);
                })
                .onComplete(ar -> {
                    ingestA.stop();
                    ingestB.stop();
                    worker.stop();
                    tc.verify(() -> assertThat(ar.succeeded())
                            .as("the worker process ran the flow of both events")
                            .isTrue());
                    tc.completeNow();
                });
    }

    @Test
    void reloadSwapsEndpointsAndKeepsTheOldConfigWhenTheNewOneIsWrong(Vertx vertx, VertxTestContext tc) {
        String stream = "test:ops:" + UUID.randomUUID();
        Inlet inlet = Inlet.start(config(yaml(TestRedis.url(), stream, "")));
        Http http = new Http(vertx, inlet.port());
        String added = "ffeeddccbbaa99887766554433221100";
        post(http, added, "{}")
                .compose(before -> vertx.executeBlocking(() -> {
                    inlet.reload(config(yaml(
                            TestRedis.url(),
                            stream,
                            "  - { id: " + added + ", service: s, auth: none, format: json }")));
                    return before;
                }))
                .compose(before -> post(http, added, "{}").map(after -> before + after))
                .compose(codes -> vertx.executeBlocking(() -> {
                    String broken = yaml(TestRedis.url(), stream, "").replace("action: stream", "action: teleport");
                    assertThatThrownBy(() -> inlet.reload(new ConfigLoader(Map.of()).parse(broken)))
                            .isInstanceOf(ConfigException.class)
                            .hasMessageContaining("teleport");
                    return codes;
                }))
                .compose(codes -> post(http, added, "{}").map(still -> codes + still))
                .onComplete(ar -> {
                    inlet.stop();
                    tc.verify(() -> assertThat(ar.result())
                            .as("unknown before, queued after reload, still there after a refused reload")
                            .isEqualTo("700810021002"));
                    tc.completeNow();
                });
    }

    @Test
    void shutdownFinishesARequestInFlight(Vertx vertx, VertxTestContext tc) {
        String stream = "test:ops:" + UUID.randomUUID();
        Inlet inlet = Inlet.start(config(yaml(
                TestRedis.url(),
                stream,
                "  - { id: slowbody0000000000000000000000000, service: s, auth: none, format: json }")));
        var client = vertx.createHttpClient(
                new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(inlet.port()));
        client.request(new RequestOptions()
                        .setMethod(HttpMethod.POST)
                        .setURI("/v1/webhooks/slowbody0000000000000000000000000")
                        .putHeader("Content-Type", "application/json")
                        .putHeader("Content-Length", "10"))
                .compose(req -> req.write("{\"slow\"")
                        // Let the server take the request in (headers and the first bytes) before shutdown starts.
                        .compose(v -> pause(vertx, 500))
                        .compose(v -> {
                            // Shutdown begins while the body is still arriving; the request must still be answered.
                            Future<Void> stopping = vertx.executeBlocking(() -> {
                                inlet.stop();
                                return null;
                            });
                            Promise<Void> later = Promise.promise();
                            vertx.setTimer(300, t -> later.complete());
                            return later.future()
                                    .compose(x -> req.end(":1}"))
                                    .compose(x -> req.response())
                                    .compose(res -> res.body()
                                            .map(body -> res.statusCode() + " "
                                                    + body.toJsonObject().getString("code")))
                                    .compose(answer -> stopping.map(answer));
                        }))
                .onComplete(tc.succeeding(answer -> tc.verify(() -> {
                    assertThat(answer).isEqualTo("202 1002");
                    tc.completeNow();
                })));
    }
}
