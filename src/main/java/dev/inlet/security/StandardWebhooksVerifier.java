package dev.inlet.security;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Standard Webhooks: {@code webhook-signature} is a space-separated list of {@code v1,<base64>},
 * each an HMAC-SHA256 of {@code webhook-id + "." + webhook-timestamp + "." + body}; signatures
 * of other versions are ignored, as the specification asks.
 */
final class StandardWebhooksVerifier implements SignatureVerifier {
  static final String ID_HEADER = "webhook-id";
  static final String TIMESTAMP_HEADER = "webhook-timestamp";
  private static final String VERSION = "v1,";
  private static final int MAX_ID_LENGTH = 256;

  private final MacKeys keys;
  private final String header;
  private final long tolerance;

  StandardWebhooksVerifier(MacKeys keys, String header, long tolerance) {
    this.keys = keys;
    this.header = header;
    this.tolerance = tolerance;
  }

  @Override
  public Verdict verify(Function<String, String> headers, byte[] body, long nowEpochSeconds) {
    String value = headers.apply(header);
    if (value == null || value.isBlank()) {
      return Verdict.MISSING;
    }
    String id = headers.apply(ID_HEADER);
    String timestamp = headers.apply(TIMESTAMP_HEADER);
    timestamp = timestamp == null ? null : timestamp.strip();
    long signedAt = Timestamps.parse(timestamp);
    if (id == null || id.isBlank() || id.length() > MAX_ID_LENGTH || signedAt < 0) {
      return Verdict.INVALID;
    }
    byte[][] digests = null;
    int start = 0;
    while (start < value.length()) {
      int space = value.indexOf(' ', start);
      int end = space < 0 ? value.length() : space;
      if (value.startsWith(VERSION, start) && end > start + VERSION.length()) {
        byte[] candidate = Codec.base64(value, start + VERSION.length(), end, keys.length());
        if (candidate != null) {
          if (digests == null) {
            digests = keys.digests((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8), body);
          }
          if (MacKeys.matches(candidate, digests)) {
            return Timestamps.within(signedAt, nowEpochSeconds, tolerance) ? Verdict.VALID : Verdict.STALE;
          }
        }
      }
      start = end + 1;
    }
    return Verdict.INVALID;
  }
}
