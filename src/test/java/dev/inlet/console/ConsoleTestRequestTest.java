package dev.inlet.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.Inlet;
import dev.inlet.config.ConfigLoader;
import dev.inlet.config.SecretFormat;
import dev.inlet.config.SignatureAlgorithm;
import dev.inlet.config.SignatureDeclaration;
import dev.inlet.config.SignaturePresets;
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
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Endpoint page's test request through a real Inlet and Redis: for every preset Inlet can sign
 * (HMAC), the route's request, sent as it is through the ingest path, is accepted (1002); the
 * public-key and plain-token schemes answer {@code signed: false} with their note; no secret, key
 * or JWT secret is in any answer; and the curl, run by bash with {@code curl} a function that
 * prints its arguments, hands over a hostile body byte for byte without the shell running any of it.
 */
@ExtendWith(VertxExtension.class)
class ConsoleTestRequestTest {
    static final String TOKEN = "console-test-request-token";
    static final String SERVICE_KEY = "service-key-never-in-a-curl";
    static final String JWT_SECRET = "jwt-secret-never-in-a-curl-0123456789abcdef";
    static final String KEYED = "keyed-github";
    static final String SMALL = "small-github";
    static final Set<String> UNSIGNABLE = Set.of("discord", "sendgrid", "gitlab", "msgraph");
    static final String ED25519_KEY = "912091def693dd77f3c226a69014cf94af4d3d4742adf1205545236923fe4ee5";
    static final String P256_KEY =
            "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE83T4O/n84iotIvIW4mdBgQ/7dAfSmpqIM8kF9mN1flpVKS3GRqe62gw"
                    + "+2fNNRaINXvVpiglSI8eNEc6wEA3F+g==";

    static Inlet inlet;
    Http http;
    ConsoleClient console;

    /** The secret of {@code scheme}'s endpoint, as its config writes it. */
    static String secret(String scheme) {
        String plain = "secret-of-" + scheme + "-never-shown";
        return SignaturePresets.find(scheme).secretFormat() == SecretFormat.PLAIN
                ? plain
                : "whsec_" + Base64.getEncoder().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void start() {
        StringBuilder endpoints = new StringBuilder();
        for (String scheme : SignaturePresets.names()) {
            SignatureDeclaration d = SignaturePresets.find(scheme);
            String keys =
                    switch (d.algorithm()) {
                        case ED25519 -> "publicKey: \"" + ED25519_KEY + "\"";
                        case ECDSA_P256, ECDSA_P256_RAW -> "publicKey: \"" + P256_KEY + "\"";
                        default -> "secrets: [\"" + secret(scheme) + "\"]";
                    };
            if (scheme.equals("meta")) {
                keys += ", verifyToken: verify-token-never-shown";
            }
            endpoints.append(
                    "  - { id: ep-%s, service: open, auth: none, format: auto, signature: { scheme: %s, %s } }\n"
                            .formatted(scheme, scheme, keys));
        }
        String yaml =
                """
        server: { port: 0, host: 127.0.0.1 }
        admin: { token: %s }
        workers: { instances: 0 }
        redis: { url: "%s", stream: "%s" }
        services:
          - { id: shop, keys: [%s], jwt: { secret: "%s" } }
          - { id: open }
        endpoints:
          - { id: %s, service: shop, auth: key, format: json, signature: { scheme: github, secrets: ["%s"] } }
          - { id: %s, service: open, auth: none, format: json, maxBodySize: 64,
              signature: { scheme: github, secrets: ["%s"] } }
        %s"""
                        .formatted(
                                TOKEN,
                                TestRedis.url(),
                                "test:console-test-request:" + UUID.randomUUID(),
                                SERVICE_KEY,
                                JWT_SECRET,
                                KEYED,
                                secret("github"),
                                SMALL,
                                secret("github"),
                                endpoints);
        inlet = Inlet.start(new ConfigLoader(Map.of()).parse(yaml));
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
    }

    private Future<JsonObject> testRequest(ConsoleClient.Signed s, String endpoint, JsonObject body) {
        return console.post(s, "/console/api/endpoints/" + endpoint + "/test-request", body)
                .map(res -> {
                    assertThat(res.statusCode()).as(res.bodyAsString()).isEqualTo(200);
                    return res.bodyAsJsonObject();
                });
    }

    /** Sends the answer's {@code request} through the ingest path, the credential's variable filled. */
    private Future<HttpResponse<Buffer>> send(JsonObject request) {
        URI url = URI.create(request.getString("url"));
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        request.getJsonObject("headers")
                .forEach(h -> headers.add(
                        h.getKey(), h.getValue().toString().replace(ConsoleTestRequest.KEY_VARIABLE, SERVICE_KEY)));
        assertThat(url.getPort()).isEqualTo(inlet.port());
        return http.send(
                HttpMethod.valueOf(request.getString("method")),
                url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()),
                headers,
                Buffer.buffer(request.getString("body")));
    }

    private static void assertNoSecret(JsonObject answer) {
        String text = answer.encode();
        List<String> secrets = new ArrayList<>(List.of(SERVICE_KEY, JWT_SECRET, TOKEN, "never-shown"));
        for (String scheme : SignaturePresets.names()) {
            secrets.add(secret(scheme));
        }
        for (String secret : secrets) {
            assertThat(text).doesNotContain(secret);
        }
    }

    @Test
    void everySignablePresetsTestRequestIsAccepted(VertxTestContext ctx) {
        List<String> signable = SignaturePresets.names().stream()
                .filter(s -> !UNSIGNABLE.contains(s))
                .toList();
        assertThat(signable).hasSizeGreaterThan(20);
        console.signedIn(TOKEN)
                .compose(s -> {
                    Future<Void> chain = Future.succeededFuture();
                    for (String scheme : signable) {
                        chain = chain.compose(v -> testRequest(s, "ep-" + scheme, null))
                                .compose(answer -> {
                                    assertNoSecret(answer);
                                    assertThat(answer.getBoolean("signed"))
                                            .as(scheme + ": " + answer.getString("note"))
                                            .isTrue();
                                    assertThat(answer.getString("curl")).startsWith("curl ");
                                    return send(answer.getJsonObject("request"));
                                })
                                .map(res -> {
                                    assertThat(res.bodyAsString()).as(scheme).contains("\"code\":\"1002\"");
                                    return null;
                                });
                    }
                    return chain;
                })
                .onComplete(ctx.succeedingThenComplete());
    }

    @Test
    void theNoteSaysHowLongATimestampHoldsAndThatTheUrlIsSigned(VertxTestContext ctx) {
        console.signedIn(TOKEN)
                .compose(s -> testRequest(s, "ep-stripe", null)
                        .map(stripe -> {
                            assertThat(stripe.getString("note")).contains("valid for 300 s");
                            return null;
                        })
                        .compose(v -> testRequest(s, "ep-paddle", null))
                        .map(paddle -> {
                            assertThat(paddle.getString("note")).contains("valid for 5 s");
                            return null;
                        })
                        .compose(v -> testRequest(s, "ep-square", null))
                        .map(square -> {
                            assertThat(square.getString("note"))
                                    .contains("covers the URL")
                                    .contains("http://127.0.0.1:" + inlet.port() + "/v1/webhooks/ep-square");
                            return null;
                        })
                        .compose(v -> testRequest(s, "ep-github", null))
                        .map(github -> {
                            assertThat(github.getString("note")).doesNotContain("valid for");
                            return null;
                        }))
                .onComplete(ctx.succeedingThenComplete());
    }

    @Test
    void unsignableSchemesSaySo(VertxTestContext ctx) {
        console.signedIn(TOKEN)
                .compose(s -> {
                    Future<Void> chain = Future.succeededFuture();
                    for (String scheme : UNSIGNABLE) {
                        chain = chain.compose(v -> testRequest(s, "ep-" + scheme, null))
                                .map(answer -> {
                                    assertNoSecret(answer);
                                    assertThat(answer.getBoolean("signed"))
                                            .as(scheme)
                                            .isFalse();
                                    SignatureAlgorithm algorithm =
                                            SignaturePresets.find(scheme).algorithm();
                                    assertThat(answer.getString("note"))
                                            .contains(
                                                    algorithm.publicKey()
                                                            ? "Inlet holds only the public key"
                                                            : "never puts a secret in a command");
                                    assertThat(answer.getString("curl")).startsWith("curl ");
                                    return null;
                                });
                    }
                    return chain;
                })
                .onComplete(ctx.succeedingThenComplete());
    }

    @Test
    void theCurlCarriesAHostileBodyByteForByteAndTheKeyAsAVariable(Vertx vertx, VertxTestContext ctx) {
        String body =
                "{\"q\":\"it's $(touch /tmp/inlet-pwned) `id` $HOME \\\\ \\\" '\\\\''\",\n\"at\":\"@/etc/passwd\"}";
        console.signedIn(TOKEN)
                .compose(s -> testRequest(s, KEYED, new JsonObject().put("body", body)))
                .compose(answer -> {
                    assertNoSecret(answer);
                    assertThat(answer.getBoolean("signed")).isTrue();
                    assertThat(answer.getString("note")).contains("INLET_KEY");
                    String curl = answer.getString("curl");
                    assertThat(curl).contains("-H \"key: $INLET_KEY\"");
                    JsonObject request = answer.getJsonObject("request");
                    assertThat(request.getString("body")).isEqualTo(body);
                    return vertx.executeBlocking(() -> arguments(curl)).map(args -> {
                        List<String> expected = new ArrayList<>(List.of("-sS", "-X", "POST", request.getString("url")));
                        request.getJsonObject("headers").forEach(h -> {
                            expected.add("-H");
                            expected.add(h.getKey() + ": "
                                    + h.getValue().toString().replace(ConsoleTestRequest.KEY_VARIABLE, SERVICE_KEY));
                        });
                        expected.add("--data-raw");
                        expected.add(body);
                        assertThat(args).containsExactlyElementsOf(expected);
                        assertThat(new java.io.File("/tmp/inlet-pwned")).doesNotExist();
                        return request;
                    });
                })
                .compose(this::send)
                .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
                    assertThat(res.bodyAsString()).contains("\"code\":\"1002\"");
                    ctx.completeNow();
                })));
    }

    @Test
    void aBodyOverTheEndpointsLimitIsRefused(VertxTestContext ctx) {
        console.signedIn(TOKEN)
                .compose(s -> console.post(
                        s,
                        "/console/api/endpoints/" + SMALL + "/test-request",
                        new JsonObject().put("body", "x".repeat(65))))
                .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
                    assertThat(res.statusCode()).isEqualTo(413);
                    assertThat(res.bodyAsJsonObject().getString("code")).isEqualTo("7040");
                    ctx.completeNow();
                })));
    }

    @Test
    void theRouteNeedsTheSessionAndItsCsrfToken(VertxTestContext ctx) {
        String path = "/console/api/endpoints/" + KEYED + "/test-request";
        console.send(null, HttpMethod.POST, path, null, null)
                .compose(anonymous -> {
                    assertThat(anonymous.statusCode()).isEqualTo(401);
                    return console.signedIn(TOKEN);
                })
                .compose(s -> console.send(s, HttpMethod.POST, path, "wrong", null))
                .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
                    assertThat(res.statusCode()).isEqualTo(403);
                    ctx.completeNow();
                })));
    }

    /** The arguments bash hands {@code curl} when it runs {@code command}, {@code curl} a printing function. */
    private static List<String> arguments(String command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", "curl() { printf '%s\\0' \"$@\"; }\n" + command);
        builder.environment().put("INLET_KEY", SERVICE_KEY);
        Process p = builder.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).isZero();
        List<String> args = new ArrayList<>();
        ByteArrayOutputStream arg = new ByteArrayOutputStream();
        for (byte b : out) {
            if (b == 0) {
                args.add(arg.toString(StandardCharsets.UTF_8));
                arg.reset();
            } else {
                arg.write(b);
            }
        }
        return args;
    }
}
