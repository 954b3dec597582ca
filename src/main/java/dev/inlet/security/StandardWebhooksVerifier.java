package dev.inlet.security;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Standard Webhooks: {@code webhook-signature} is a space-separated list of {@code v1,<base64>},
 * each an HMAC-SHA256 of {@code webhook-id + "." + webhook-timestamp + "." + body}; signatures
 * of other versions are ignored, as the specification asks.
 */
final class StandardWebhooksVerifier extends ParsedHeaderVerifier<StandardWebhooksVerifier.Signed> {
    static final String ID_HEADER = "webhook-id";
    static final String TIMESTAMP_HEADER = "webhook-timestamp";
    private static final String VERSION = "v1,";
    private static final int MAX_ID_LENGTH = 256;

    private final MacKeys keys;
    private final long tolerance;

    StandardWebhooksVerifier(MacKeys keys, String header, long tolerance) {
        super(header);
        this.keys = keys;
        this.tolerance = tolerance;
    }

    /** The id, the timestamp (as sent and as seconds) and the {@code v1} signatures of the right length. */
    record Signed(String id, String timestamp, long signedAt, List<byte[]> candidates) {}

    /** Null when the id or timestamp is missing or malformed, or no {@code v1} signature has the digest's length. */
    @Override
    Signed parse(String value, Function<String, String> headers) {
        String id = headers.apply(ID_HEADER);
        String timestamp = headers.apply(TIMESTAMP_HEADER);
        timestamp = timestamp == null ? null : timestamp.strip();
        long signedAt = Timestamps.parse(timestamp);
        if (id == null || id.isBlank() || id.length() > MAX_ID_LENGTH || signedAt < 0) {
            return null;
        }
        List<byte[]> candidates = new ArrayList<>(1);
        int start = 0;
        while (start < value.length()) {
            int space = value.indexOf(' ', start);
            int end = space < 0 ? value.length() : space;
            if (value.startsWith(VERSION, start) && end > start + VERSION.length()) {
                byte[] candidate = Codec.base64(value, start + VERSION.length(), end, keys.length());
                if (candidate != null) {
                    candidates.add(candidate);
                }
            }
            start = end + 1;
        }
        return candidates.isEmpty() ? null : new Signed(id, timestamp, signedAt, candidates);
    }

    @Override
    boolean matches(Signed signed, byte[] body) {
        return MacKeys.matchesAny(
                signed.candidates(),
                keys.digests((signed.id() + "." + signed.timestamp() + ".").getBytes(StandardCharsets.UTF_8), body));
    }

    @Override
    boolean fresh(Signed signed, long nowEpochSeconds) {
        return Timestamps.within(signed.signedAt(), nowEpochSeconds, tolerance);
    }
}
