package dev.inlet.queue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretHeadersTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "key",
                "authorization",
                "cookie",
                "proxy-authorization",
                "KEY",
                "Authorization",
                "cookiE",
                "Proxy-Authorization"
            })
    void credentialsAreNeverStoredWhateverTheCase(String name) {
        assertThat(StoredHeaders.isSecret(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "ke",
                "kex",
                "keys",
                "x-key",
                "cookie2",
                "x-authorization",
                "proxy-authorizatio",
                "set-cookie",
                "Set-Cookie",
                "x-signature",
                "content-type"
            })
    void otherHeadersAreStored(String name) {
        assertThat(StoredHeaders.isSecret(name)).isFalse();
    }
}
