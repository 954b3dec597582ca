package dev.inlet.security;

import dev.inlet.config.SignatureConfig;
import java.util.function.Function;

/**
 * Checks a request's signature against its raw body, following the sender's own documentation as
 * its declaration ({@link dev.inlet.config.SignatureDeclaration}) describes it. Created once per
 * endpoint at start-up; {@link #precheck} and {@link #verify} are thread-safe, allocation-light
 * and never throw on request input.
 */
public interface SignatureVerifier {

    /** The outcome of a verification. */
    enum Verdict {
        /** A signature made with one of the secrets over these exact bytes (and a fresh timestamp). */
        VALID,
        /** The signature is absent or blank. */
        MISSING,
        /** The signature does not match, or the signature or timestamp is malformed or missing. */
        INVALID,
        /** Correctly signed, but the signed timestamp is outside the configured tolerance: a replay. */
        STALE
    }

    /**
     * What the headers alone say, before the body is read, so a request that can never verify
     * holds no body memory: {@code MISSING} (the signature header absent or blank),
     * {@code INVALID} (malformed: no signature of the right form and length, a signed header or
     * timestamp missing or malformed), {@code STALE} (a timestamp outside the tolerance, whether
     * or not the signature would match), else {@code VALID}, meaning only the body can still fail
     * {@link #verify}. Whatever {@code verify} would find VALID is VALID here. A scheme whose
     * signature or timestamp is in the body is judged on what its headers hold.
     *
     * @param header a request header's value by case-insensitive name, or null when absent
     * @param nowEpochSeconds the current time, for the timestamped schemes' replay window
     */
    default Verdict precheck(Function<String, String> header, long nowEpochSeconds) {
        return SignatureRefusal.verdict(precheckRefusal(header, nowEpochSeconds));
    }

    /** {@link #precheck} with the reason: null when the headers pass, else why they do not. */
    SignatureRefusal precheckRefusal(Function<String, String> header, long nowEpochSeconds);

    /**
     * @param request the request's headers, method and URLs
     * @param body the raw request body
     * @param nowEpochSeconds the current time, for the timestamped schemes' replay window
     */
    default Verdict verify(SignedRequest request, byte[] body, long nowEpochSeconds) {
        return SignatureRefusal.verdict(refusal(request, body, nowEpochSeconds));
    }

    /** {@link #verify} with the reason: null when the signature is valid (nothing allocated), else why not. */
    SignatureRefusal refusal(SignedRequest request, byte[] body, long nowEpochSeconds);

    /** {@link #verify} of a POST known by its headers alone. */
    default Verdict verify(Function<String, String> header, byte[] body, long nowEpochSeconds) {
        return verify(SignedRequest.of(header), body, nowEpochSeconds);
    }

    /**
     * The operator's sentence for {@code refusal} of a request of {@code bodyBytes} body bytes (-1:
     * not read yet), naming where the signature was looked for, the algorithm, the number of
     * secrets tried and the tolerance; never a secret, the expected value or the signature sent.
     */
    String describe(SignatureRefusal refusal, long bodyBytes);

    /** Whether verifying parses the body (a signature, timestamp or signed part in a form or JSON field). */
    boolean readsBodyFields();

    /**
     * The verifier of an endpoint's signature settings, as the config resolved them.
     *
     * @throws IllegalArgumentException when there is no secret, a secret cannot be a key, or the
     *     public key is not one of the scheme's algorithm
     */
    static SignatureVerifier create(SignatureConfig config) {
        return new DeclaredSignature(config);
    }
}
