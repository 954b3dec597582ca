package dev.inlet.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Signature settings of an endpoint; {@code secrets} holds every secret that currently verifies.
 * The scheme's defaults are applied here and nowhere else: a header, algorithm, encoding, prefix
 * or tolerance left null (a blank header too) takes the scheme's value ({@link SignatureScheme}),
 * so every reader sees resolved settings.
 */
public record SignatureConfig(
        SignatureScheme scheme,
        HmacAlgorithm algorithm,
        String header,
        SignatureEncoding encoding,
        String prefix,
        List<String> secrets,
        boolean mandatory,
        Duration tolerance) {
    public SignatureConfig {
        Objects.requireNonNull(scheme, "scheme");
        algorithm = algorithm == null ? scheme.defaultAlgorithm() : algorithm;
        header = header == null || header.isBlank() ? scheme.defaultHeader() : header;
        encoding = encoding == null ? scheme.defaultEncoding() : encoding;
        prefix = prefix == null ? scheme.defaultPrefix() : prefix;
        tolerance = tolerance == null ? SignatureScheme.DEFAULT_TOLERANCE : tolerance;
    }

    @Override
    public String toString() {
        return "SignatureConfig[scheme=" + scheme + ", algorithm=" + algorithm + ", header=" + header + ", encoding="
                + encoding + ", prefix=" + prefix + ", secrets=" + secrets.size() + ", mandatory=" + mandatory
                + ", tolerance=" + tolerance + "]";
    }
}
