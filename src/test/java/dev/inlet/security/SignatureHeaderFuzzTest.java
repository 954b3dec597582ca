package dev.inlet.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.inlet.config.HmacAlgorithm;
import dev.inlet.config.SignatureConfig;
import dev.inlet.config.SignatureEncoding;
import dev.inlet.config.SignatureScheme;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fuzz target for every signature header parser, through {@link SignatureVerifier#create}: fuzzed
 * signature, timestamp and id headers, clock and body. Property: a verdict, never an exception, and
 * never VALID (a fuzzer cannot forge an HMAC); the pre-check over the headers alone agrees with it
 * (missing when it is missing, malformed when the headers are, stale only when it is stale or wrong).
 */
class SignatureHeaderFuzzTest {
    private static final List<SignatureVerifier> VERIFIERS = List.of(
            verifier(SignatureScheme.STRIPE, null, null, null, null),
            verifier(SignatureScheme.SLACK, null, null, null, null),
            verifier(SignatureScheme.STANDARD, null, null, null, null),
            verifier(SignatureScheme.GITHUB, null, null, null, null),
            verifier(SignatureScheme.SHOPIFY, null, null, null, null),
            verifier(SignatureScheme.HMAC, HmacAlgorithm.SHA256, "X-Signature", SignatureEncoding.HEX, "sha256="),
            verifier(SignatureScheme.HMAC, HmacAlgorithm.SHA512, "X-Signature", SignatureEncoding.BASE64, ""));
    private static final List<String> HEADERS = List.of(
            "Stripe-Signature",
            "X-Slack-Signature",
            "X-Slack-Request-Timestamp",
            "webhook-signature",
            "webhook-id",
            "webhook-timestamp",
            "X-Hub-Signature-256",
            "X-Shopify-Hmac-Sha256",
            "X-Signature");

    private static SignatureVerifier verifier(
            SignatureScheme scheme, HmacAlgorithm algorithm, String header, SignatureEncoding encoding, String prefix) {
        List<String> secrets = List.of(SignatureFixtures.secret(scheme, 1), SignatureFixtures.secret(scheme, 2));
        return SignatureVerifier.create(new SignatureConfig(
                scheme, algorithm, header, encoding, prefix, secrets, true, Duration.ofSeconds(300)));
    }

    @FuzzTest(maxDuration = "30s")
    void everySchemeAnswersAVerdict(FuzzedDataProvider data) {
        SignatureVerifier verifier = data.pickValue(VERIFIERS);
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        int count = data.consumeInt(0, HEADERS.size());
        for (int i = 0; i < count; i++) {
            headers.put(data.pickValue(HEADERS), data.consumeString(512));
        }
        long now = data.consumeBoolean() ? SignatureFixtures.NOW : data.consumeLong();
        byte[] body = data.consumeRemainingAsBytes();
        SignatureVerifier.Verdict verdict = verifier.verify(headers::get, body, now);
        assertThat(verdict).isNotNull().isNotEqualTo(SignatureVerifier.Verdict.VALID);
        SignatureVerifier.Verdict precheck = verifier.precheck(headers::get, now);
        switch (precheck) {
            case MISSING -> assertThat(verdict).isEqualTo(SignatureVerifier.Verdict.MISSING);
            case INVALID -> assertThat(verdict).isEqualTo(SignatureVerifier.Verdict.INVALID);
            case STALE -> assertThat(verdict).isIn(SignatureVerifier.Verdict.STALE, SignatureVerifier.Verdict.INVALID);
            case VALID -> assertThat(verdict).isIn(SignatureVerifier.Verdict.INVALID, SignatureVerifier.Verdict.STALE);
        }
    }
}
