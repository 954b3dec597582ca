package dev.inlet.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.Inlet;
import dev.inlet.config.ConfigLoader;
import dev.inlet.ingest.ResponseCode;
import dev.inlet.support.Http;
import dev.inlet.support.TestRedis;
import dev.inlet.worker.Poll;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The admin API on a real Inlet: Bearer token, sample parsing, variable names by prefix, dead-letter routes. */
@ExtendWith(VertxExtension.class)
class AdminApiTest {
    static final String TOKEN = "s3cret-admin-token";
    static final String JSON = "c0000000000000000000000000000001";
    static final String XML = "c0000000000000000000000000000002";
    static final String AUTO = "c0000000000000000000000000000003";
    static final String SAMPLED = "c0000000000000000000000000000004";
    static final String UNBOUND_LARGE = "c0000000000000000000000000000005";
    static final String BOUND_LARGE = "c0000000000000000000000000000006";
    static final String UNKNOWN = "c00000000000000000000000000000ff";

    static Inlet inlet;
    static Inlet withoutAdmin;
    Http http;

    @BeforeAll
    static void start() {
        String stream = "test:admin:" + UUID.randomUUID();
        String endpoints =
                """
        services: [{ id: shop }]
        endpoints:
          - { id: %s, service: shop, auth: none, format: json }
          - { id: %s, service: shop, auth: none, format: xml }
          - { id: %s, service: shop, auth: none, format: auto }
          - { id: %s, service: shop, auth: none, format: json }
          - { id: %s, service: shop, auth: none, format: json, maxBodySize: 2MiB }
          - { id: %s, service: shop, auth: none, format: json, maxBodySize: 2MiB, flows: [noted] }
        flows: [{ id: noted, steps: [{ action: log, message: noted }] }]
        """
                        .formatted(JSON, XML, AUTO, SAMPLED, UNBOUND_LARGE, BOUND_LARGE);
        inlet = Inlet.start(new ConfigLoader(Map.of())
                .parse(
                        """
        server: { port: 0, host: 127.0.0.1 }
        admin: { token: %s }
        redis: { url: "%s", stream: "%s" }
        workers: { instances: 1 }
        """
                                        .formatted(TOKEN, TestRedis.url(), stream)
                                + endpoints));
        withoutAdmin = Inlet.start(new ConfigLoader(Map.of())
                .parse(
                        """
        server: { port: 0, host: 127.0.0.1 }
        redis: { url: "%s", stream: "%s:off" }
        workers: { instances: 0 }
        """
                                        .formatted(TestRedis.url(), stream)
                                + endpoints));
    }

    @AfterAll
    static void stop() {
        if (inlet != null) {
            inlet.stop();
        }
        if (withoutAdmin != null) {
            withoutAdmin.stop();
        }
    }

    @BeforeEach
    void client(Vertx vertx) {
        http = new Http(vertx, inlet.port());
    }

    private static MultiMap auth(String... more) {
        MultiMap h = Http.headers("Authorization", "Bearer " + TOKEN);
        for (int i = 0; i < more.length; i += 2) {
            h.add(more[i], more[i + 1]);
        }
        return h;
    }

    private Future<HttpResponse<Buffer>> parse(String endpoint, String contentType, String body) {
        return http.send(
                HttpMethod.POST,
                "/v1/endpoints/" + endpoint + "/parse",
                auth("Content-Type", contentType),
                Buffer.buffer(body));
    }

    private Future<HttpResponse<Buffer>> get(String path) {
        return http.send(HttpMethod.GET, path, auth(), null);
    }

    private Future<List<Object>> names(String endpoint, String query) {
        return get("/v1/endpoints/" + endpoint + "/variables?" + query).map(res -> {
            if (res.statusCode() != 200) {
                throw new AssertionError(res.statusCode() + " " + res.bodyAsString());
            }
            return res.bodyAsJsonObject().getJsonArray("variables").getList();
        });
    }

    private static void assertCode(HttpResponse<Buffer> res, ResponseCode code) {
        assertThat(res.statusCode()).as(res.bodyAsString()).isEqualTo(code.httpStatus());
        assertThat(res.bodyAsJsonObject().getString("code")).isEqualTo(code.code());
    }

    @Test
    void everyRouteNeedsTheBearerToken(Vertx vertx, VertxTestContext ctx) {
        List<Map.Entry<HttpMethod, String>> routes = List.of(
                Map.entry(HttpMethod.POST, "/v1/endpoints/" + JSON + "/parse"),
                Map.entry(HttpMethod.GET, "/v1/endpoints/" + JSON + "/variables?prefix=a"),
                Map.entry(HttpMethod.GET, "/v1/admin/dead-letters"),
                Map.entry(HttpMethod.POST, "/v1/admin/dead-letters/1-0/replay"));
        List<MultiMap> wrong = List.of(
                MultiMap.caseInsensitiveMultiMap(),
                Http.headers("Authorization", "Bearer " + TOKEN + "x"),
                Http.headers("Authorization", "Bearer "),
                Http.headers("Authorization", TOKEN),
                Http.headers("Authorization", "Basic " + TOKEN));
        Future<Void> all = Future.succeededFuture();
        for (var route : routes) {
            for (MultiMap headers : wrong) {
                all = all.compose(v -> http.send(route.getKey(), route.getValue(), headers, Buffer.buffer("{}"))
                        .map(res -> {
                            ctx.verify(() -> {
                                assertCode(res, ResponseCode.ADMIN_UNAUTHORIZED);
                                assertThat(res.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
                            });
                            return null;
                        }));
            }
        }
        all.onComplete(ctx.succeedingThenComplete());
    }

    @Test
    void withoutATokenTheAdminApiIsNotMounted(Vertx vertx, VertxTestContext ctx) {
        Http off = new Http(vertx, withoutAdmin.port());
        off.send(HttpMethod.GET, "/v1/admin/dead-letters", auth(), null)
                .compose(res -> {
                    ctx.verify(() -> assertCode(res, ResponseCode.NOT_FOUND));
                    return off.send(
                            HttpMethod.POST,
                            "/v1/endpoints/" + JSON + "/parse",
                            auth("Content-Type", "application/json"),
                            Buffer.buffer("{}"));
                })
                .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
                    assertCode(res, ResponseCode.NOT_FOUND);
                    ctx.completeNow();
                })));
    }

    @Test
    void aJsonSampleGivesItsVariablesAndItsNamesCanBeSearchedByPrefix(VertxTestContext ctx) {
        String sample =
                """
        {"data": {"attributes": {"title": "Hello", "priority": "high"}, "id": 7, "items": [{"sku": "A"}, {"sku": "B"}]}, "type": "order"}""";
        parse(JSON, "application/json", sample)
                .compose(res -> {
                    ctx.verify(() -> {
                        assertThat(res.statusCode()).as(res.bodyAsString()).isEqualTo(200);
                        JsonObject variables = res.bodyAsJsonObject().getJsonObject("variables");
                        assertThat(variables.fieldNames())
                                .containsExactly(
                                        "data.attributes.title",
                                        "data.attributes.priority",
                                        "data.id",
                                        "data.items[0].sku",
                                        "data.items[1].sku",
                                        "type");
                        assertThat(variables.getString("data.attributes.title")).isEqualTo("Hello");
                        assertThat(variables.getString("data.id")).isEqualTo("7");
                        assertThat(res.bodyAsJsonObject().getBoolean("saved")).isTrue();
                        assertThat(res.bodyAsJsonObject().containsKey("truncated"))
                                .isFalse();
                    });
                    return names(JSON, "prefix=%24data.att");
                })
                .compose(found -> {
                    ctx.verify(() ->
                            assertThat(found).containsExactly("data.attributes.priority", "data.attributes.title"));
                    return names(JSON, "prefix=data");
                })
                .compose(found -> {
                    ctx.verify(() -> assertThat(found)
                            .containsExactly(
                                    "data.attributes.priority",
                                    "data.attributes.title",
                                    "data.id",
                                    "data.items[0].sku",
                                    "data.items[1].sku"));
                    return names(JSON, "prefix=data&count=2&after=data.attributes.title");
                })
                .compose(page -> {
                    ctx.verify(() -> assertThat(page).containsExactly("data.id", "data.items[0].sku"));
                    return names(JSON, "prefix=nothing");
                })
                .onComplete(ctx.succeeding(none -> ctx.verify(() -> {
                    assertThat(none).isEmpty();
                    ctx.completeNow();
                })));
    }

    @Test
    void aSampleOverTheFlattenLimitsIsTruncatedAndOneThatDoesNotFitIsNotSaved(VertxTestContext ctx) {
        // 10,001 variables: one more than workers.maxVariables, and it fills the sample set.
        String large = "{\"list\": [" + "0,".repeat(10_000) + "0]}";
        parse(SAMPLED, "application/json", large)
                .compose(res -> {
                    ctx.verify(() -> {
                        assertThat(res.statusCode()).as(res.bodyAsString()).isEqualTo(200);
                        JsonObject answer = res.bodyAsJsonObject();
                        assertThat(answer.getJsonObject("variables").size()).isEqualTo(10_000);
                        assertThat(answer.getString("truncated"))
                                .isEqualTo("variables truncated at workers.maxVariables (10000): 10000 kept");
                        assertThat(answer.getBoolean("saved")).isTrue();
                    });
                    return parse(SAMPLED, "application/json", "{\"other\": 1}");
                })
                .compose(res -> {
                    ctx.verify(() -> {
                        assertThat(res.statusCode()).as(res.bodyAsString()).isEqualTo(200);
                        JsonObject answer = res.bodyAsJsonObject();
                        assertThat(answer.getJsonObject("variables")).isEqualTo(new JsonObject().put("other", "1"));
                        assertThat(answer.getBoolean("saved")).isFalse();
                        assertThat(answer.getString("reason"))
                                .isEqualTo(
                                        "the endpoint's sample set has room for 0 more names (of 10000); this sample has 1 new");
                    });
                    return names(SAMPLED, "prefix=other");
                })
                .onComplete(ctx.succeeding(found -> ctx.verify(() -> {
                    assertThat(found).isEmpty();
                    ctx.completeNow();
                })));
    }

    @Test
    void anXmlSampleGivesItsVariables(VertxTestContext ctx) {
        parse(XML, "text/plain", "<order id=\"7\"><item><sku>A</sku></item><item><sku>B</sku></item></order>")
                .compose(res -> {
                    ctx.verify(() -> {
                        assertThat(res.statusCode()).as(res.bodyAsString()).isEqualTo(200);
                        assertThat(res.bodyAsJsonObject().getJsonObject("variables"))
                                .isEqualTo(new JsonObject()
                                        .put("order.@id", "7")
                                        .put("order.item[0].sku", "A")
                                        .put("order.item[1].sku", "B"));
                    });
                    return names(XML, "prefix=%24order.item");
                })
                .onComplete(ctx.succeeding(found -> ctx.verify(() -> {
                    assertThat(found).containsExactly("order.item[0].sku", "order.item[1].sku");
                    ctx.completeNow();
                })));
    }

    @Test
    void anAutoEndpointTakesTheFormatFromContentType(VertxTestContext ctx) {
        parse(AUTO, "application/xml; charset=utf-8", "<a><b>1</b></a>")
                .compose(res -> {
                    ctx.verify(() -> assertThat(res.bodyAsJsonObject().getJsonObject("variables"))
                            .isEqualTo(new JsonObject().put("a.b", "1")));
                    return parse(AUTO, "application/json", "{\"a\": {\"b\": 2}}");
                })
                .compose(res -> {
                    ctx.verify(() -> assertThat(res.bodyAsJsonObject().getJsonObject("variables"))
                            .isEqualTo(new JsonObject().put("a.b", "2")));
                    return parse(AUTO, "text/plain", "a=b");
                })
                .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
                    assertCode(res, ResponseCode.UNSUPPORTED_MEDIA_TYPE);
                    ctx.completeNow();
                })));
    }

    @Test
    void aBadSampleOrAnUnknownEndpointIsRefused(VertxTestContext ctx) {
        parse(JSON, "application/json", "{\"a\": ")
                .compose(res -> {
                    ctx.verify(() -> assertCode(res, ResponseCode.INVALID_JSON));
                    return parse(XML, "application/xml", "<a><b></a>");
                })
                .compose(res -> {
                    ctx.verify(() -> assertCode(res, ResponseCode.INVALID_XML));
                    return parse(
                            XML,
                            "application/xml",
                            "<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a>&x;</a>");
                })
                .compose(res -> {
                    ctx.verify(() -> assertCode(res, ResponseCode.INVALID_XML));
                    return parse(UNKNOWN, "application/json", "{}");
                })
                .compose(res -> {
                    ctx.verify(() -> assertCode(res, ResponseCode.UNKNOWN_ENDPOINT));
                    return get("/v1/endpoints/" + UNKNOWN + "/variables?prefix=a");
                })
                .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
                    assertCode(res, ResponseCode.UNKNOWN_ENDPOINT);
                    ctx.completeNow();
                })));
    }

    @Test
    void liveEventsRecordTheirVariableNames(Vertx vertx, VertxTestContext ctx) {
        http.post(
                        "/v1/webhooks/" + AUTO,
                        Http.headers("Content-Type", "application/json"),
                        "{\"live\": {\"only\": [1, 2]}}")
                .compose(res ->
                        Poll.until(vertx, () -> names(AUTO, "prefix=live"), l -> l.size() == 2, Duration.ofSeconds(10)))
                .onComplete(ctx.succeeding(found -> ctx.verify(() -> {
                    assertThat(found).containsExactly("live.only[0]", "live.only[1]");
                    ctx.completeNow();
                })));
    }

    @Test
    void anEndpointBoundToNothingRecordsNamesWithoutTheirValues(Vertx vertx, VertxTestContext ctx) {
        // The value alone is over workers.maxVariableChars (1 Mi): a full flatten leaves it out, a names-only walk does
        // not.
        String body = "{\"huge\": \"" + "x".repeat(1_100_000) + "\", \"small\": 1}";
        MultiMap json = Http.headers("Content-Type", "application/json");
        Future.all(
                        http.post("/v1/webhooks/" + UNBOUND_LARGE, json, body),
                        http.post("/v1/webhooks/" + BOUND_LARGE, json, body))
                .compose(sent ->
                        Poll.until(vertx, () -> names(UNBOUND_LARGE, ""), l -> l.size() == 2, Duration.ofSeconds(10)))
                .compose(unbound -> {
                    ctx.verify(() -> assertThat(unbound).containsExactly("huge", "small"));
                    return Poll.until(vertx, () -> names(BOUND_LARGE, ""), l -> !l.isEmpty(), Duration.ofSeconds(10));
                })
                .onComplete(ctx.succeeding(bound -> ctx.verify(() -> {
                    assertThat(bound).containsExactly("small");
                    ctx.completeNow();
                })));
    }

    @Test
    void deadLettersAreListedAndBadParametersRefused(VertxTestContext ctx) {
        get("/v1/admin/dead-letters")
                .compose(res -> {
                    ctx.verify(() -> {
                        assertThat(res.statusCode()).isEqualTo(200);
                        JsonObject page = res.bodyAsJsonObject();
                        assertThat(page.getJsonArray("deadLetters")).isEqualTo(new JsonArray());
                        assertThat(page.getLong("size")).isZero();
                        assertThat(page.getString("next")).isNull();
                    });
                    return get("/v1/admin/dead-letters?count=0");
                })
                .compose(res -> {
                    ctx.verify(() -> assertCode(res, ResponseCode.BAD_REQUEST));
                    return get("/v1/admin/dead-letters?after=yesterday");
                })
                .compose(res -> {
                    ctx.verify(() -> assertCode(res, ResponseCode.BAD_REQUEST));
                    return get("/v1/endpoints/" + JSON + "/variables?count=many");
                })
                .compose(res -> {
                    ctx.verify(() -> assertCode(res, ResponseCode.BAD_REQUEST));
                    return http.send(HttpMethod.POST, "/v1/admin/dead-letters/not-an-id/replay", auth(), null);
                })
                .compose(res -> {
                    ctx.verify(() -> assertCode(res, ResponseCode.BAD_REQUEST));
                    return http.send(HttpMethod.POST, "/v1/admin/dead-letters/1-0/replay", auth(), null);
                })
                .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
                    assertCode(res, ResponseCode.NOT_FOUND);
                    ctx.completeNow();
                })));
    }
}
