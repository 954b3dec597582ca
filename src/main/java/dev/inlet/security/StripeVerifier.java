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
final class StripeVerifier extends ParsedHeaderVerifier<StripeVerifier.Signed> {
    private final MacKeys keys;
    private final long tolerance;

    StripeVerifier(MacKeys keys, String header, long tolerance) {
        super(header);
        this.keys = keys;
        this.tolerance = tolerance;
    }

    /** The header's timestamp (as sent and as seconds) and its {@code v1} signatures of the right length. */
    record Signed(String timestamp, long signedAt, List<byte[]> candidates) {}

    /** Null when there is no {@code t}, or a repeated or unreadable one, or no usable {@code v1}. */
    @Override
    Signed parse(String value, Function<String, String> headers) {
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
                    return null;
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
        return signedAt < 0 || candidates.isEmpty() ? null : new Signed(timestamp, signedAt, candidates);
    }

    @Override
    boolean matches(Signed signed, byte[] body) {
        return MacKeys.matchesAny(
                signed.candidates(),
                keys.digests((signed.timestamp() + ".").getBytes(StandardCharsets.US_ASCII), body));
    }

    @Override
    boolean fresh(Signed signed, long nowEpochSeconds) {
        return Timestamps.within(signed.signedAt(), nowEpochSeconds, tolerance);
    }
}
