package dev.inlet.security;

import static dev.inlet.security.SignatureFixtures.ID;
import static dev.inlet.security.SignatureFixtures.NOW;
import static dev.inlet.security.SignatureFixtures.config;
import static dev.inlet.security.SignatureFixtures.lookup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inlet.config.SignatureAlgorithm;
import dev.inlet.config.SignatureConfig;
import dev.inlet.config.SignatureEncoding;
import dev.inlet.config.SignaturePresets;
import dev.inlet.security.SignatureVerifier.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What one scheme does that the others do not. */
class SchemeDetailsTest {
    private static final byte[] BODY = "payload".getBytes(StandardCharsets.UTF_8);

    private static Verdict verify(SignatureConfig config, Map<String, String> headers) {
        return SignatureVerifier.create(config).verify(lookup(headers), BODY, NOW);
    }

    private static SignatureConfig hmac(SignatureAlgorithm algorithm, SignatureEncoding encoding, String prefix) {
        return new SignatureConfig(
                "hmac",
                SignaturePresets.find("hmac").with(algorithm, "X-Sig", encoding, prefix),
                List.of("s"),
                null,
                true,
                null);
    }

    @Test
    void hmacSha512Base64WithPrefix() {
        SignatureConfig config = hmac(SignatureAlgorithm.SHA512, SignatureEncoding.BASE64, "sha512=");
        String value = Signatures.hmac(SignatureAlgorithm.SHA512, SignatureEncoding.BASE64, "sha512=", "s", BODY);
        assertThat(value).startsWith("sha512=").hasSize(7 + 88);
        assertThat(verify(config, Map.of("X-Sig", value))).isEqualTo(Verdict.VALID);
        assertThat(verify(config, Map.of("X-Sig", value.substring(7)))).isEqualTo(Verdict.INVALID);
        SignatureConfig sha256 = hmac(SignatureAlgorithm.SHA256, SignatureEncoding.BASE64, "sha512=");
        assertThat(verify(sha256, Map.of("X-Sig", value))).isEqualTo(Verdict.INVALID);
    }

    @Test
    void hexIsCaseInsensitive() {
        SignatureConfig config = hmac(SignatureAlgorithm.SHA256, SignatureEncoding.HEX, "");
        String value = Signatures.hmac(SignatureAlgorithm.SHA256, SignatureEncoding.HEX, "", "s", BODY);
        assertThat(verify(config, Map.of("X-Sig", value.toUpperCase()))).isEqualTo(Verdict.VALID);
        assertThat(verify(config, Map.of("X-Sig", " " + value + " "))).isEqualTo(Verdict.VALID);
    }

    @Test
    void configuredHeaderIsTheOneRead() {
        SignatureConfig config = hmac(SignatureAlgorithm.SHA256, SignatureEncoding.HEX, "");
        String value = Signatures.hmac(SignatureAlgorithm.SHA256, SignatureEncoding.HEX, "", "s", BODY);
        assertThat(verify(config, Map.of("X-Signature", value))).isEqualTo(Verdict.MISSING);
    }

    @Test
    void githubNeedsItsPrefix() {
        SignatureConfig config = config("github", "s");
        String value = Signatures.github("s", BODY);
        assertThat(verify(config, Map.of("X-Hub-Signature-256", value.substring("sha256=".length()))))
                .isEqualTo(Verdict.INVALID);
        assertThat(verify(config, Map.of("X-Hub-Signature-256", "sha1=" + value.substring(7))))
                .isEqualTo(Verdict.INVALID);
    }

    @Test
    void shopifyIsBase64() {
        assertThat(Signatures.shopify("s", BODY)).hasSize(44).endsWith("=");
    }

    @Test
    void stripeAcceptsAnyMatchingV1AndIgnoresV0() {
        SignatureConfig config = config("stripe", "s");
        String good = Signatures.stripe("s", NOW, BODY);
        String v1 = good.substring(good.indexOf("v1="));
        String bad = "v1=" + "0".repeat(64);
        assertThat(verify(
                        config,
                        Map.of("Stripe-Signature", "t=" + NOW + "," + bad + "," + v1 + ",v0=" + "1".repeat(64))))
                .isEqualTo(Verdict.VALID);
        assertThat(verify(config, Map.of("Stripe-Signature", v1 + ",t=" + NOW))).isEqualTo(Verdict.VALID);
        assertThat(verify(config, Map.of("Stripe-Signature", "t=" + NOW + ",v0=" + v1.substring(3))))
                .isEqualTo(Verdict.INVALID);
        assertThat(verify(config, Map.of("Stripe-Signature", v1))).isEqualTo(Verdict.INVALID);
        assertThat(verify(config, Map.of("Stripe-Signature", "t=" + NOW + ",t=" + NOW + "," + v1)))
                .isEqualTo(Verdict.INVALID);
        assertThat(verify(config, Map.of("Stripe-Signature", "t=" + (NOW + 1) + "," + v1)))
                .isEqualTo(Verdict.INVALID);
    }

    @Test
    void defaultToleranceIsFiveMinutes() {
        SignatureConfig config = SignatureConfig.preset("stripe", "s");
        Map<String, String> headers = Map.of("Stripe-Signature", Signatures.stripe("s", NOW, BODY));
        SignatureVerifier verifier = SignatureVerifier.create(config);
        assertThat(verifier.verify(lookup(headers), BODY, NOW + 300)).isEqualTo(Verdict.VALID);
        assertThat(verifier.verify(lookup(headers), BODY, NOW + 301)).isEqualTo(Verdict.STALE);
        SignatureConfig tight = new SignatureConfig(
                "stripe", SignaturePresets.find("stripe"), List.of("s"), null, true, Duration.ofSeconds(10));
        assertThat(SignatureVerifier.create(tight).verify(lookup(headers), BODY, NOW + 11))
                .isEqualTo(Verdict.STALE);
    }

    @Test
    void slackTimestampMustBePresentAndNumeric() {
        SignatureConfig config = config("slack", "s");
        String signature = Signatures.slack("s", NOW, BODY);
        assertThat(verify(config, Map.of("X-Slack-Signature", signature))).isEqualTo(Verdict.INVALID);
        for (String timestamp : List.of("", "abc", "1e9", "-1", "1700000000.5", "9".repeat(40))) {
            assertThat(verify(config, Map.of("X-Slack-Signature", signature, "X-Slack-Request-Timestamp", timestamp)))
                    .as(timestamp)
                    .isEqualTo(Verdict.INVALID);
        }
    }

    @Test
    void standardWebhooksListsAndVersions() {
        String secret = SignatureFixtures.secret("standard", 1);
        SignatureConfig config = config("standard", secret);
        String good = Signatures.standard(secret, ID, NOW, BODY);
        Map<String, String> headers = new HashMap<>(Map.of("webhook-id", ID, "webhook-timestamp", Long.toString(NOW)));
        headers.put("webhook-signature", "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= " + good);
        assertThat(verify(config, headers)).isEqualTo(Verdict.VALID);
        headers.put("webhook-signature", "v2," + good.substring(3));
        assertThat(verify(config, headers)).isEqualTo(Verdict.INVALID);
        headers.put("webhook-signature", "v1a," + good.substring(3) + " v1," + good.substring(3));
        assertThat(verify(config, headers)).isEqualTo(Verdict.VALID);
        headers.put("webhook-signature", good);
        headers.remove("webhook-id");
        assertThat(verify(config, headers)).isEqualTo(Verdict.INVALID);
        headers.put("webhook-id", "other");
        assertThat(verify(config, headers)).isEqualTo(Verdict.INVALID);
        headers.put("webhook-id", ID);
        headers.remove("webhook-timestamp");
        assertThat(verify(config, headers)).isEqualTo(Verdict.INVALID);
    }

    @Test
    void badSecretsFailAtCreationWithoutEchoingThem() {
        assertThatThrownBy(() -> SignatureVerifier.create(config("standard", "whsec_ok", "whsec_not*base64!")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("signature.secrets[1]")
                .hasMessageNotContaining("not*base64");
        assertThatThrownBy(() -> SignatureVerifier.create(config("github", "")))
                .hasMessage("signature.secrets[0] is empty");
        assertThatThrownBy(() -> SignatureVerifier.create(config("github")))
                .hasMessageContaining("at least one secret");
    }

    @Test
    void verifiersAreSafeAcrossThreads() throws Exception {
        SignatureConfig config = config("github", "a", "b");
        SignatureVerifier verifier = SignatureVerifier.create(config);
        List<Thread> threads = new java.util.ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger wrong = new java.util.concurrent.atomic.AtomicInteger();
        for (int t = 0; t < 4; t++) {
            int n = t;
            threads.add(new Thread(() -> {
                for (int i = 0; i < 2000; i++) {
                    byte[] body = ("body-" + n + "-" + i).getBytes(StandardCharsets.UTF_8);
                    Map<String, String> headers =
                            Map.of("X-Hub-Signature-256", Signatures.github(i % 2 == 0 ? "a" : "b", body));
                    if (verifier.verify(lookup(headers), body, NOW) != Verdict.VALID) {
                        wrong.incrementAndGet();
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(wrong).hasValue(0);
    }
}
