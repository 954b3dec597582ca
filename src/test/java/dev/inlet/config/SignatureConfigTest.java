package dev.inlet.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The scheme's defaults are resolved once, into the record, whether the loader or code builds it. */
class SignatureConfigTest {
    private static final ConfigLoader LOADER = new ConfigLoader(Map.of());

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void whatIsLeftOutTakesTheSchemesDefaults(SignatureScheme scheme) {
        SignatureConfig config = new SignatureConfig(scheme, null, null, null, null, List.of("s"), true, null);
        assertThat(config.header()).isEqualTo(scheme.defaultHeader());
        assertThat(config.algorithm()).isEqualTo(scheme.defaultAlgorithm());
        assertThat(config.encoding()).isEqualTo(scheme.defaultEncoding());
        assertThat(config.prefix()).isEqualTo(scheme.defaultPrefix());
        assertThat(config.tolerance()).isEqualTo(SignatureScheme.DEFAULT_TOLERANCE);
    }

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void theLoaderLeavesTheDefaultsToTheRecord(SignatureScheme scheme) {
        InletConfig loaded = LOADER.parse(
                """
        services: [ { id: s, keys: [k] } ]
        endpoints: [ { id: e, service: s, signature: { scheme: %s, secrets: [x] } } ]
        """
                        .formatted(scheme.name().toLowerCase(java.util.Locale.ROOT)));
        assertThat(loaded.endpoints().get(0).signature())
                .isEqualTo(new SignatureConfig(scheme, null, null, null, null, List.of("x"), true, null));
    }

    @Test
    void whatIsSetIsKept() {
        SignatureConfig config = new SignatureConfig(
                SignatureScheme.HMAC,
                HmacAlgorithm.SHA512,
                "X-Sig",
                SignatureEncoding.BASE64,
                "sha512=",
                List.of("s"),
                false,
                Duration.ofSeconds(9));
        assertThat(List.of(config.algorithm(), config.header(), config.encoding(), config.prefix(), config.tolerance()))
                .containsExactly(
                        HmacAlgorithm.SHA512, "X-Sig", SignatureEncoding.BASE64, "sha512=", Duration.ofSeconds(9));
    }

    @Test
    void aBlankHeaderIsStillAProblemInTheFile() {
        try {
            LOADER.parse(
                    """
          services: [ { id: s, keys: [k] } ]
          endpoints: [ { id: e, service: s, signature: { header: " ", secrets: [x] } } ]
          """);
            throw new AssertionError("expected the config to be refused");
        } catch (ConfigException e) {
            assertThat(e.problems())
                    .containsExactly(
                            "endpoints[0].signature.header: must name the request header that carries the signature");
        }
    }
}
