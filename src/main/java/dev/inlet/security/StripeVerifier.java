package dev.inlet.security;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Stripe: {@code Stripe-Signature: t=<ts>,v1=<hex>[,v1=<hex>...]}, each {@code v1} a hex
 * HMAC-SHA256 of {@code t + "." + body}; any {@code v1} matching any secret verifies; other
 * schemes ({@code v0}) are ignored, as Stripe's libraries do.
 */
final class StripeVerifier implements SignatureVerifier {
  private final MacKeys keys;
  private final String header;
  private final long tolerance;

  StripeVerifier(MacKeys keys, String header, long tolerance) {
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
    String timestamp = null;
    List<byte[]> candidates = new ArrayList<>(2);
    int start = 0;
    while (start <= value.length()) {
      int comma = value.indexOf(',', start);
      int end = comma < 0 ? value.length() : comma;
      String item = value.substring(start, end).strip();
      start = end + 1;
      if (item.startsWith("t=")) {
        if (timestamp != null) {
          return Verdict.INVALID;
        }
        timestamp = item.substring(2);
      } else if (item.startsWith("v1=")) {
        byte[] candidate = Codec.hex(item, 3, item.length(), keys.length());
        if (candidate != null) {
          candidates.add(candidate);
        }
      }
    }
    long signedAt = Timestamps.parse(timestamp);
    if (signedAt < 0 || candidates.isEmpty()) {
      return Verdict.INVALID;
    }
    byte[][] digests = keys.digests((timestamp + ".").getBytes(StandardCharsets.US_ASCII), body);
    for (byte[] candidate : candidates) {
      if (MacKeys.matches(candidate, digests)) {
        return Timestamps.within(signedAt, nowEpochSeconds, tolerance) ? Verdict.VALID : Verdict.STALE;
      }
    }
    return Verdict.INVALID;
  }
}
