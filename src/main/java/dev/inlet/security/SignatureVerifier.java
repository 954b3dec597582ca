package dev.inlet.security;

import dev.inlet.config.SignatureConfig;
import java.util.function.Function;

/**
 * Checks a request's signature against its raw body, following the sender's own documentation.
 * Created once per endpoint at start-up; {@link #precheck} and {@link #verify} are thread-safe,
 * allocation-light and never throw on request input.
 */
public interface SignatureVerifier {

    /** The outcome of a verification. */
    enum Verdict {
        /** A signature made with one of the secrets over these exact bytes (and a fresh timestamp). */
        VALID,
        /** The signature header is absent or blank. */
        MISSING,
        /** The signature does not match, or the signature or timestamp headers are malformed or missing. */
        INVALID,
        /** Correctly signed, but the signed timestamp is outside the configured tolerance: a replay. */
        STALE
    }

    /**
     * What the signature headers alone say, before the body is read, so a request that can never
     * verify holds no body memory: {@code MISSING} (the signature header absent or blank),
     * {@code INVALID} (malformed: no signature of the right form and length, a missing or malformed
     * timestamp or id), {@code STALE} (a timestamp outside the tolerance, whether or not the
     * signature would match), else {@code VALID}, meaning only the body can still fail
     * {@link #verify}. Whatever {@code verify} would find VALID is VALID here.
     *
     * @param header a request header's value by case-insensitive name, or null when absent
     * @param nowEpochSeconds the current time, for the timestamped schemes' replay window
     */
    Verdict precheck(Function<String, String> header, long nowEpochSeconds);

    /**
     * @param header a request header's value by case-insensitive name, or null when absent
     * @param body the raw request body
     * @param nowEpochSeconds the current time, for the timestamped schemes' replay window
     */
    Verdict verify(Function<String, String> header, byte[] body, long nowEpochSeconds);

    /**
     * The verifier for an endpoint's signature settings, as the config resolved them.
     *
     * @throws IllegalArgumentException when there is no secret or a secret cannot be a key
     */
    static SignatureVerifier create(SignatureConfig config) {
        MacKeys keys = MacKeys.of(config.algorithm(), SigningKeys.of(config.scheme(), config.secrets()));
        String header = config.header();
        long tolerance = config.tolerance().toSeconds();
        return switch (config.scheme()) {
            case STRIPE -> new StripeVerifier(keys, header, tolerance);
            case SLACK -> new SlackVerifier(keys, header, config.prefix(), tolerance);
            case STANDARD -> new StandardWebhooksVerifier(keys, header, tolerance);
            case HMAC, GITHUB, SHOPIFY -> new BodySignatureVerifier(keys, header, config.encoding(), config.prefix());
        };
    }
}
