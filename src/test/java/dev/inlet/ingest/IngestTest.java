package dev.inlet.ingest;

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
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The ingest path end to end: a real Inlet on a free port, a real Redis, every code of the table,
 * the stream's contents after a 1002 and no entry after any refusal.
 */
@ExtendWith(VertxExtension.class)
class IngestTest {
    static final String KEY = "test-key-1";
    static final String SECRET = "sig-secret";
    static final String OPEN = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
    static final String SIGNED = "b1b2c3d4e5f60718293a4b5c6d7e8f90";
    static final String SIGNED512 = "c1b2c3d4e5f60718293a4b5c6d7e8f90";
    static final String XML = "d1b2c3d4e5f60718293a4b5c6d7e8f90";
    static final String INACTIVE = "e1b2c3d4e5f60718293a4b5c6d7e8f90";
    static final String FENCED = "f1b2c3d4e5f60718293a4b5c6d7e8f90";
    static final String LOOPBACK_ONLY = "01b2c3d4e5f60718293a4b5c6d7e8f90";
    static final String LIMITED = "11b2c3d4e5f60718293a4b5c6d7e8f90";
    static final String SMALL = "21b2c3d4e5f60718293a4b5c6d7e8f90";
    static final String PUBLIC = "31b2c3d4e5f60718293a4b5c6d7e8f90";
    static final String IDEMPOTENT = "41b2c3d4e5f60718293a4b5c6d7e8f90";
    static final String OPTIONAL_SIG = "51b2c3d4e5f60718293a4b5c6d7e8f90";

    static Inlet inlet;
    static String stream;
    static Redis redis;
    Http http;

    @BeforeAll
    static void startInlet() {
        stream = "test:ingest:" + UUID.randomUUID();
        String yaml =
                """
        server: { port: 0, host: 127.0.0.1 }
        redis: { url: "%s", stream: "%s", timeout: 2s }
        workers: { instances: 0 }
        services:
          - id: shop
            keys: ["${TEST_KEY}", "second-key"]
          - id: off
            active: false
            keys: ["k"]
          - id: fenced
            keys: ["%s"]
            allowIps: ["203.0.113.0/24", "2001:db8::/32"]
        endpoints:
          - { id: %s, service: shop, auth: key, format: json }
          - id: %s
            service: shop
            format: json
            signature: { scheme: hmac, algorithm: sha256, header: X-Signature, encoding: hex, prefix: "sha256=", secrets: ["old", "%s"] }
          - id: %s
            service: shop
            format: auto
            signature: { scheme: hmac, algorithm: sha512, header: X-Sig, encoding: base64, secrets: ["%s"] }
          - { id: %s, service: shop, format: xml }
          - { id: %s, service: off }
          - { id: %s, service: fenced, format: json }
          - { id: %s, service: shop, format: json, allowIps: ["127.0.0.1/32", "::1/128"] }
          - { id: %s, service: shop, format: json, limit: { rate: 1, per: 1h, burst: 2 } }
          - { id: %s, service: shop, format: json, maxBodySize: 64 }
          - { id: %s, service: shop, format: auto, auth: none }
          - { id: %s, service: shop, format: json, idempotency: { header: X-Request-Id, window: 1h } }
          - id: %s
            service: shop
            format: json
            signature: { scheme: hmac, header: X-Signature, secrets: ["%s"], mandatory: false }
        """
                        .formatted(
                                TestRedis.url(),
                                stream,
                                KEY,
                                OPEN,
                                SIGNED,
                                SECRET,
                                SIGNED512,
                                SECRET,
                                XML,
                                INACTIVE,
                                FENCED,
                                LOOPBACK_ONLY,
                                LIMITED,
                                SMALL,
                                PUBLIC,
                                IDEMPOTENT,
                                OPTIONAL_SIG,
                                SECRET);
        inlet = Inlet.start(new ConfigLoader(Map.of("TEST_KEY", KEY)).parse(yaml));
    }

    @AfterAll
    static void stopInlet() {
        if (inlet != null) {
            inlet.stop();
        }
    }

    @BeforeEach
    void client(Vertx vertx) {
        http = new Http(vertx, inlet.port());
        redis = Redis.createClient(vertx, inlet.redisUrl());
    }

    private static MultiMap json(String... more) {
        MultiMap h = Http.headers("Content-Type", "application/json", "key", KEY);
        for (int i = 0; i < more.length; i += 2) {
            h.set(more[i], more[i + 1]);
        }
        return h;
    }

    private Future<Long> streamLength() {
        return redis.send(Request.cmd(Command.XLEN).arg(stream)).map(Response::toLong);
    }

    /** Posts and checks the answer's code and HTTP status and that the stream did not grow. */
    private void refused(VertxTestContext tc, String path, MultiMap headers, String body, ResponseCode expected) {
        streamLength()
                .compose(before -> http.post(path, headers, body)
                        .compose(res -> streamLength().map(after -> {
                            tc.verify(() -> {
                                assertThat(res.statusCode()).isEqualTo(expected.httpStatus());
                                assertThat(res.getHeader("Content-Type")).startsWith("application/json");
                                JsonObject answer = res.bodyAsJsonObject();
                                assertThat(answer.getString("code")).isEqualTo(expected.code());
                                assertThat(answer.getString("description")).isEqualTo(expected.description());
                                assertThat(answer.containsKey("transid")).isFalse();
                                assertThat(after)
                                        .as("stream length after a refusal")
                                        .isEqualTo(before);
                            });
                            return res;
                        })))
                .onComplete(tc.succeedingThenComplete());
    }

    private static void assertQueued(HttpResponse<Buffer> res) {
        assertThat(res.statusCode()).as(res.bodyAsString()).isEqualTo(202);
        JsonObject answer = res.bodyAsJsonObject();
        assertThat(answer.getString("code")).isEqualTo("1002");
        assertThat(answer.getString("description")).isEqualTo("Queued");
        assertThat(answer.getString("transid"))
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }

    private Future<Response> entryOf(String transid) {
        return redis.send(Request.cmd(Command.XREVRANGE)
                        .arg(stream)
                        .arg("+")
                        .arg("-")
                        .arg("COUNT")
                        .arg(200))
                .map(all -> {
                    for (Response entry : all) {
                        Response fields = entry.get(1);
                        for (int i = 0; i < fields.size(); i += 2) {
                            if (fields.get(i).toString().equals("transid")
                                    && fields.get(i + 1).toString().equals(transid)) {
                                return fields;
                            }
                        }
                    }
                    return null;
                });
    }

    private static String field(Response fields, String name) {
        for (int i = 0; i < fields.size(); i += 2) {
            if (fields.get(i).toString().equals(name)) {
                return fields.get(i + 1).toString(StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    static String hmac(String algorithm, String secret, String body) throws Exception {
        Mac mac = Mac.getInstance(algorithm);
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void queuesAnAcceptedEventWithItsRawBytes(VertxTestContext tc) {
        String body = "{\"data\": {\"id\": 42, \"title\": \"caf\u00e9\"}}  ";
        http.post("/v1/webhooks/" + OPEN, json("X-Shop-Event", "order.created", "X-Quoted", "say \"hi\" \\ bye"), body)
                .compose(res -> {
                    tc.verify(() -> assertQueued(res));
                    return entryOf(res.bodyAsJsonObject().getString("transid"));
                })
                .onComplete(tc.succeeding(fields -> tc.verify(() -> {
                    assertThat(fields).as("entry in the stream").isNotNull();
                    assertThat(field(fields, "endpoint")).isEqualTo(OPEN);
                    assertThat(field(fields, "service")).isEqualTo("shop");
                    assertThat(field(fields, "format")).isEqualTo("json");
                    assertThat(field(fields, "contentType")).isEqualTo("application/json");
                    assertThat(Long.parseLong(field(fields, "received")))
                            .isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(60_000L));
                    assertThat(field(fields, "body")).isEqualTo(body);
                    JsonObject headers = new JsonObject(field(fields, "headers"));
                    assertThat(headers.getString("x-shop-event")).isEqualTo("order.created");
                    assertThat(headers.getString("x-quoted"))
                            .as("escaped as JSON")
                            .isEqualTo("say \"hi\" \\ bye");
                    assertThat(headers.containsKey("key"))
                            .as("credentials are not stored")
                            .isFalse();
                    tc.completeNow();
                })));
    }

    @Test
    void theQueryStringIsStoredWithTheEventAsReceived(VertxTestContext tc) {
        String query = "shop=a%20b&tag=1&tag=2&empty=&flag";
        http.post("/v1/webhooks/" + OPEN + "?" + query, json(), "{}")
                .compose(res -> {
                    tc.verify(() -> assertQueued(res));
                    return entryOf(res.bodyAsJsonObject().getString("transid"));
                })
                .compose(withQuery -> http.post("/v1/webhooks/" + OPEN, json(), "{}")
                        .compose(res -> entryOf(res.bodyAsJsonObject().getString("transid")))
                        .map(without -> List.of(withQuery, without)))
                .onComplete(tc.succeeding(both -> tc.verify(() -> {
                    assertThat(field(both.get(0), "query")).isEqualTo(query);
                    assertThat(field(both.get(1), "query")).isEmpty();
                    tc.completeNow();
                })));
    }

    @Test
    void aliasPathQueuesToo(VertxTestContext tc) {
        http.post("/events/" + OPEN, json(), "[1,2,3]")
                .onComplete(tc.succeeding(res -> tc.verify(() -> {
                    assertQueued(res);
                    tc.completeNow();
                })));
    }

    @Test
    void anEndpointIdThatNeedsDecodingRunsTheSameChecks(VertxTestContext tc) {
        // "%6" + hex of the first character: the router decodes it, then the same chain runs.
        String encoded = "/v1/webhooks/%" + Integer.toHexString(OPEN.charAt(0)) + OPEN.substring(1);
        http.post(encoded, Http.headers("Content-Type", "application/json"), "{}")
                .compose(missingKey -> {
                    tc.verify(() -> assertThat(missingKey.bodyAsJsonObject().getString("code"))
                            .isEqualTo(ResponseCode.SERVICE_KEY_MISSING.code()));
                    return http.post(encoded, json(), "{}");
                })
                .onComplete(tc.succeeding(res -> tc.verify(() -> {
                    assertQueued(res);
                    tc.completeNow();
                })));
    }

    @Test
    void unknownEndpointIs7008(VertxTestContext tc) {
        refused(tc, "/v1/webhooks/nope", json(), "{}", ResponseCode.UNKNOWN_ENDPOINT);
    }

    @Test
    void inactiveServiceIs7007(VertxTestContext tc) {
        refused(tc, "/v1/webhooks/" + INACTIVE, json("key", "k"), "{}", ResponseCode.SERVICE_INACTIVE);
    }

    @Test
    void clientOutsideTheServiceAllowListIs7010(VertxTestContext tc) {
        refused(tc, "/v1/webhooks/" + FENCED, json(), "{}", ResponseCode.IP_NOT_ALLOWED);
    }

    @Test
    void forwardedHeadersFromAnUntrustedPeerAreIgnored(VertxTestContext tc) {
        refused(
                tc,
                "/v1/webhooks/" + FENCED,
                json("X-Forwarded-For", "203.0.113.9"),
                "{}",
                ResponseCode.IP_NOT_ALLOWED);
    }

    @Test
    void clientInsideTheEndpointAllowListPasses(VertxTestContext tc) {
        http.post("/v1/webhooks/" + LOOPBACK_ONLY, json(), "{}")
                .onComplete(tc.succeeding(res -> tc.verify(() -> {
                    assertQueued(res);
                    tc.completeNow();
                })));
    }

    @Test
    void missingKeyIs7002(VertxTestContext tc) {
        refused(
                tc,
                "/v1/webhooks/" + OPEN,
                Http.headers("Content-Type", "application/json"),
                "{}",
                ResponseCode.SERVICE_KEY_MISSING);
    }

    @Test
    void wrongKeyIs7001(VertxTestContext tc) {
        refused(tc, "/v1/webhooks/" + OPEN, json("key", "test-key-2"), "{}", ResponseCode.AUTHENTICATION_FAILED);
    }

    @Test
    void anyConfiguredKeyAndTheAuthorizationHeaderAreAccepted(VertxTestContext tc) {
        MultiMap headers = Http.headers("Content-Type", "application/json", "Authorization", "Bearer second-key");
        http.post("/v1/webhooks/" + OPEN, headers, "{}")
                .onComplete(tc.succeeding(res -> tc.verify(() -> {
                    assertQueued(res);
                    tc.completeNow();
                })));
    }

    @Test
    void bodyOverTheEndpointLimitIs413(VertxTestContext tc) {
        refused(
                tc,
                "/v1/webhooks/" + SMALL,
                json(),
                "{\"pad\":\"" + "x".repeat(100) + "\"}",
                ResponseCode.PAYLOAD_TOO_LARGE);
    }

    @Test
    void bodyAtTheEndpointLimitPasses(VertxTestContext tc) {
        String body = "{\"pad\":\"" + "x".repeat(64 - 10) + "\"}";
        assertThat(body).hasSize(64);
        http.post("/v1/webhooks/" + SMALL, json(), body)
                .onComplete(tc.succeeding(res -> tc.verify(() -> {
                    assertQueued(res);
                    tc.completeNow();
                })));
    }

    @Test
    void missingMandatorySignatureIs7029(VertxTestContext tc) {
        refused(tc, "/v1/webhooks/" + SIGNED, json(), "{}", ResponseCode.SIGNATURE_MISSING);
    }

    @Test
    void wrongSignatureIs7028(VertxTestContext tc) throws Exception {
        String sig = "sha256=" + hmac("HmacSHA256", SECRET, "{\"a\":1}");
        refused(tc, "/v1/webhooks/" + SIGNED, json("X-Signature", sig), "{\"a\": 1}", ResponseCode.INVALID_SIGNATURE);
    }

    @Test
    void signatureWithoutItsPrefixIs7028(VertxTestContext tc) throws Exception {
        String sig = hmac("HmacSHA256", SECRET, "{}");
        refused(tc, "/v1/webhooks/" + SIGNED, json("X-Signature", sig), "{}", ResponseCode.INVALID_SIGNATURE);
    }

    @Test
    void hexSha256SignatureOverTheRawBytesPasses(VertxTestContext tc) throws Exception {
        String body = "{\"a\": 1,\n \"b\": \"\u00fc\"}";
        String sig = "sha256=" + hmac("HmacSHA256", SECRET, body);
        http.post("/v1/webhooks/" + SIGNED, json("X-Signature", sig), body)
                .onComplete(tc.succeeding(res -> tc.verify(() -> {
                    assertQueued(res);
                    tc.completeNow();
                })));
    }

    @Test
    void base64Sha512SignaturePasses(VertxTestContext tc) throws Exception {
        String body = "<order id=\"7\"/>";
        String sig =
                java.util.Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hmac("HmacSHA512", SECRET, body)));
        http.post("/v1/webhooks/" + SIGNED512, json("X-Sig", sig, "Content-Type", "application/xml"), body)
                .onComplete(tc.succeeding(res -> tc.verify(() -> {
                    assertQueued(res);
                    tc.completeNow();
                })));
    }

    @Test
    void optionalSignatureMayBeAbsentButNotWrong(VertxTestContext tc) {
        http.post("/v1/webhooks/" + OPTIONAL_SIG, json(), "{}")
                .onComplete(tc.succeeding(res -> tc.verify(() -> {
                    assertQueued(res);
                    refused(
                            tc,
                            "/v1/webhooks/" + OPTIONAL_SIG,
                            json("X-Signature", "00ff"),
                            "{}",
                            ResponseCode.INVALID_SIGNATURE);
                })));
    }

    @Test
    void malformedJsonIs7000(VertxTestContext tc) {
        refused(tc, "/v1/webhooks/" + OPEN, json(), "{\"a\": ", ResponseCode.INVALID_JSON);
    }

    @Test
    void emptyBodyOnAJsonEndpointIs7000(VertxTestContext tc) {
        refused(tc, "/v1/webhooks/" + OPEN, json(), "", ResponseCode.INVALID_JSON);
    }

    @Test
    void malformedXmlIs7027(VertxTestContext tc) {
        refused(
                tc,
                "/v1/webhooks/" + XML,
                json("Content-Type", "application/xml"),
                "<order><id>1</order>",
                ResponseCode.INVALID_XML);
    }

    @Test
    void xmlWithADoctypeIs7027(VertxTestContext tc) {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>";
        refused(tc, "/v1/webhooks/" + XML, json("Content-Type", "application/xml"), xxe, ResponseCode.INVALID_XML);
    }

    @Test
    void autoEndpointTakesXmlByContentType(VertxTestContext tc) {
        String body = "<order id=\"7\"><item><sku>A</sku></item></order>";
        http.post("/v1/webhooks/" + PUBLIC, Http.headers("Content-Type", "text/xml; charset=utf-8"), body)
                .compose(res -> {
                    tc.verify(() -> assertQueued(res));
                    return entryOf(res.bodyAsJsonObject().getString("transid"));
                })
                .onComplete(tc.succeeding(fields -> tc.verify(() -> {
                    assertThat(field(fields, "format")).isEqualTo("xml");
                    assertThat(field(fields, "body")).isEqualTo(body);
                    tc.completeNow();
                })));
    }

    @Test
    void autoEndpointChecksJsonByContentType(VertxTestContext tc) {
        refused(
                tc,
                "/v1/webhooks/" + PUBLIC,
                Http.headers("Content-Type", "application/vnd.api+json"),
                "<a/>",
                ResponseCode.INVALID_JSON);
    }

    @Test
    void autoEndpointRefusesOtherMediaTypes(VertxTestContext tc) {
        refused(
                tc,
                "/v1/webhooks/" + PUBLIC,
                Http.headers("Content-Type", "text/plain"),
                "{}",
                ResponseCode.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void spentLimitIs7020WithRetryAfter(VertxTestContext tc) {
        String path = "/v1/webhooks/" + LIMITED;
        http.post(path, json(), "{}")
                .compose(first -> http.post(path, json(), "{}").map(second -> {
                    tc.verify(() -> {
                        assertQueued(first);
                        assertQueued(second);
                    });
                    return second;
                }))
                .compose(ok -> http.post(path, json(), "{}"))
                .onComplete(tc.succeeding(third -> tc.verify(() -> {
                    assertThat(third.statusCode()).isEqualTo(429);
                    assertThat(third.bodyAsJsonObject().getString("code")).isEqualTo("7020");
                    assertThat(Long.parseLong(third.getHeader("Retry-After"))).isBetween(1L, 3600L);
                    refused(tc, path, json(), "{}", ResponseCode.LIMIT_REACHED);
                })));
    }

    @Test
    void repeatedIdempotencyKeyAnswersTheFirstTransidAndIsNotQueuedAgain(VertxTestContext tc) {
        String path = "/v1/webhooks/" + IDEMPOTENT;
        MultiMap headers = json("X-Request-Id", "evt_" + UUID.randomUUID());
        http.post(path, headers, "{\"n\":1}")
                .compose(first -> streamLength().compose(len -> http.post(path, headers, "{\"n\":1}")
                        .compose(second -> streamLength().map(len2 -> {
                            tc.verify(() -> {
                                assertQueued(first);
                                assertQueued(second);
                                assertThat(second.bodyAsJsonObject().getString("transid"))
                                        .isEqualTo(first.bodyAsJsonObject().getString("transid"));
                                assertThat(len2).isEqualTo(len);
                            });
                            return second;
                        }))))
                .compose(x -> http.post(path, json("X-Request-Id", "evt_" + UUID.randomUUID()), "{\"n\":1}"))
                .onComplete(tc.succeeding(other -> tc.verify(() -> {
                    assertQueued(other);
                    tc.completeNow();
                })));
    }

    @Test
    void unknownRouteAndWrongMethodAnswerJson(VertxTestContext tc) {
        http.send(HttpMethod.GET, "/v1/webhooks/" + OPEN, json(), null)
                .compose(
                        get -> http.send(HttpMethod.GET, "/nowhere", null, null).map(nowhere -> {
                            tc.verify(() -> {
                                assertThat(get.statusCode()).isEqualTo(405);
                                assertThat(get.bodyAsJsonObject().getString("code"))
                                        .isEqualTo(ResponseCode.METHOD_NOT_ALLOWED.code());
                                assertThat(nowhere.statusCode()).isEqualTo(404);
                                assertThat(nowhere.bodyAsJsonObject().getString("code"))
                                        .isEqualTo(ResponseCode.NOT_FOUND.code());
                            });
                            return nowhere;
                        }))
                .onComplete(tc.succeedingThenComplete());
    }
}
