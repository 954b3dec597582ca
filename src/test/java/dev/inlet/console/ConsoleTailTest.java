package dev.inlet.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.Inlet;
import dev.inlet.config.ConfigLoader;
import dev.inlet.ingest.ResponseCode;
import dev.inlet.support.Http;
import dev.inlet.support.TestRedis;
import dev.inlet.worker.Poll;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The live tail through a real Inlet: Server-Sent Events of new records, resumption, its bound. */
@ExtendWith(VertxExtension.class)
class ConsoleTailTest {
    static final String TOKEN = "console-tail-token";
    static final String TAILED = "f0000000000000000000000000000001";
    static final String OFF = "f0000000000000000000000000000002";

    static Inlet inlet;
    Http http;
    ConsoleClient console;
    HttpClient client;

    @BeforeAll
    static void start() {
        inlet = Inlet.start(new ConfigLoader(Map.of())
                .parse(
                        """
        server: { port: 0, host: 127.0.0.1 }
        admin: { token: %s }
        redis: { url: "%s", stream: "test:console-tail:%s" }
        workers: { instances: 0 }
        services: [{ id: shop }]
        endpoints:
          - { id: %s, service: shop, auth: none, format: json }
          - { id: %s, service: shop, auth: none, format: json, history: off }
        """
                                .formatted(TOKEN, TestRedis.url(), UUID.randomUUID(), TAILED, OFF)));
    }

    @AfterAll
    static void stop() {
        if (inlet != null) {
            inlet.stop();
        }
    }

    @BeforeEach
    void client(Vertx vertx) {
        http = new Http(vertx, inlet.port());
        console = new ConsoleClient(http);
        client = vertx.createHttpClient(new HttpClientOptions(), new PoolOptions().setHttp1MaxSize(64));
    }

    /** One open tail: what it received so far. */
    static final class Opened {
        final HttpClientRequest request;
        final HttpClientResponse response;
        final StringBuilder text = new StringBuilder();

        Opened(HttpClientRequest request, HttpClientResponse response) {
            this.request = request;
            this.response = response;
        }

        /** The records received so far, each [id, data]. */
        List<String[]> records() {
            List<String[]> out = new ArrayList<>();
            for (String frame : text.toString().split("\n\n")) {
                String id = null;
                String data = null;
                boolean record = false;
                for (String line : frame.split("\n")) {
                    if (line.startsWith("id: ")) {
                        id = line.substring(4);
                    } else if (line.equals("event: record")) {
                        record = true;
                    } else if (line.startsWith("data: ")) {
                        data = line.substring(6);
                    }
                }
                if (record && data != null && frame.endsWith("}")) {
                    out.add(new String[] {id, data});
                }
            }
            return out;
        }

        void close() {
            request.connection().close();
        }
    }

    /** Opens a tail; completes once the first bytes (its opening comment) arrived, or on a refusal. */
    Future<Opened> open(ConsoleClient.Signed s, String endpoint, String lastEventId) {
        return client.request(HttpMethod.GET, inlet.port(), "127.0.0.1", "/console/api/endpoints/" + endpoint + "/tail")
                .compose(req -> {
                    if (s != null) {
                        req.putHeader("Cookie", ConsoleSession.COOKIE + "=" + s.cookie());
                    }
                    if (lastEventId != null) {
                        req.putHeader("Last-Event-ID", lastEventId);
                    }
                    return req.send().compose(res -> {
                        Opened o = new Opened(req, res);
                        Promise<Opened> first = Promise.promise();
                        res.handler(chunk -> {
                            o.text.append(chunk.toString());
                            first.tryComplete(o);
                        });
                        res.endHandler(v -> first.tryComplete(o));
                        return first.future();
                    });
                });
    }

    private Future<?> send(String body) {
        return http.post("/v1/webhooks/" + TAILED, Http.headers("Content-Type", "application/json"), body);
    }

    @Test
    void newRecordsArriveOldestFirstAndALastEventIdResumes(Vertx vertx, VertxTestContext ctx) {
        console.signedIn(TOKEN)
                .compose(s -> send("{\"before\":true}")
                        // Its record is in Redis before the tail opens, so the tail must not send it.
                        .compose(v -> Poll.until(
                                vertx,
                                () -> console.get(s, "/console/api/v1/endpoints/" + TAILED + "/events")
                                        .map(r -> r.bodyAsJsonObject()
                                                .getJsonArray("events")
                                                .size()),
                                n -> n == 1,
                                Duration.ofSeconds(20)))
                        .compose(v -> open(s, TAILED, null))
                        .compose(tail -> {
                            ctx.verify(() -> {
                                assertThat(tail.response.statusCode()).isEqualTo(200);
                                assertThat(tail.response.getHeader("Content-Type"))
                                        .startsWith("text/event-stream");
                                assertThat(tail.response.getHeader("Cache-Control"))
                                        .isEqualTo("no-store");
                                assertThat(tail.response.getHeader("Content-Security-Policy"))
                                        .isNotNull();
                            });
                            return send("{\"a\":1}")
                                    .compose(v -> send("{not json"))
                                    .compose(v -> Poll.untilValue(
                                            vertx, tail::records, r -> r.size() >= 2, Duration.ofSeconds(20)))
                                    .map(records -> {
                                        tail.close();
                                        return records;
                                    });
                        })
                        .compose(records -> {
                            JsonObject first = new JsonObject(records.get(0)[1]);
                            JsonObject second = new JsonObject(records.get(1)[1]);
                            ctx.verify(() -> {
                                assertThat(records).hasSize(2);
                                assertThat(first.getJsonObject("answer").getString("code"))
                                        .isEqualTo("1002");
                                assertThat(first.getString("outcome")).isEqualTo("pending");
                                assertThat(first.getString("id")).isEqualTo(records.get(0)[0]);
                                assertThat(second.getJsonObject("answer").getString("code"))
                                        .isEqualTo("7000");
                                assertThat(second.getString("outcome")).isEqualTo("refused");
                                assertThat(second.getString("diagnosis")).isNotEmpty();
                            });
                            return open(s, TAILED, records.get(0)[0]).compose(resumed -> Poll.untilValue(
                                            vertx, resumed::records, r -> r.size() >= 1, Duration.ofSeconds(20))
                                    .map(r -> {
                                        resumed.close();
                                        ctx.verify(() -> assertThat(r.get(0)[0]).isEqualTo(records.get(1)[0]));
                                        return r;
                                    }));
                        }))
                .onComplete(ctx.succeedingThenComplete());
    }

    @Test
    void aTailNeedsTheSessionAndAnEndpointWithHistory(VertxTestContext ctx) {
        open(null, TAILED, null)
                .compose(o -> {
                    ctx.verify(() -> assertThat(o.response.statusCode()).isEqualTo(401));
                    return console.signedIn(TOKEN);
                })
                .compose(s -> open(s, OFF, null)
                        .compose(o -> {
                            ctx.verify(() -> {
                                assertThat(o.response.statusCode()).isEqualTo(404);
                                assertThat(o.text.toString())
                                        .contains("\"7043\"")
                                        .contains("history is off");
                            });
                            return open(s, "ffffffffffffffffffffffffffffffff", null);
                        })
                        .compose(o -> {
                            ctx.verify(() -> assertThat(o.text.toString()).contains("\"7008\""));
                            return open(s, TAILED, "1-0.0 event: x");
                        }))
                .onComplete(ctx.succeeding(o -> ctx.verify(() -> {
                    assertThat(o.response.statusCode()).isEqualTo(400);
                    ctx.completeNow();
                })));
    }

    @Test
    void atMost32TailsAreOpenAtOnce(Vertx vertx, VertxTestContext ctx) {
        List<Opened> opened = new ArrayList<>();
        console.signedIn(TOKEN)
                .compose(s -> openUntilRefused(s, opened, 40).compose(refused -> {
                    ctx.verify(() -> {
                        assertThat(refused.response.statusCode()).isEqualTo(429);
                        assertThat(refused.text.toString()).contains("\"" + ResponseCode.LIMIT_REACHED.code() + "\"");
                        assertThat(opened.size()).isLessThanOrEqualTo(ConsoleTail.MAX_TAILS);
                    });
                    opened.forEach(Opened::close);
                    // Once the server saw them close, a tail opens again.
                    return Poll.until(
                            vertx,
                            () -> open(s, TAILED, null).map(o -> {
                                o.close();
                                return o.response.statusCode();
                            }),
                            status -> status == 200,
                            Duration.ofSeconds(20));
                }))
                .onComplete(ctx.succeedingThenComplete());
    }

    private Future<Opened> openUntilRefused(ConsoleClient.Signed s, List<Opened> opened, int left) {
        return open(s, TAILED, null).compose(o -> {
            if (o.response.statusCode() != 200 || left == 0) {
                return Future.succeededFuture(o);
            }
            opened.add(o);
            return openUntilRefused(s, opened, left - 1);
        });
    }
}
