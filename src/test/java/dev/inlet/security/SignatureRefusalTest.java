package dev.inlet.security;

import static dev.inlet.security.SignatureFixtures.NOW;
import static dev.inlet.security.SignatureFixtures.config;
import static dev.inlet.security.SignatureFixtures.lookup;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.config.SignatureConfig;
import dev.inlet.config.SignaturePresets;
import dev.inlet.security.SignatureRefusal.Reason;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Why the verifier refuses, for each reason: the {@link Reason} of the full check and of the
 * precheck, the verdict each maps to, and the operator's sentence, which never holds the secret,
 * the expected signature or the signature sent.
 */
class SignatureRefusalTest {
    private static final byte[] BODY = "{\"amount\":120}".getBytes(StandardCharsets.UTF_8);

    private static SignatureRefusal check(SignatureVerifier verifier, Map<String, String> headers, long now) {
        return verifier.refusal(SignedRequest.of(lookup(headers)), BODY, now);
    }

    @Test
    void aValidRequestHasNoRefusal() {
        SignatureConfig config = config("github", "s1");
        SignatureVerifier verifier = SignatureVerifier.create(config);
        Map<String, String> headers = Map.of("X-Hub-Signature-256", Signatures.github("s1", BODY));
        assertThat(check(verifier, headers, NOW)).isNull();
        assertThat(verifier.precheckRefusal(lookup(headers), NOW)).isNull();
        assertThat(SignatureRefusal.verdict(null)).isEqualTo(SignatureVerifier.Verdict.VALID);
    }

    @Test
    void githubReasons() {
        SignatureVerifier verifier = SignatureVerifier.create(config("github", "s1", "s2"));
        String expected = Signatures.github("s1", BODY).substring(7);
        String forged = Signatures.github("guess", BODY);

        SignatureRefusal missing = check(verifier, Map.of(), NOW);
        assertThat(missing.reason()).isEqualTo(Reason.MISSING);
        assertThat(missing.reason().verdict()).isEqualTo(SignatureVerifier.Verdict.MISSING);
        assertThat(verifier.precheckRefusal(lookup(Map.of()), NOW).reason()).isEqualTo(Reason.MISSING);

        Map<String, String> unprefixed = Map.of("X-Hub-Signature-256", expected);
        assertThat(check(verifier, unprefixed, NOW).reason()).isEqualTo(Reason.NO_PREFIXED_ITEM);
        assertThat(verifier.precheckRefusal(lookup(unprefixed), NOW).reason()).isEqualTo(Reason.NO_PREFIXED_ITEM);

        Map<String, String> short_ = Map.of("X-Hub-Signature-256", "sha256=" + expected.substring(2));
        assertThat(check(verifier, short_, NOW).reason()).isEqualTo(Reason.WRONG_FORM);
        assertThat(verifier.precheckRefusal(lookup(short_), NOW).reason()).isEqualTo(Reason.WRONG_FORM);

        Map<String, String> wrong = Map.of("X-Hub-Signature-256", forged);
        SignatureRefusal noMatch = check(verifier, wrong, NOW);
        assertThat(noMatch.reason()).isEqualTo(Reason.NO_MATCH);
        assertThat(verifier.precheckRefusal(lookup(wrong), NOW))
                .as("only the body can tell")
                .isNull();
        String text = verifier.describe(noMatch, BODY.length);
        assertThat(text)
                .isEqualTo("X-Hub-Signature-256 present; HMAC-SHA256 over the 14 body bytes with each of 2 secrets;"
                        + " none matched")
                .doesNotContain(expected)
                .doesNotContain(forged.substring(7))
                .doesNotContain("s1");
        assertThat(verifier.describe(missing, -1)).isEqualTo("X-Hub-Signature-256 is absent or blank");
    }

    @Test
    void timestampReasons() {
        SignatureConfig config = config("stripe", "whsec_test");
        SignatureVerifier verifier = SignatureVerifier.create(config);
        long signedAt = NOW - 412;
        Map<String, String> stale = Map.of("Stripe-Signature", Signatures.stripe("whsec_test", signedAt, BODY));
        SignatureRefusal refusal = check(verifier, stale, NOW);
        assertThat(refusal.reason()).isEqualTo(Reason.STALE);
        assertThat(refusal.reason().verdict()).isEqualTo(SignatureVerifier.Verdict.STALE);
        assertThat(refusal.signedAt()).isEqualTo(signedAt);
        assertThat(verifier.describe(refusal, BODY.length))
                .isEqualTo(
                        "the timestamp (item t= of Stripe-Signature) " + signedAt + " is 412 s old; tolerance 300 s");
        SignatureRefusal future = check(verifier, stale, signedAt - 400);
        assertThat(verifier.describe(future, BODY.length)).contains("is 400 s in the future");
        assertThat(verifier.precheckRefusal(lookup(stale), NOW).reason()).isEqualTo(Reason.STALE);

        String v1 = Signatures.stripe("whsec_test", NOW, BODY);
        String noTime = v1.substring(v1.indexOf(",v1=") + 1);
        assertThat(check(verifier, Map.of("Stripe-Signature", noTime), NOW).reason())
                .isEqualTo(Reason.TIMESTAMP_MISSING);
        assertThat(check(verifier, Map.of("Stripe-Signature", "t=soon," + noTime), NOW)
                        .reason())
                .isEqualTo(Reason.TIMESTAMP_MALFORMED);
        assertThat(verifier.describe(SignatureRefusal.of(Reason.TIMESTAMP_MALFORMED, NOW), 1))
                .isEqualTo("the timestamp (item t= of Stripe-Signature) is not a timestamp in seconds");
    }

    @Test
    void aMissingSignedHeaderIsNamed() {
        SignatureConfig config = config("standard", SignatureFixtures.secret("standard", 1));
        SignatureVerifier verifier = SignatureVerifier.create(config);
        Map<String, String> headers =
                new HashMap<>(SignatureFixtures.signed(config, SignatureFixtures.secret("standard", 1), BODY));
        headers.remove("webhook-id");
        SignatureRefusal refusal = verifier.precheckRefusal(lookup(headers), NOW);
        assertThat(refusal.reason()).isEqualTo(Reason.SIGNED_HEADER_MISSING);
        assertThat(refusal.detail()).isEqualTo("webhook-id|svix-id");
        assertThat(verifier.describe(refusal, -1))
                .startsWith("header webhook-id|svix-id, which the signature covers (")
                .endsWith("), is absent");
    }

    @Test
    void bodyHashReasons() {
        SignatureVerifier verifier = SignatureVerifier.create(SignatureConfig.preset("twilio", "token"));
        Map<String, String> headers = Map.of("X-Twilio-Signature", "a9nBmqA0ju/hNViExpshrM61xv4=");
        SignatureRefusal absent = verifier.refusal(
                SignedRequest.of(lookup(headers), "POST", "https://example.com/hook?x=1", "/hook?x=1"), BODY, NOW);
        assertThat(absent.reason()).isEqualTo(Reason.BODY_HASH_MISSING);
        SignatureRefusal wrong = verifier.refusal(
                SignedRequest.of(
                        lookup(headers), "POST", "https://example.com/hook?bodySHA256=00", "/hook?bodySHA256=00"),
                BODY,
                NOW);
        assertThat(wrong.reason()).isEqualTo(Reason.BODY_HASH_MISMATCH);
        assertThat(verifier.describe(wrong, BODY.length))
                .isEqualTo("query parameter bodySHA256 is not the SHA-256 of the 14 body bytes");
        String hash = Signatures.sha256Hex(BODY);
        SignatureRefusal unsigned = verifier.refusal(
                SignedRequest.of(
                        lookup(headers),
                        "POST",
                        "https://example.com/hook?bodySHA256=" + hash,
                        "/hook?bodySHA256=" + hash),
                BODY,
                NOW);
        assertThat(unsigned.reason()).isEqualTo(Reason.NO_MATCH);
        assertThat(verifier.describe(unsigned, BODY.length))
                .contains("with each of 1 secret; none matched; the URL signed was https://example.com/hook (query not"
                        + " shown)")
                .doesNotContain("token");
    }

    @Test
    void publicKeyAndTokenReasons() {
        SignatureConfig discord = new SignatureConfig(
                "discord",
                SignaturePresets.find("discord"),
                List.of(),
                "912091def693dd77f3c226a69014cf94af4d3d4742adf1205545236923fe4ee5",
                true,
                null);
        SignatureVerifier verifier = SignatureVerifier.create(discord);
        SignatureRefusal refusal = check(
                verifier,
                Map.of("X-Signature-Timestamp", Long.toString(NOW), "X-Signature-Ed25519", "ab".repeat(64)),
                NOW);
        assertThat(refusal.reason()).isEqualTo(Reason.NO_MATCH);
        assertThat(verifier.describe(refusal, BODY.length))
                .startsWith("X-Signature-Ed25519 present; Ed25519 signature over ")
                .endsWith("does not verify with the endpoint's public key");

        SignatureVerifier gitlab = SignatureVerifier.create(config("gitlab", "tok-1", "tok-2"));
        SignatureRefusal token = check(gitlab, Map.of("X-Gitlab-Token", "tok-guess"), NOW);
        assertThat(token.reason()).isEqualTo(Reason.NO_MATCH);
        assertThat(gitlab.describe(token, BODY.length))
                .isEqualTo("X-Gitlab-Token present; the token matches none of the endpoint's 2 secrets")
                .doesNotContain("tok-1")
                .doesNotContain("tok-guess");
    }
}
