package dev.inlet.security;

import java.util.function.Function;

/**
 * A scheme whose signature headers are parsed before anything is computed, so both verdicts
 * follow from the parse in one place: {@link #precheck} from the headers alone, {@link #verify}
 * from the headers and the digest of the body. {@code S} is what a well-formed set of headers holds.
 */
abstract class ParsedHeaderVerifier<S> implements SignatureVerifier {
    private final String header;

    ParsedHeaderVerifier(String header) {
        this.header = header;
    }

    /**
     * What the headers hold, {@code value} being the signature header's (present, not blank); null
     * when they are malformed: no signature of the right form and length, a missing or malformed
     * timestamp or id.
     */
    abstract S parse(String value, Function<String, String> headers);

    /** Whether a signature of {@code signed} is one of the secrets' digests over {@code body}. */
    abstract boolean matches(S signed, byte[] body);

    /** Whether the signed timestamp is within the tolerance of {@code now}; always for a scheme without one. */
    abstract boolean fresh(S signed, long nowEpochSeconds);

    @Override
    public final Verdict precheck(Function<String, String> headers, long nowEpochSeconds) {
        String value = headers.apply(header);
        if (value == null || value.isBlank()) {
            return Verdict.MISSING;
        }
        S signed = parse(value, headers);
        if (signed == null) {
            return Verdict.INVALID;
        }
        return fresh(signed, nowEpochSeconds) ? Verdict.VALID : Verdict.STALE;
    }

    @Override
    public final Verdict verify(Function<String, String> headers, byte[] body, long nowEpochSeconds) {
        String value = headers.apply(header);
        if (value == null || value.isBlank()) {
            return Verdict.MISSING;
        }
        S signed = parse(value, headers);
        if (signed == null || !matches(signed, body)) {
            return Verdict.INVALID;
        }
        // A forged request is invalid whatever its timestamp; only a genuine one can be stale.
        return fresh(signed, nowEpochSeconds) ? Verdict.VALID : Verdict.STALE;
    }
}
