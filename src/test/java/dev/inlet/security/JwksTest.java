package dev.inlet.security;

import static dev.inlet.security.JwtFixtures.EC_256;
import static dev.inlet.security.JwtFixtures.RSA_1;
import static dev.inlet.security.JwtFixtures.RSA_2;
import static dev.inlet.security.JwtFixtures.now;
import static dev.inlet.security.JwtFixtures.privatePem;
import static dev.inlet.security.JwtFixtures.rsaJwk;
import static dev.inlet.security.JwtFixtures.sign;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.config.JwtConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class JwksTest {
    private static final JsonObject TWO_KEYS = jwks(rsaJwk(RSA_1, "k1"), rsaJwk(RSA_2, "k2"));

    @TempDir
    Path dir;

    private static JsonObject jwks(JsonObject... keys) {
        return new JsonObject().put("keys", new JsonArray(java.util.List.of((Object[]) keys)));
    }

    private static JsonObject claims() {
        return new JsonObject().put("sub", "sender").put("exp", now() + 300);
    }

    private Path write(JsonObject set) throws IOException {
        Path file = dir.resolve("jwks.json");
        Files.writeString(file, set.encode());
        return file;
    }

    private static JwtConfig config(String url) {
        return new JwtConfig(null, null, url, null, null, null);
    }

    private static Future<Boolean> accepted(JwtVerifier verifier, String token) {
        return verifier.verify(token).transform(result -> Future.succeededFuture(result.succeeded()));
    }

    @Test
    void fileWithTwoKeysSelectsByKid(Vertx vertx, VertxTestContext context) throws IOException {
        String url = write(TWO_KEYS).toUri().toString();
        JwtVerifier.create(vertx, "shop", config(url))
                .compose(verifier -> Future.all(
                        accepted(verifier, sign(vertx, "RS256", privatePem(RSA_1), "k1", claims())),
                        accepted(verifier, sign(vertx, "RS256", privatePem(RSA_2), "k2", claims())),
                        accepted(verifier, sign(vertx, "RS256", privatePem(RSA_2), "k1", claims())),
                        accepted(verifier, sign(vertx, "RS256", privatePem(RSA_1), "k3", claims())),
                        accepted(verifier, sign(vertx, "ES256", privatePem(EC_256), "k1", claims())),
                        accepted(
                                verifier,
                                JwtFixtures.hand(
                                        "{\"alg\":\"HS256\",\"kid\":\"k1\"}",
                                        claims().encode(),
                                        TWO_KEYS.encode().getBytes()))))
                .onComplete(context.succeeding(results -> context.verify(() -> {
                    assertThat(results.<Boolean>list()).containsExactly(true, true, false, false, false, false);
                    context.completeNow();
                })));
    }

    @Test
    void plainPathAndFileUrlAreBothFiles(Vertx vertx, VertxTestContext context) throws IOException {
        Path file = write(TWO_KEYS);
        Future.all(
                        JwtVerifier.create(vertx, "shop", config(file.toString())),
                        JwtVerifier.create(vertx, "shop", config("file:" + file)))
                .onComplete(context.succeedingThenComplete());
    }

    @Test
    void unknownKidRereadsTheSetOnlyOncePerInterval(Vertx vertx, VertxTestContext context) throws IOException {
        Path file = write(jwks(rsaJwk(RSA_1, "k1")));
        String rotated = sign(vertx, "RS256", privatePem(RSA_2), "k2", claims());
        Future<JwtVerifier> eager = JwtVerifier.create(vertx, "shop", config(file.toString()), Duration.ZERO);
        Future<JwtVerifier> bounded = JwtVerifier.create(vertx, "shop", config(file.toString()), Duration.ofHours(1));
        Future.all(eager, bounded)
                .compose(created -> {
                    try {
                        write(TWO_KEYS);
                    } catch (IOException e) {
                        return Future.failedFuture(e);
                    }
                    return Future.all(accepted(eager.result(), rotated), accepted(bounded.result(), rotated));
                })
                .onComplete(context.succeeding(results -> context.verify(() -> {
                    assertThat(results.<Boolean>list()).containsExactly(true, false);
                    context.completeNow();
                })));
    }

    @Test
    void httpSetIsFetchedAndRefreshIsBounded(Vertx vertx, VertxTestContext context) {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = vertx.createHttpServer().requestHandler(request -> {
            requests.incrementAndGet();
            request.response().putHeader("content-type", "application/json").end(TWO_KEYS.encode());
        });
        server.listen(0, "127.0.0.1")
                .compose(s -> {
                    String url = "http://127.0.0.1:" + s.actualPort() + "/.well-known/jwks.json";
                    return JwtVerifier.create(vertx, "shop", config(url));
                })
                .compose(verifier -> Future.all(
                        accepted(verifier, sign(vertx, "RS256", privatePem(RSA_2), "k2", claims())),
                        accepted(verifier, sign(vertx, "RS256", privatePem(RSA_1), "unknown-1", claims())),
                        accepted(verifier, sign(vertx, "RS256", privatePem(RSA_1), "unknown-2", claims()))))
                .onComplete(context.succeeding(results -> context.verify(() -> {
                    assertThat(results.<Boolean>list()).containsExactly(true, false, false);
                    assertThat(requests).hasValue(1);
                    context.completeNow();
                })));
    }

    @Test
    void concurrentUnknownKidsShareOneRefresh(Vertx vertx, VertxTestContext context) {
        AtomicInteger requests = new AtomicInteger();
        vertx.createHttpServer()
                .requestHandler(request -> {
                    requests.incrementAndGet();
                    request.response().end(TWO_KEYS.encode());
                })
                .listen(0, "127.0.0.1")
                .compose(s -> JwtVerifier.create(
                        vertx, "shop", config("http://127.0.0.1:" + s.actualPort() + "/jwks"), Duration.ZERO))
                .compose(verifier -> Future.all(
                        accepted(verifier, sign(vertx, "RS256", privatePem(RSA_1), "x1", claims())),
                        accepted(verifier, sign(vertx, "RS256", privatePem(RSA_1), "x2", claims())),
                        accepted(verifier, sign(vertx, "RS256", privatePem(RSA_1), "x3", claims()))))
                .onComplete(context.succeeding(results -> context.verify(() -> {
                    assertThat(results.<Boolean>list()).containsExactly(false, false, false);
                    assertThat(requests.get()).isBetween(2, 4);
                    context.completeNow();
                })));
    }

    @Test
    void setWithoutSigningKeysIsRefusedAtStartUp(Vertx vertx, VertxTestContext context) throws IOException {
        JsonObject symmetric =
                new JsonObject().put("kty", "oct").put("kid", "h").put("k", "c2VjcmV0");
        JsonObject encryption = rsaJwk(RSA_1, "e").put("use", "enc");
        String url = write(jwks(symmetric, encryption)).toString();
        JwtVerifier.create(vertx, "shop", config(url))
                .onComplete(context.failing(e -> context.verify(() -> {
                    assertThat(e.getMessage())
                            .isEqualTo("services[shop].jwt: the JWK set has no RSA or EC signing key");
                    context.completeNow();
                })));
    }

    @Test
    void unreadableSetFailsAtStartUp(Vertx vertx, VertxTestContext context) throws IOException {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{not json");
        JwtVerifier.create(vertx, "shop", config(file.toString()))
                .onComplete(context.failing(e -> context.verify(() -> {
                    assertThat(e.getMessage()).startsWith("services[shop].jwt: ");
                    context.completeNow();
                })));
    }
}
