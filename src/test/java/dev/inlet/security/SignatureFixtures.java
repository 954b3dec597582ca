package dev.inlet.security;

import dev.inlet.config.SignatureConfig;
import dev.inlet.config.SignatureDeclaration;
import dev.inlet.config.SignaturePresets;
import dev.inlet.config.SignedPart;
import dev.inlet.config.ValueSource;
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

    /**
     * The presets the shared tests sign generically: an HMAC or token in a header, over parts the
     * headers and body give (no URL, no body field). The others have tests of their own.
     */
    static List<String> headerSchemes() {
        return SignaturePresets.names().stream()
                .filter(name -> {
                    SignatureDeclaration d = SignaturePresets.find(name);
                    return (d.algorithm().hmac() || d.algorithm() == dev.inlet.config.SignatureAlgorithm.TOKEN)
                            && d.signature().kind() == ValueSource.Kind.HEADER
                            && (d.timestamp() == null || d.timestamp().inHeaders())
                            && d.bodyHash() == null
                            && d.signed().stream()
                                    .allMatch(p -> p.kind() != SignedPart.Kind.URL
                                            && p.kind() != SignedPart.Kind.METHOD
                                            && !p.kind().inBody());
                })
                .toList();
    }

    /** Those of {@link #headerSchemes} that sign the body (not a plain token). */
    static List<String> bodySchemes() {
        return headerSchemes().stream()
                .filter(name -> SignaturePresets.find(name).algorithm().hmac())
                .toList();
    }

    static List<String> timestamped() {
        return bodySchemes().stream()
                .filter(name -> SignaturePresets.find(name).timestamp() != null)
                .toList();
    }

    static List<String> untimed() {
        return bodySchemes().stream()
                .filter(name -> SignaturePresets.find(name).timestamp() == null)
                .toList();
    }

    /** A secret valid for {@code scheme} (whsec and base64 secrets need base64 key material). */
    static String secret(String scheme, int n) {
        String key = java.util.Base64.getEncoder().encodeToString(("key-" + n + "-0123456789abcdef").getBytes());
        return switch (SignaturePresets.find(scheme).secretFormat()) {
            case WHSEC -> "whsec_" + key;
            case BASE64 -> key;
            case PLAIN -> "secret-" + n;
        };
    }

    static SignatureConfig config(String scheme, String... secrets) {
        return new SignatureConfig(
                scheme, SignaturePresets.find(scheme), List.of(secrets), null, true, Duration.ofSeconds(300));
    }

    /** The header the signature is read from (the first of its alternatives). */
    static String signatureHeader(String scheme) {
        return SignedBytes.alternatives(
                SignaturePresets.find(scheme).signature().name())[0];
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
