package dev.inlet.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.inlet.config.JwtConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzz target for the JWT pre-parser and the verifier behind it: fuzzed tokens, raw or built from
 * fuzzed base64url JSON segments. Property: the pre-parser returns a header or refuses with
 * IllegalArgumentException, nothing else; the verifier never throws and always refuses.
 */
class JwtHeaderFuzzTest {
    private static final Set<String> ALGORITHMS = Set.of("HS256", "RS256", "ES256");
    private static final Vertx VERTX = Vertx.vertx();
    private static final JwtVerifier VERIFIER = await(JwtVerifier.create(
            VERTX,
            "shop",
            new JwtConfig("fuzz-secret-0123456789abcdef0123456789", null, null, null, null, Duration.ofSeconds(30))));

    @AfterAll
    static void close() {
        await(VERTX.close());
    }

    @FuzzTest(maxDuration = "30s")
    void preParserAcceptsOrRefusesCleanly(FuzzedDataProvider data) {
        String token = data.consumeBoolean() ? structured(data) : data.consumeRemainingAsString();
        try {
            JwtHeader header = JwtHeader.check(token, ALGORITHMS);
            assertThat(ALGORITHMS).contains(header.alg());
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).isNotBlank().doesNotContain(token.length() > 8 ? token : "\u0000");
        }
        Future<Void> verdict = VERIFIER.verify(token);
        Future<Void> settled = verdict.transform(ar -> Future.succeededFuture(null));
        await(settled);
        assertThat(verdict.failed()).as("an unsigned fuzzed token is refused").isTrue();
    }

    private static String structured(FuzzedDataProvider data) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString(data.consumeString(300).getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(data.consumeString(300).getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + "." + data.consumeRemainingAsString();
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
