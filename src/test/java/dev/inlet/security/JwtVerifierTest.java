package dev.inlet.security;

import static dev.inlet.security.JwtFixtures.EC_256;
import static dev.inlet.security.JwtFixtures.RSA_1;
import static dev.inlet.security.JwtFixtures.RSA_2;
import static dev.inlet.security.JwtFixtures.hand;
import static dev.inlet.security.JwtFixtures.now;
import static dev.inlet.security.JwtFixtures.privatePem;
import static dev.inlet.security.JwtFixtures.publicPem;
import static dev.inlet.security.JwtFixtures.sign;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.config.JwtConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class JwtVerifierTest {
    private static final String SERVICE = "shop";
    private static final String SECRET = "a-long-shared-secret-for-the-shop-service";

    private static JwtConfig secretConfig(String audience, Duration leeway) {
        return new JwtConfig(SECRET, null, null, null, audience, leeway);
    }

    private static JsonObject claims() {
        return new JsonObject()
                .put("iss", SERVICE)
                .put("sub", "sender")
                .put("iat", now())
                .put("exp", now() + 300);
    }

    /** Verifies every token in turn and checks that each one's outcome is {@code accepted}. */
    private static void expect(
            VertxTestContext context, Future<JwtVerifier> created, boolean accepted, List<String> tokens) {
        created.onComplete(context.succeeding(verifier -> {
            List<Future<Void>> results = new ArrayList<>();
            for (int i = 0; i < tokens.size(); i++) {
                int index = i;
                results.add(verifier.verify(tokens.get(i)).transform(result -> {
                    context.verify(() -> assertThat(result.succeeded())
                            .as(
                                    "token %d: %s",
                                    index, result.failed() ? result.cause().getMessage() : "accepted")
                            .isEqualTo(accepted));
                    return Future.<Void>succeededFuture();
                }));
            }
            Future.all(results).onComplete(context.succeedingThenComplete());
        }));
    }

    @Test
    void sharedSecretAcceptsHs256To512WithTheServiceAsIssuer(Vertx vertx, VertxTestContext context) {
        Future<JwtVerifier> verifier = JwtVerifier.create(vertx, SERVICE, secretConfig(null, null));
        expect(
                context,
                verifier,
                true,
                List.of(
                        sign(vertx, "HS256", SECRET, null, claims()),
                        sign(vertx, "HS384", SECRET, null, claims()),
                        "Bearer " + sign(vertx, "HS512", SECRET, null, claims()),
                        "bearer  " + sign(vertx, "HS256", SECRET, null, claims().put("exp", now() - 10))));
    }

    @Test
    void sharedSecretRefusals(Vertx vertx, VertxTestContext context) {
        Future<JwtVerifier> verifier = JwtVerifier.create(vertx, SERVICE, secretConfig(null, null));
        String good = sign(vertx, "HS256", SECRET, null, claims());
        String[] parts = good.split("\\.");
        String hugeHeader = JwtFixtures.b64(("{\"alg\":\"HS256\",\"pad\":\"" + "x".repeat(5000) + "\"}").getBytes());
        expect(
                context,
                verifier,
                false,
                List.of(
                        sign(vertx, "HS256", "another-secret", null, claims()),
                        sign(vertx, "HS256", SECRET, null, claims().put("iss", "other")),
                        sign(vertx, "HS256", SECRET, null, claims().copy().put("iss", (String) null)),
                        sign(vertx, "HS256", SECRET, null, claims().put("exp", now() - 60)),
                        sign(vertx, "HS256", SECRET, null, claims().put("nbf", now() + 120)),
                        sign(vertx, "HS256", SECRET, null, claims().put("iat", now() + 120)),
                        hand("{\"alg\":\"none\",\"typ\":\"JWT\"}", claims().encode(), null),
                        hand("{\"alg\":\"none\"}", claims().encode(), null) + "c2ln",
                        hand(
                                "{\"alg\":\"HS256\"}",
                                claims().put("exp", "tomorrow").encode(),
                                SECRET.getBytes(StandardCharsets.UTF_8)),
                        hand(
                                "{\"alg\":\"HS256\",\"crit\":[\"exp\"]}",
                                claims().encode(),
                                SECRET.getBytes(StandardCharsets.UTF_8)),
                        hand(
                                "{\"alg\":\"HS256\",\"jwk\":{}}",
                                claims().encode(),
                                SECRET.getBytes(StandardCharsets.UTF_8)),
                        parts[0] + "." + parts[1],
                        parts[0] + "." + parts[1] + "." + parts[2] + "." + parts[2],
                        parts[0] + ".." + parts[2],
                        "!!!." + parts[1] + "." + parts[2],
                        JwtFixtures.b64("not json".getBytes()) + "." + parts[1] + "." + parts[2],
                        JwtFixtures.b64("[1,2]".getBytes()) + "." + parts[1] + "." + parts[2],
                        parts[0] + "." + JwtFixtures.b64("{\"iss\":".getBytes()) + "." + parts[2],
                        hugeHeader + "." + parts[1] + "." + parts[2],
                        good.substring(0, good.length() - 2) + (good.endsWith("AA") ? "BB" : "AA"),
                        "x".repeat(100_000),
                        "",
                        "Bearer ",
                        "Bearer",
                        "...",
                        "a.b.c",
                        "\u0000.\u0001.\u0002"));
    }

    @Test
    void nullTokenIsRefused(Vertx vertx, VertxTestContext context) {
        JwtVerifier.create(vertx, SERVICE, secretConfig(null, null))
                .compose(verifier -> verifier.verify(null))
                .onComplete(context.failing(e -> context.verify(() -> {
                    assertThat(e.getMessage()).contains("shop").contains("no token");
                    context.completeNow();
                })));
    }

    @Test
    void leewayIsConfigurable(Vertx vertx, VertxTestContext context) {
        Future<JwtVerifier> strict = JwtVerifier.create(vertx, SERVICE, secretConfig(null, Duration.ZERO));
        expect(context, strict, false, List.of(sign(vertx, "HS256", SECRET, null, claims().put("exp", now() - 5))));
    }

    @Test
    void audienceIsCheckedWhenConfigured(Vertx vertx, VertxTestContext context) {
        Future<JwtVerifier> verifier = JwtVerifier.create(vertx, SERVICE, secretConfig("inlet", null));
        verifier.compose(v -> v.verify(sign(vertx, "HS256", SECRET, null, claims().put("aud", "inlet"))))
                .compose(ok -> verifier.result()
                        .verify(sign(vertx, "HS256", SECRET, null, claims().put("aud", List.of("x", "inlet")))))
                .onComplete(context.succeeding(ok -> expect(
                        context,
                        verifier,
                        false,
                        List.of(
                                sign(vertx, "HS256", SECRET, null, claims().put("aud", "other")),
                                sign(vertx, "HS256", SECRET, null, claims())))));
    }

    @Test
    void rsaPublicKeyAcceptsRsAndPs(Vertx vertx, VertxTestContext context) {
        JwtConfig config = new JwtConfig(null, publicPem(RSA_1), null, null, null, null);
        JsonObject noIssuer = claims().copy();
        noIssuer.remove("iss");
        expect(
                context,
                JwtVerifier.create(vertx, SERVICE, config),
                true,
                List.of(
                        sign(vertx, "RS256", privatePem(RSA_1), null, claims()),
                        sign(vertx, "RS512", privatePem(RSA_1), null, claims()),
                        sign(vertx, "PS256", privatePem(RSA_1), null, claims()),
                        sign(vertx, "RS256", privatePem(RSA_1), null, noIssuer)));
    }

    @Test
    void rsaPublicKeyRefusesConfusionOtherKeysAndAlgorithms(Vertx vertx, VertxTestContext context) {
        String pem = publicPem(RSA_1);
        JwtConfig config = new JwtConfig(null, pem, null, "issuer-x", null, null);
        expect(
                context,
                JwtVerifier.create(vertx, SERVICE, config),
                false,
                List.of(
                        hand(
                                "{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
                                claims().put("iss", "issuer-x").encode(),
                                pem.getBytes(StandardCharsets.UTF_8)),
                        hand(
                                "{\"alg\":\"HS256\"}",
                                claims().put("iss", "issuer-x").encode(),
                                pem.strip().getBytes(StandardCharsets.UTF_8)),
                        hand(
                                "{\"alg\":\"none\"}",
                                claims().put("iss", "issuer-x").encode(),
                                null),
                        sign(vertx, "RS256", privatePem(RSA_2), null, claims().put("iss", "issuer-x")),
                        sign(vertx, "ES256", privatePem(EC_256), null, claims().put("iss", "issuer-x")),
                        sign(vertx, "RS256", privatePem(RSA_1), null, claims().put("iss", "other"))));
    }

    @Test
    void ecPublicKeyAcceptsItsCurveOnly(Vertx vertx, VertxTestContext context) {
        JwtConfig config = new JwtConfig(null, publicPem(EC_256), null, null, null, null);
        Future<JwtVerifier> verifier = JwtVerifier.create(vertx, SERVICE, config);
        verifier.compose(v -> v.verify(sign(vertx, "ES256", privatePem(EC_256), null, claims())))
                .onComplete(context.succeeding(ok -> {
                    context.verify(
                            () -> assertThat(verifier.result().algorithms()).containsExactly("ES256"));
                    expect(context, verifier, false, List.of(sign(vertx, "RS256", privatePem(RSA_1), null, claims())));
                }));
    }

    @Test
    void noKeyMaterialFailsNamingTheService(Vertx vertx, VertxTestContext context) {
        JwtVerifier.create(vertx, "billing", new JwtConfig(null, " ", null, null, null, null))
                .onComplete(context.failing(e -> context.verify(() -> {
                    assertThat(e.getMessage())
                            .isEqualTo(
                                    "services[billing].jwt: no key material; set exactly one of secret, publicKey or jwksUrl");
                    context.completeNow();
                })));
    }

    @Test
    void unusableKeySettingsFailWithoutEchoingSecrets(Vertx vertx, VertxTestContext context) {
        Future<JwtVerifier> two =
                JwtVerifier.create(vertx, "billing", new JwtConfig(SECRET, publicPem(RSA_1), null, null, null, null));
        Future<JwtVerifier> badPem = JwtVerifier.create(
                vertx,
                "billing",
                new JwtConfig(
                        null, "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----", null, null, null, null));
        Future<JwtVerifier> privateKey =
                JwtVerifier.create(vertx, "billing", new JwtConfig(null, privatePem(RSA_1), null, null, null, null));
        Future<JwtVerifier> noFile = JwtVerifier.create(
                vertx, "billing", new JwtConfig(null, null, "/nonexistent/jwks.json", null, null, null));
        Future.join(two, badPem, privateKey, noFile)
                .onComplete(done -> context.verify(() -> {
                    for (Future<JwtVerifier> f : List.of(two, badPem, privateKey, noFile)) {
                        assertThat(f.failed()).isTrue();
                        assertThat(f.cause().getMessage())
                                .startsWith("services[billing].jwt: ")
                                .doesNotContain(SECRET)
                                .doesNotContain("MII");
                    }
                    assertThat(two.cause().getMessage()).contains("more than one key source");
                    context.completeNow();
                }));
    }
}
