package dev.inlet.security;

import java.util.function.Function;

/**
 * One header holding an HMAC of the raw body, optionally behind a prefix: the generic scheme,
 * GitHub ({@code sha256=<hex>}) and Shopify (base64).
 */
final class BodySignatureVerifier implements SignatureVerifier {
  private final MacKeys keys;
  private final String header;
  private final SignatureEncoding encoding;
  private final String prefix;

  BodySignatureVerifier(MacKeys keys, String header, SignatureEncoding encoding, String prefix) {
    this.keys = keys;
    this.header = header;
    this.encoding = encoding;
    this.prefix = prefix;
  }

  @Override
  public Verdict verify(Function<String, String> headers, byte[] body, long nowEpochSeconds) {
    String value = headers.apply(header);
    if (value == null || value.isBlank()) {
      return Verdict.MISSING;
    }
    value = value.strip();
    if (!value.regionMatches(true, 0, prefix, 0, prefix.length())) {
      return Verdict.INVALID;
    }
    byte[] candidate = Codec.decode(encoding, value, prefix.length(), value.length(), keys.length());
    if (candidate == null) {
      return Verdict.INVALID;
    }
    return MacKeys.matches(candidate, keys.digests(null, body)) ? Verdict.VALID : Verdict.INVALID;
  }
}
