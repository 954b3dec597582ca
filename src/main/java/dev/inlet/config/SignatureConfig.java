package dev.inlet.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Signature settings of an endpoint; {@code secrets} holds every secret that currently verifies.
 * The scheme's defaults are applied here and nowhere else: a header, algorithm, encoding, prefix
 * or tolerance left null (a blank header too) takes the scheme's value ({@link SignatureScheme}),
 * so every reader sees resolved settings. {@code verifyTokens} are what a GET handshake (Meta's)
 * must carry; empty for every other scheme. {@code handshake} names the verification handshake
 * answered ({@link HandshakeTable}): by default the scheme's own if the table has one, else {@code
 * none}.
 */
public record SignatureConfig(
        SignatureScheme scheme,
        HmacAlgorithm algorithm,
        String header,
        SignatureEncoding encoding,
        String prefix,
        List<String> secrets,
        boolean mandatory,
        Duration tolerance,
        List<String> verifyTokens,
        String handshake) {
    public SignatureConfig {
        Objects.requireNonNull(scheme, "scheme");
        algorithm = algorithm == null ? scheme.defaultAlgorithm() : algorithm;
        header = header == null || header.isBlank() ? scheme.defaultHeader() : header;
        encoding = encoding == null ? scheme.defaultEncoding() : encoding;
        prefix = prefix == null ? scheme.defaultPrefix() : prefix;
        tolerance = tolerance == null ? SignatureScheme.DEFAULT_TOLERANCE : tolerance;
        verifyTokens = verifyTokens == null ? List.of() : List.copyOf(verifyTokens);
        if (handshake == null) {
            String own = scheme.name().toLowerCase(java.util.Locale.ROOT);
            handshake = HandshakeTable.entry(own) == null ? HandshakeTable.NONE : own;
        }
    }

    /** Settings without a verify token (only Meta's handshake takes one). */
    public SignatureConfig(
            SignatureScheme scheme,
            HmacAlgorithm algorithm,
            String header,
            SignatureEncoding encoding,
            String prefix,
            List<String> secrets,
            boolean mandatory,
            Duration tolerance) {
        this(scheme, algorithm, header, encoding, prefix, secrets, mandatory, tolerance, List.of(), null);
    }

    @Override
    public String toString() {
        return "SignatureConfig[scheme=" + scheme + ", algorithm=" + algorithm + ", header=" + header + ", encoding="
                + encoding + ", prefix=" + prefix + ", secrets=" + secrets.size() + ", mandatory=" + mandatory
                + ", tolerance=" + tolerance + ", verifyTokens=" + verifyTokens.size() + ", handshake=" + handshake
                + "]";
    }
}
