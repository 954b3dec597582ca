package dev.inlet.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.Inlet;
import dev.inlet.config.ConfigLoader;
import dev.inlet.config.EndpointConfig;
import dev.inlet.security.Signatures;
import dev.inlet.support.Http;
import dev.inlet.support.TestRedis;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Verification as real senders sign, through the whole ingest path: every signature scheme, JWT
 * credentials, trusted proxies, concurrent duplicates and hostile bodies.
 */
@ExtendWith(VertxExtension.class)
class VerificationTest {
    static final String WHSEC = "whsec_"
            + Base64.getEncoder().encodeToString("standard-webhooks-secret-32bytes".getBytes(StandardCharsets.UTF_8));
    static final String BODY = "{\"id\": \"evt_1\", \"data\": {\"amount\": 120}}";
    static final String JWT_SECRET = "jwt-secret-that-is-long-enough-for-hs512-0123456789abcdef0123456789";

    static Inlet inlet;
    static KeyPair rsa;
    static String stream;

    @BeforeAll
    static void start() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        rsa = gen.generateKeyPair();
        // Written into a double-quoted YAML string, where \\n is a line break.
        String pem = ("-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.UTF_8))
                                .encodeToString(rsa.getPublic().getEncoded())
                        + "\n-----END PUBLIC KEY-----")
                .replace("\n", "\\n");
        stream = "test:verify:" + UUID.randomUUID();
        String yaml =
                """
        server: { port: 0, host: 127.0.0.1, trustedProxies: ["127.0.0.1/32"] }
        redis: { url: "%s", stream: "%s" }
        workers: { instances: 0 }
        services:
          - id: shop
            keys: [k]
          - id: own
            jwt: { secret: "%s" }
          - id: partner
            keys: [partner-key]
            jwt: { publicKey: "%s", issuer: partner-idp, audience: inlet }
          - id: fenced
            keys: [k]
            allowIps: ["203.0.113.0/24"]
        endpoints:
          - { id: hmac-ep, service: shop, auth: none, format: json, signature: { scheme: hmac, secrets: [new-secret, old-secret] } }
          - { id: github-ep, service: shop, auth: none, format: json, signature: { scheme: github, secrets: [new-secret, old-secret] } }
          - { id: stripe-ep, service: shop, auth: none, format: json, signature: { scheme: stripe, secrets: [new-secret, old-secret] } }
          - { id: shopify-ep, service: shop, auth: none, format: json, signature: { scheme: shopify, secrets: [new-secret, old-secret] } }
          - { id: slack-ep, service: shop, auth: none, format: json, signature: { scheme: slack, secrets: [new-secret, old-secret] } }
          - { id: standard-ep, service: shop, auth: none, format: json, signature: { scheme: standard, secrets: ["%s", "%s"] } }
          - { id: own-jwt, service: own, auth: jwt, format: json }
          - { id: partner-any, service: partner, auth: any, format: json }
          - { id: fenced-ep, service: fenced, format: json }
          - { id: dedup-ep, service: shop, auth: none, format: json, idempotency: { path: "$.id" } }
          - { id: deep-ep, service: shop, auth: none, format: auto, maxBodySize: 2MiB }
        """
                        .formatted(
                                TestRedis.url(), stream, JWT_SECRET, pem, WHSEC, WHSEC.replace("whsec_", "whsec_b2xk"));
        inlet = Inlet.start(new ConfigLoader(Map.of()).parse(yaml));
    }

    @AfterAll
    static void stop() {
        if (inlet != null) {
            inlet.stop();
        }
    }

    private static EndpointConfig endpoint(String id) {
        return inlet.config().endpoints().stream()
                .filter(e -> e.id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    private static MultiMap signed(String scheme, String secret, long timestamp, String body) {
        EndpointConfig e = endpoint(scheme + "-ep");
        MultiMap h = Http.headers("Content-Type", "application/json");
        Signatures.headers(
                        e.signature(),
                        secret,
                        "msg_" + UUID.randomUUID(),
                        timestamp,
                        body.getBytes(StandardCharsets.UTF_8))
                .forEach(h::set);
        return h;
    }

    private static String secretFor(String scheme, boolean current) {
        if (scheme.equals("standard")) {
            return current
                    ? WHSEC
                    : "whsec_"
                            + Base64.getEncoder()
                                    .encodeToString(
                                            "rotated-out-secret-32-bytes-long".getBytes(StandardCharsets.UTF_8));
        }
        return current ? "new-secret" : "retired-secret";
    }

    private static String code(HttpResponse<Buffer> res) {
        return res.bodyAsJsonObject().getString("code");
    }

    @ParameterizedTest
    @ValueSource(strings = {"hmac", "github", "stripe", "shopify", "slack", "standard"})
    void eachSchemeAcceptsWhatItsSenderSignsAndNothingElse(String scheme, Vertx vertx, VertxTestContext tc) {
        Http http = new Http(vertx, inlet.port());
        String path = "/v1/webhooks/" + scheme + "-ep";
        long now = System.currentTimeMillis() / 1000;
        String reserialised = new JsonObject(BODY).encode();
        byte[] flipped = BODY.getBytes(StandardCharsets.UTF_8);
        flipped[10] ^= 0x01;
        boolean timestamped = List.of("stripe", "slack", "standard").contains(scheme);
        List<Future<HttpResponse<Buffer>>> answers = new ArrayList<>();
        answers.add(http.post(path, signed(scheme, secretFor(scheme, true), now, BODY), BODY));
        answers.add(http.post(path, signed(scheme, secretFor(scheme, true), now, BODY), reserialised));
        answers.add(http.send(
                io.vertx.core.http.HttpMethod.POST,
                path,
                signed(scheme, secretFor(scheme, true), now, BODY),
                Buffer.buffer(flipped)));
        answers.add(http.post(path, signed(scheme, secretFor(scheme, false), now, BODY), BODY));
        answers.add(http.post(path, Http.headers("Content-Type", "application/json"), BODY));
        answers.add(http.post(path, signed(scheme, secretFor(scheme, true), now - 3600, BODY), BODY));
        Future.all(answers)
                .onComplete(tc.succeeding(all -> tc.verify(() -> {
                    assertThat(code(answers.get(0).result())).as("valid").isEqualTo("1002");
                    assertThat(code(answers.get(1).result()))
                            .as("re-serialised body")
                            .isEqualTo("7028");
                    assertThat(code(answers.get(2).result())).as("flipped byte").isEqualTo("7028");
                    assertThat(code(answers.get(3).result()))
                            .as("rotated-out secret")
                            .isEqualTo("7028");
                    assertThat(code(answers.get(4).result())).as("missing").isEqualTo("7029");
                    assertThat(code(answers.get(5).result()))
                            .as("an hour old")
                            .isEqualTo(timestamped ? "7042" : "1002");
                    tc.completeNow();
                })));
    }

    @Test
    void theOldSecretStillVerifiesDuringRotation(Vertx vertx, VertxTestContext tc) {
        Http http = new Http(vertx, inlet.port());
        long now = System.currentTimeMillis() / 1000;
        http.post("/v1/webhooks/github-ep", signed("github", "old-secret", now, BODY), BODY)
                .onComplete(tc.succeeding(res -> tc.verify(() -> {
                    assertThat(code(res)).isEqualTo("1002");
                    tc.completeNow();
                })));
    }

    private static String hsToken(String secret, String alg, JsonObject claims, JWTOptions options) {
        Vertx v = Vertx.vertx();
        try {
            JWTAuth auth = JWTAuth.create(
                    v,
                    new JWTAuthOptions()
                            .addPubSecKey(
                                    new PubSecKeyOptions().setAlgorithm(alg).setBuffer(secret)));
            return auth.generateToken(claims, options.setAlgorithm(alg));
        } finally {
            v.close();
        }
    }

    private static String rsToken(JsonObject claims, JWTOptions options) {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.UTF_8))
                        .encodeToString(rsa.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----";
        Vertx v = Vertx.vertx();
        try {
            JWTAuth auth = JWTAuth.create(
                    v,
                    new JWTAuthOptions()
                            .addPubSecKey(
                                    new PubSecKeyOptions().setAlgorithm("RS256").setBuffer(pem)));
            return auth.generateToken(claims, options.setAlgorithm("RS256"));
        } finally {
            v.close();
        }
    }

    @Test
    void jwtCredentialsAcceptedAndRefusedAsTheSpecSays(Vertx vertx, VertxTestContext tc) {
        Http http = new Http(vertx, inlet.port());
        JsonObject claims = new JsonObject().put("sub", "sender");
        String own = hsToken(
                JWT_SECRET, "HS256", claims, new JWTOptions().setIssuer("own").setExpiresInMinutes(5));
        String own512 = hsToken(
                JWT_SECRET, "HS512", claims, new JWTOptions().setIssuer("own").setExpiresInMinutes(5));
        String wrongIssuer = hsToken(
                JWT_SECRET, "HS256", claims, new JWTOptions().setIssuer("shop").setExpiresInMinutes(5));
        String wrongSecret = hsToken(
                JWT_SECRET + "x",
                "HS256",
                claims,
                new JWTOptions().setIssuer("own").setExpiresInMinutes(5));
        String expired = hsToken(
                JWT_SECRET,
                "HS256",
                claims.copy().put("exp", System.currentTimeMillis() / 1000 - 3600),
                new JWTOptions().setIssuer("own"));
        String header = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"iss\":\"own\"}".getBytes(StandardCharsets.UTF_8));
        String unsigned = header + "." + payload + ".";
        String partner = rsToken(
                claims,
                new JWTOptions()
                        .setIssuer("partner-idp")
                        .setAudience(List.of("inlet"))
                        .setExpiresInMinutes(5));
        String partnerWrongAudience = rsToken(
                claims,
                new JWTOptions()
                        .setIssuer("partner-idp")
                        .setAudience(List.of("other"))
                        .setExpiresInMinutes(5));

        Map<String, MultiMap> cases = new java.util.LinkedHashMap<>();
        cases.put("1002 own HS256 in key", Http.headers("key", own, "Content-Type", "application/json"));
        cases.put(
                "1002 own HS512 as Bearer in Authorization",
                Http.headers("Authorization", "Bearer " + own512, "Content-Type", "application/json"));
        cases.put("7001 wrong issuer", Http.headers("key", wrongIssuer, "Content-Type", "application/json"));
        cases.put("7001 wrong secret", Http.headers("key", wrongSecret, "Content-Type", "application/json"));
        cases.put("7001 expired", Http.headers("key", expired, "Content-Type", "application/json"));
        cases.put("7001 alg none", Http.headers("key", unsigned, "Content-Type", "application/json"));
        cases.put("7001 garbage", Http.headers("key", "eyJ.garbage.token", "Content-Type", "application/json"));
        cases.put("7002 nothing", Http.headers("Content-Type", "application/json"));
        Map<String, MultiMap> partnerCases = new java.util.LinkedHashMap<>();
        partnerCases.put(
                "1002 RS256 from the partner's IdP",
                Http.headers("key", "Bearer " + partner, "Content-Type", "application/json"));
        partnerCases.put(
                "1002 the partner's service key",
                Http.headers("key", "partner-key", "Content-Type", "application/json"));
        partnerCases.put(
                "7001 wrong audience", Http.headers("key", partnerWrongAudience, "Content-Type", "application/json"));
        partnerCases.put(
                "7001 own HS256 token signed with the RSA public key as secret",
                Http.headers(
                        "key",
                        hsToken(
                                new String(rsa.getPublic().getEncoded(), StandardCharsets.ISO_8859_1),
                                "HS256",
                                claims,
                                new JWTOptions()
                                        .setIssuer("partner-idp")
                                        .setAudience(List.of("inlet"))
                                        .setExpiresInMinutes(5)),
                        "Content-Type",
                        "application/json"));

        List<Future<String>> results = new ArrayList<>();
        cases.forEach((name, headers) ->
                results.add(http.post("/v1/webhooks/own-jwt", headers, "{}").map(r -> name + " -> " + code(r))));
        partnerCases.forEach((name, headers) ->
                results.add(http.post("/v1/webhooks/partner-any", headers, "{}").map(r -> name + " -> " + code(r))));
        Future.all(results)
                .onComplete(tc.succeeding(all -> tc.verify(() -> {
                    for (Future<String> f : results) {
                        String line = f.result();
                        assertThat(line.substring(line.length() - 4)).as(line).isEqualTo(line.substring(0, 4));
                    }
                    tc.completeNow();
                })));
    }

    @Test
    void trustedProxyForwardsTheClientAddressButCannotBeSpoofedPast(Vertx vertx, VertxTestContext tc) {
        Http http = new Http(vertx, inlet.port());
        MultiMap allowedClient =
                Http.headers("key", "k", "Content-Type", "application/json", "X-Forwarded-For", "203.0.113.7");
        MultiMap spoofed = Http.headers(
                "key", "k", "Content-Type", "application/json", "X-Forwarded-For", "203.0.113.7, 198.51.100.1");
        MultiMap forwarded = Http.headers(
                "key", "k", "Content-Type", "application/json", "Forwarded", "for=203.0.113.8;proto=https");
        Future.all(
                        http.post("/v1/webhooks/fenced-ep", allowedClient, "{}"),
                        http.post("/v1/webhooks/fenced-ep", spoofed, "{}"),
                        http.post("/v1/webhooks/fenced-ep", forwarded, "{}"))
                .onComplete(tc.succeeding(all -> tc.verify(() -> {
                    assertThat(code(all.resultAt(0))).isEqualTo("1002");
                    assertThat(code(all.resultAt(1)))
                            .as("the untrusted hop nearest the proxy counts")
                            .isEqualTo("7010");
                    assertThat(code(all.resultAt(2)))
                            .as("forwardedHeader x-forwarded-for: Forwarded is ignored")
                            .isEqualTo("7010");
                    tc.completeNow();
                })));
    }

    @Test
    void concurrentRepeatsOfOneIdempotencyKeyAreQueuedOnce(Vertx vertx, VertxTestContext tc) {
        Http http = new Http(vertx, inlet.port());
        String body = "{\"id\": \"" + UUID.randomUUID() + "\"}";
        List<Future<HttpResponse<Buffer>>> sends = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sends.add(http.post("/v1/webhooks/dedup-ep", Http.headers("Content-Type", "application/json"), body));
        }
        Future.all(sends)
                .onComplete(tc.succeeding(all -> tc.verify(() -> {
                    assertThat(sends)
                            .allSatisfy(f -> assertThat(code(f.result())).isEqualTo("1002"));
                    assertThat(sends.stream()
                                    .map(f -> f.result().bodyAsJsonObject().getString("transid"))
                                    .distinct())
                            .hasSize(1);
                    tc.completeNow();
                })));
    }

    @Test
    void hostileBodiesGetTheirCodesFast(Vertx vertx, VertxTestContext tc) {
        Http http = new Http(vertx, inlet.port());
        String deepJson = "[".repeat(100_000) + "]".repeat(100_000);
        String deepXml = "<a>".repeat(100_000) + "</a>".repeat(100_000);
        String laughs =
                "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]><lolz>&lol2;</lolz>";
        String external = "<?xml version=\"1.0\"?><!DOCTYPE r SYSTEM \"http://127.0.0.1:1/evil.dtd\"><r/>";
        String hugeNumber = "{\"n\": " + "9".repeat(5000) + "}";
        Future.all(List.of(
                        http.post("/v1/webhooks/deep-ep", Http.headers("Content-Type", "application/json"), deepJson),
                        http.post("/v1/webhooks/deep-ep", Http.headers("Content-Type", "application/xml"), deepXml),
                        http.post("/v1/webhooks/deep-ep", Http.headers("Content-Type", "application/xml"), laughs),
                        http.post("/v1/webhooks/deep-ep", Http.headers("Content-Type", "application/xml"), external),
                        http.post("/v1/webhooks/deep-ep", Http.headers("Content-Type", "application/json"), hugeNumber),
                        http.send(
                                io.vertx.core.http.HttpMethod.POST,
                                "/v1/webhooks/deep-ep",
                                Http.headers("Content-Type", "application/json"),
                                Buffer.buffer(new byte[] {'"', (byte) 0xC3, (byte) 0x28, '"'}))))
                .onComplete(tc.succeeding(all -> tc.verify(() -> {
                    assertThat(code(all.resultAt(0))).isEqualTo("7000");
                    assertThat(code(all.resultAt(1))).isEqualTo("7027");
                    assertThat(code(all.resultAt(2))).isEqualTo("7027");
                    assertThat(code(all.resultAt(3))).isEqualTo("7027");
                    assertThat(code(all.resultAt(4))).isEqualTo("7000");
                    assertThat(code(all.resultAt(5))).as("invalid UTF-8").isEqualTo("7000");
                    tc.completeNow();
                })));
    }
}
