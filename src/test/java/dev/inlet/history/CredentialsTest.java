package dev.inlet.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CredentialsTest {
    @Test
    void signatureAndCredentialHeadersAreMasked() {
        for (String name : List.of(
                "X-Hub-Signature-256",
                "Stripe-Signature",
                "webhook-signature",
                "X-Shopify-Hmac-Sha256",
                "X-Api-Key",
                "X-Auth-Token",
                "x-client-secret")) {
            assertThat(Credentials.maskedHeader(name, List.of())).as(name).isTrue();
        }
        assertThat(Credentials.maskedHeader("X-Custom-Proof", List.of("x-custom-proof")))
                .isTrue();
        for (String name : List.of("Content-Type", "X-GitHub-Event", "User-Agent", "webhook-timestamp")) {
            assertThat(Credentials.maskedHeader(name, List.of())).as(name).isFalse();
        }
    }

    @Test
    void credentialQueryValuesAreMasked() {
        assertThat(Credentials.maskQuery("token=abc&page=2", List.of())).isEqualTo("token=(masked)&page=2");
        assertThat(Credentials.maskQuery("page=2&api_key=s3cr3t", List.of())).isEqualTo("page=2&api_key=(masked)");
        assertThat(Credentials.maskQuery("a=1&proof=x", List.of("proof"))).isEqualTo("a=1&proof=(masked)");
        assertThat(Credentials.maskQuery("a=1&b=2", List.of())).isEqualTo("a=1&b=2");
        assertThat(Credentials.maskQuery("hub.verify_token=t&hub.challenge=c", List.of()))
                .isEqualTo("hub.verify_token=(masked)&hub.challenge=c");
        assertThat(Credentials.maskQuery("token=&x", List.of())).isEqualTo("token=&x");
        assertThat(Credentials.maskQuery("", List.of())).isEmpty();
        assertThat(Credentials.maskQuery(null, List.of())).isEmpty();
    }
}
