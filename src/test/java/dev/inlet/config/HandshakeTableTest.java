package dev.inlet.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The handshake table ({@code handshakes.yaml}) loads and follows its own rules, and {@code
 * signature.handshake} / {@code verifyToken} are chosen and checked by the loader.
 */
class HandshakeTableTest {
    private static final ConfigLoader LOADER = new ConfigLoader(Map.of("META_VERIFY_TOKEN", "meatyhamhock"));

    private static SignatureConfig signature(String signature) {
        return LOADER.parse(config(signature)).endpoints().get(0).signature();
    }

    private static String config(String signature) {
        return """
        services: [ { id: s, keys: [k] } ]
        endpoints:
          - id: e
            service: s
            signature: %s
        """
                .formatted(signature);
    }

    private static List<String> problems(String signature) {
        try {
            LOADER.parse(config(signature));
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("expected the signature to be refused: " + signature);
    }

    @Test
    void theTableHasTheProvidersHandshakes() {
        assertThat(HandshakeTable.names())
                .containsExactlyInAnyOrder("slack", "zoom", "twitch", "discord", "meta", "msgraph", "woocommerce");
        assertThat(HandshakeTable.entry("meta").get()).isTrue();
        assertThat(HandshakeTable.entry("msgraph").unsigned()).isTrue();
        assertThat(HandshakeTable.entry("slack").unsigned()).isFalse();
        assertThat(HandshakeTable.entry("discord").when()).hasSize(2);
    }

    @Test
    void aSchemeTakesItsOwnHandshakeAndAnyOtherNone() {
        assertThat(signature("{ scheme: slack, secrets: [x] }").handshake()).isEqualTo("slack");
        assertThat(signature("{ scheme: github, secrets: [x] }").handshake()).isEqualTo(HandshakeTable.NONE);
        assertThat(signature("{ scheme: slack, handshake: none, secrets: [x] }").handshake())
                .isEqualTo(HandshakeTable.NONE);
        SignatureConfig meta =
                signature("{ scheme: hmac, handshake: meta, verifyToken: \"${META_VERIFY_TOKEN}\", secrets: [x] }");
        assertThat(meta.handshake()).isEqualTo("meta");
        assertThat(meta.verifyTokens()).containsExactly("meatyhamhock");
    }

    @Test
    void anUnknownHandshakeIsNamedWithTheKnownOnes() {
        assertThat(problems("{ scheme: hmac, handshake: strava, secrets: [x] }"))
                .containsExactly("endpoints[0].signature.handshake: \"strava\" is not one of "
                        + "discord, meta, msgraph, slack, twitch, woocommerce, zoom, none");
    }

    @Test
    void everyPresetsHandshakeIsInTheTable() {
        for (String name : SignaturePresets.names()) {
            String handshake = SignaturePresets.find(name).handshake();
            if (handshake != null) {
                assertThat(HandshakeTable.entry(handshake))
                        .as(name + "'s handshake " + handshake)
                        .isNotNull();
            }
        }
    }

    @Test
    void aHandshakeThatVerifiesATokenNeedsOne() {
        assertThat(problems("{ scheme: meta, secrets: [x] }"))
                .as("the preset's own handshake, without a handshake key")
                .containsExactly("endpoints[0].signature.verifyToken: is required by handshake meta");
        assertThat(problems("{ scheme: hmac, handshake: meta, secrets: [x] }"))
                .containsExactly("endpoints[0].signature.verifyToken: is required by handshake meta");
        assertThat(problems("{ scheme: hmac, handshake: meta, verifyToken: \"\", secrets: [x] }"))
                .containsExactly(
                        "endpoints[0].signature.verifyToken: must not be empty: it is what the handshake must carry");
    }

    @Test
    void theVerifyTokenIsNeverPrinted() {
        assertThat(signature("{ scheme: hmac, handshake: meta, verifyToken: sesame, secrets: [x] }")
                        .toString())
                .doesNotContain("sesame")
                .contains("verifyTokens=1");
    }
}
