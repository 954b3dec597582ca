package dev.inlet.config;

import dev.inlet.security.HmacAlgorithm;
import dev.inlet.security.SignatureEncoding;
import dev.inlet.security.SignatureScheme;
import java.time.Duration;
import java.util.List;

/**
 * Signature settings of an endpoint. For presets the loader fills header, algorithm, encoding and
 * prefix with the provider's values; {@code secrets} holds every secret that currently verifies.
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
  @Override
  public String toString() {
    return "SignatureConfig[scheme=" + scheme + ", algorithm=" + algorithm + ", header=" + header + ", encoding=" + encoding
        + ", prefix=" + prefix + ", secrets=" + secrets.size() + ", mandatory=" + mandatory + ", tolerance=" + tolerance + "]";
  }
}
