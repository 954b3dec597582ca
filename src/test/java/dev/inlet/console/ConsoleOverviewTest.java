package dev.inlet.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.Inlet;
import dev.inlet.Role;
import dev.inlet.config.ConfigLoader;
import dev.inlet.config.InletConfig;
import dev.inlet.history.HistoryKeys;
import dev.inlet.ingest.ResponseCode;
import dev.inlet.support.Http;
import dev.inlet.support.SyncRedis;
import dev.inlet.support.TestRedis;
import dev.inlet.worker.Poll;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The overview's counts through two real ingest processes on one Redis (each counts on its event
 * loops, its history pass adds them to the minute hashes, either one's overview reads the sum),
 * and the endpoint's configuration with every secret replaced.
 */
@ExtendWith(VertxExtension.class)
class ConsoleOverviewTest {
    static final String TOKEN = "console-overview-token";
    static final String PLAIN = "e0000000000000000000000000000001";
    static final String SIGNED = "e0000000000000000000000000000002";
    static final String KEYED = "e0000000000000000000000000000003";
    static final String GITHUB_SECRET = "gh-secret-never-shown-1";
    static final String SECOND_SECRET = "gh-secret-never-shown-2";
    static final String SERVICE_KEY = "service-key-never-shown";
    static final String JWT_SECRET = "jwt-secret-never-shown-0123456789abcdef";

    static String stream;
    static Inlet inlet;
    static Inlet second;
    Http http;
    ConsoleClient console;

    @BeforeAll
    static void start() {
        stream = "test:console-overview:" + UUID.randomUUID();
        String rest =
                """
        redis: { url: "%s", stream: "%s" }
        services:
          - { id: shop, keys: [%s], jwt: { secret: "%s" }, allowIps: [127.0.0.0/8], limit: { rate: 1000, per: 1s } }
          - { id: open }
        endpoints:
          - { id: %s, service: open, auth: none, format: json, flows: [noted] }
          - { id: %s, service: open, auth: none, format: json, history: off,
              signature: { scheme: github, secrets: [%s, %s] } }
          - { id: %s, service: shop, auth: key, format: json,
              signature: { scheme: meta, secrets: [%s], verifyToken: verify-token-never-shown } }
        flows: [{ id: noted, steps: [{ action: log, message: noted }] }]
        """
                        .formatted(
                                TestRedis.url(),
                                stream,
                                SERVICE_KEY,
                                JWT_SECRET,
                                PLAIN,
                                SIGNED,
                                GITHUB_SECRET,
                                SECOND_SECRET,
                                KEYED,
                                GITHUB_SECRET);
        inlet = Inlet.start(config(
                """
        server: { port: 0, host: 127.0.0.1 }
        admin: { token: %s }
        workers: { instances: 1 }
        """
                                .formatted(TOKEN)
                        + rest));
        second = Inlet.start(
                config("""
        server: { port: 0, host: 127.0.0.1 }
        workers: { instances: 0 }
        """
                        + rest),
                Role.INGEST);
    }

    private static InletConfig config(String yaml) {
        return new ConfigLoader(Map.of()).parse(yaml);
    }

    @AfterAll
    static void stop() {
        if (inlet != null) {
            inlet.stop();
        }
        if (second != null) {
            second.stop();
        }
    }

    @BeforeEach
    void client(Vertx vertx) {
        http = new Http(vertx, inlet.port());
        console = new ConsoleClient(http);
    }

    @Test
    void countsOfEveryIngestProcessAddUpInTheOverview(Vertx vertx, VertxTestContext ctx) {
        Http other = new Http(vertx, second.port());
        String path = "/v1/webhooks/" + PLAIN;
        Future<?> sent = http.post(path, Http.headers("Content-Type", "application/json"), "{\"a\":1}")
                .compose(r -> http.post(path, Http.headers("Content-Type", "application/json"), "{\"a\":2}"))
                .compose(r -> other.post(path, Http.headers("Content-Type", "application/json"), "{\"a\":3}"))
                .compose(r -> other.post(path, Http.headers("Content-Type", "application/json"), "{not json"))
                .compose(r ->
                        http.post("/v1/webhooks/" + SIGNED, Http.headers("Content-Type", "application/json"), "{}"))
                .compose(r -> http.post(
                        "/v1/webhooks/ffffffffffffffffffffffffffffffff",
                        Http.headers("Content-Type", "application/json"),
                        "{}"));
        sent.compose(v -> console.signedIn(TOKEN))
                .compose(s -> Poll.until(
                        vertx,
                        () -> console.get(s, "/console/api/overview").map(res -> res.bodyAsJsonObject()),
                        o -> hour(o, PLAIN).getLong("1002", 0L) == 3
                                && hour(o, PLAIN).getLong("7000", 0L) == 1
                                && hour(o, SIGNED).getLong("7029", 0L) == 1,
                        Duration.ofSeconds(30)))
                .onComplete(ctx.succeeding(o -> ctx.verify(() -> {
                    JsonArray endpoints = o.getJsonArray("endpoints");
                    assertThat(endpoints).hasSize(3);
                    assertThat(endpoints.stream().map(e -> ((JsonObject) e).getString("id")))
                            .containsExactly(PLAIN, SIGNED, KEYED);
                    JsonObject plain = endpoints.getJsonObject(0);
                    assertThat(plain.getString("url")).isEqualTo("/v1/webhooks/" + PLAIN);
                    assertThat(plain.getString("service")).isEqualTo("open");
                    assertThat(plain.getString("auth")).isEqualTo("none");
                    assertThat(plain.getValue("signature")).isNull();
                    assertThat(plain.getJsonArray("flows")).containsExactly("noted");
                    assertThat(plain.getBoolean("history")).isTrue();
                    assertThat(plain.getJsonObject("counts")
                                    .getJsonObject("hour")
                                    .fieldNames())
                            .containsExactlyInAnyOrder("1002", "7000");
                    JsonArray series = plain.getJsonArray("series");
                    assertThat(series).hasSize(60);
                    long accepted = 0;
                    long refused = 0;
                    for (int i = 0; i < series.size(); i++) {
                        JsonObject point = series.getJsonObject(i);
                        accepted += point.getLong("accepted");
                        refused += point.getLong("refused");
                        if (i > 0) {
                            assertThat(point.getLong("t")
                                            - series.getJsonObject(i - 1).getLong("t"))
                                    .isEqualTo(60_000L);
                        }
                    }
                    assertThat(accepted).isEqualTo(3);
                    assertThat(refused).isEqualTo(1);
                    JsonObject minute = plain.getJsonObject("counts").getJsonObject("minute");
                    assertThat(minute.getLong("1002", 0L)).isBetween(0L, 3L);
                    JsonObject signed = endpoints.getJsonObject(1);
                    assertThat(signed.getString("signature")).isEqualTo("github");
                    assertThat(signed.getBoolean("history")).isFalse();
                    assertThat(o.getJsonObject("redis").getBoolean("ok")).isTrue();
                    assertThat(o.getJsonObject("redis").getString("mode")).isEqualTo("standalone");
                    assertThat(o.getJsonObject("redis").getDouble("millis")).isGreaterThanOrEqualTo(0.0);
                    assertThat(o.getJsonObject("workers").getInteger("instances"))
                            .isEqualTo(1);
                    assertThat(o.getJsonObject("workers").getLong("consumers")).isGreaterThanOrEqualTo(0L);
                    assertThat(o.getJsonObject("stream").getLong("length")).isGreaterThanOrEqualTo(0L);
                    assertThat(o.getLong("deadLetters")).isZero();
                    assertThat(o.getValue("next")).isNull();
                    try (SyncRedis redis = SyncRedis.open()) {
                        long minuteNow = System.currentTimeMillis() / 60_000;
                        long found = 0;
                        for (long m = minuteNow - 2; m <= minuteNow; m++) {
                            String key = HistoryKeys.of(stream).counts(PLAIN, m);
                            var n = redis.send(
                                    Request.cmd(Command.HGET).arg(key).arg("1002"));
                            if (n != null) {
                                found += n.toLong();
                                long ttl = redis.send(Request.cmd(Command.PTTL).arg(key))
                                        .toLong();
                                assertThat(ttl).isBetween(1L, HistoryKeys.COUNTS_MILLIS);
                            }
                        }
                        assertThat(found).isEqualTo(3);
                    }
                    ctx.completeNow();
                })));
    }

    private static JsonObject hour(JsonObject overview, String endpoint) {
        for (Object e : overview.getJsonArray("endpoints")) {
            JsonObject line = (JsonObject) e;
            if (line.getString("id").equals(endpoint)) {
                return line.getJsonObject("counts").getJsonObject("hour");
            }
        }
        return new JsonObject();
    }

    @Test
    void anEndpointsConfigIsShownWithEverySecretReplaced(VertxTestContext ctx) {
        console.signedIn(TOKEN)
                .compose(s -> console.get(s, "/console/api/endpoints/" + KEYED)
                        .compose(res -> {
                            ctx.verify(() -> {
                                assertThat(res.statusCode())
                                        .as(res.bodyAsString())
                                        .isEqualTo(200);
                                String text = res.bodyAsString();
                                for (String secret : new String[] {
                                    GITHUB_SECRET, SERVICE_KEY, JWT_SECRET, "verify-token-never-shown", TOKEN
                                }) {
                                    assertThat(text).doesNotContain(secret);
                                }
                                JsonObject body = res.bodyAsJsonObject();
                                assertThat(body.getString("url")).isEqualTo("/v1/webhooks/" + KEYED);
                                JsonObject config = body.getJsonObject("config");
                                JsonObject signature = config.getJsonObject("signature");
                                assertThat(signature.getString("scheme")).isEqualTo("meta");
                                assertThat(signature.getString("secrets")).isEqualTo("1 set");
                                assertThat(signature.getString("verifyToken")).isEqualTo("set");
                                JsonObject service = config.getJsonObject("service");
                                assertThat(service.fieldNames())
                                        .containsExactlyInAnyOrder("id", "active", "auth", "allowIps", "limit");
                                assertThat(service.getJsonArray("auth")).containsExactly("key", "jwt");
                                assertThat(service.getJsonArray("allowIps")).containsExactly("127.0.0.0/8");
                                assertThat(config.getString("auth")).isEqualTo("key");
                                assertThat(config.getJsonObject("history").getLong("keep"))
                                        .isEqualTo(1000L);
                            });
                            return console.get(s, "/console/api/endpoints/" + SIGNED);
                        })
                        .compose(res -> {
                            ctx.verify(() -> {
                                assertThat(res.bodyAsString())
                                        .doesNotContain(GITHUB_SECRET)
                                        .doesNotContain(SECOND_SECRET);
                                JsonObject config = res.bodyAsJsonObject().getJsonObject("config");
                                assertThat(config.getJsonObject("signature").getString("secrets"))
                                        .isEqualTo("2 set");
                                assertThat(config.getString("history")).isEqualTo("off");
                            });
                            return console.get(s, "/console/api/endpoints/ffffffffffffffffffffffffffffffff");
                        }))
                .compose(res -> {
                    ctx.verify(() -> {
                        assertThat(res.statusCode()).isEqualTo(404);
                        assertThat(res.bodyAsJsonObject().getString("code"))
                                .isEqualTo(ResponseCode.UNKNOWN_ENDPOINT.code());
                    });
                    return console.get(null, "/console/api/endpoints/" + KEYED);
                })
                .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
                    assertThat(res.statusCode()).isEqualTo(401);
                    ctx.completeNow();
                })));
    }
}
