package dev.inlet.security;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Slack: {@code X-Slack-Signature: v0=<hex>}, a hex HMAC-SHA256 of
 * {@code "v0:" + X-Slack-Request-Timestamp + ":" + body}.
 */
final class SlackVerifier extends ParsedHeaderVerifier<SlackVerifier.Signed> {
    static final String TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";

    private final MacKeys keys;
    private final String prefix;
    private final long tolerance;

    SlackVerifier(MacKeys keys, String header, String prefix, long tolerance) {
        super(header);
        this.keys = keys;
        this.prefix = prefix;
        this.tolerance = tolerance;
    }

    /** The timestamp header (as sent and as seconds) and the signature's bytes. */
    record Signed(String timestamp, long signedAt, byte[] candidate) {}

    /** Null when the timestamp is missing or malformed, or the signature is not the prefix and hex of the digest's length. */
    @Override
    Signed parse(String value, Function<String, String> headers) {
        String signature = value.strip();
        String timestamp = headers.apply(TIMESTAMP_HEADER);
        timestamp = timestamp == null ? null : timestamp.strip();
        long signedAt = Timestamps.parse(timestamp);
        if (signedAt < 0 || !signature.startsWith(prefix)) {
            return null;
        }
        byte[] candidate = Codec.hex(signature, prefix.length(), signature.length(), keys.length());
        return candidate == null ? null : new Signed(timestamp, signedAt, candidate);
    }

    @Override
    boolean matches(Signed signed, byte[] body) {
        return MacKeys.matches(
                signed.candidate(),
                keys.digests(("v0:" + signed.timestamp() + ":").getBytes(StandardCharsets.US_ASCII), body));
    }

    @Override
    boolean fresh(Signed signed, long nowEpochSeconds) {
        return Timestamps.within(signed.signedAt(), nowEpochSeconds, tolerance);
    }
}
