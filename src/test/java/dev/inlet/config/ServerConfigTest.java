package dev.inlet.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code server} section's keys that concern who a client is. */
class ServerConfigTest {
    private static final ConfigLoader LOADER = new ConfigLoader(Map.of());

    @Test
    void theForwardedHeaderDefaultsToXForwardedFor() {
        assertThat(LOADER.parse("{}").server().forwardedHeader()).isEqualTo(ForwardedHeader.X_FORWARDED_FOR);
    }

    @ParameterizedTest
    @CsvSource({
        "x-forwarded-for, X_FORWARDED_FOR",
        "forwarded, FORWARDED",
        "Forwarded, FORWARDED",
        "X-Forwarded-For, X_FORWARDED_FOR"
    })
    void theForwardedHeaderNamesOneOfTwo(String value, ForwardedHeader expected) {
        assertThat(LOADER.parse("server: { forwardedHeader: " + value + " }")
                        .server()
                        .forwardedHeader())
                .isEqualTo(expected);
    }

    @Test
    void anyOtherForwardedHeaderIsRefusedByName() {
        ConfigException e = catchThrowableOfType(
                ConfigException.class, () -> LOADER.parse("server: { forwardedHeader: x-real-ip }"));
        assertThat(e.problems())
                .containsExactly(
                        "server.forwardedHeader: \"x-real-ip\" is not one of x-forwarded-for, forwarded: name the header your proxy writes");
    }
}
