package dev.inlet.security;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Slack: {@code X-Slack-Signature: v0=<hex>}, a hex HMAC-SHA256 of
 * {@code "v0:" + X-Slack-Request-Timestamp + ":" + body}.
 */
final class SlackVerifier implements SignatureVerifier {
  static final String TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";

  private final MacKeys keys;
  private final String header;
  private final String prefix;
  private final long tolerance;

  SlackVerifier(MacKeys keys, String header, String prefix, long tolerance) {
    this.keys = keys;
    this.header = header;
    this.prefix = prefix;
    this.tolerance = tolerance;
  }

  @Override
  public Verdict verify(Function<String, String> headers, byte[] body, long nowEpochSeconds) {
    String value = headers.apply(header);
    if (value == null || value.isBlank()) {
      return Verdict.MISSING;
    }
    value = value.strip();
    String timestamp = headers.apply(TIMESTAMP_HEADER);
    timestamp = timestamp == null ? null : timestamp.strip();
    long signedAt = Timestamps.parse(timestamp);
    if (signedAt < 0 || !value.startsWith(prefix)) {
      return Verdict.INVALID;
    }
    byte[] candidate = Codec.hex(value, prefix.length(), value.length(), keys.length());
    if (candidate == null) {
      return Verdict.INVALID;
    }
    byte[][] digests = keys.digests(("v0:" + timestamp + ":").getBytes(StandardCharsets.US_ASCII), body);
    if (!MacKeys.matches(candidate, digests)) {
      return Verdict.INVALID;
    }
    return Timestamps.within(signedAt, nowEpochSeconds, tolerance) ? Verdict.VALID : Verdict.STALE;
  }
}
