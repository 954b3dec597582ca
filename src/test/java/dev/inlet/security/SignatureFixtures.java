package dev.inlet.security;

import dev.inlet.config.SignatureConfig;
import dev.inlet.config.SignatureScheme;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** Configs, secrets and header lookups shared by the signature tests. */
final class SignatureFixtures {
    static final long NOW = 1_700_000_000L;
    static final String ID = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W";

    private SignatureFixtures() {}

    /** A secret valid for {@code scheme} (Standard Webhooks needs base64 key material). */
    static String secret(SignatureScheme scheme, int n) {
        return scheme == SignatureScheme.STANDARD
                ? "whsec_" + java.util.Base64.getEncoder().encodeToString(("key-" + n + "-0123456789abcdef").getBytes())
                : "secret-" + n;
    }

    static SignatureConfig config(SignatureScheme scheme, String... secrets) {
        return new SignatureConfig(scheme, null, null, null, null, List.of(secrets), true, Duration.ofSeconds(300));
    }

    static Function<String, String> lookup(Map<String, String> headers) {
        Map<String, String> insensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        insensitive.putAll(headers);
        return insensitive::get;
    }

    static Map<String, String> signed(SignatureConfig config, String secret, byte[] body) {
        return Signatures.headers(config, secret, ID, NOW, body);
    }
}
