package dev.inlet.security;

/**
 * Why a signature check refused a request, as the verifier found it: the {@link Reason}, and
 * what the diagnosis needs to say more (the signed timestamp and the time it was judged at, the
 * name of a missing signed header, the URL signed). Holds no secret, expected value or signature.
 * Made only when a request is refused: a valid request allocates none. {@link
 * SignatureVerifier#describe} turns it into the operator's sentence.
 *
 * @param signedAt the signed timestamp in Unix seconds, for {@link Reason#STALE}; else 0
 * @param now the time it was judged at, in Unix seconds
 * @param detail the missing signed header's name ({@link Reason#SIGNED_HEADER_MISSING}), the URL
 *     the signature was computed over ({@link Reason#NO_MATCH}, schemes that sign it); else null
 */
public record SignatureRefusal(Reason reason, long signedAt, long now, String detail) {

    /** What was wrong, each with the verdict (and so the code) it has. */
    public enum Reason {
        /** The signature is absent or blank (7029 when mandatory, else the request passes). */
        MISSING(SignatureVerifier.Verdict.MISSING),
        /** Present, but no value or item starts with the declared prefix. */
        NO_PREFIXED_ITEM(SignatureVerifier.Verdict.INVALID),
        /** Present and prefixed, but not the declared encoding of the algorithm's length. */
        WRONG_FORM(SignatureVerifier.Verdict.INVALID),
        /** A header the scheme signs is absent. */
        SIGNED_HEADER_MISSING(SignatureVerifier.Verdict.INVALID),
        /** The scheme's timestamp is absent (or given twice in one value). */
        TIMESTAMP_MISSING(SignatureVerifier.Verdict.INVALID),
        /** The timestamp is not one in the declared unit. */
        TIMESTAMP_MALFORMED(SignatureVerifier.Verdict.INVALID),
        /** The timestamp is outside the tolerance (7042). */
        STALE(SignatureVerifier.Verdict.STALE),
        /** The query parameter holding the body's SHA-256 is absent and the body is not empty. */
        BODY_HASH_MISSING(SignatureVerifier.Verdict.INVALID),
        /** The query parameter holding the body's SHA-256 does not match the body. */
        BODY_HASH_MISMATCH(SignatureVerifier.Verdict.INVALID),
        /** Well-formed, but no secret's MAC, the public key, or the tokens match. */
        NO_MATCH(SignatureVerifier.Verdict.INVALID);

        private final SignatureVerifier.Verdict verdict;

        Reason(SignatureVerifier.Verdict verdict) {
            this.verdict = verdict;
        }

        public SignatureVerifier.Verdict verdict() {
            return verdict;
        }
    }

    static SignatureRefusal of(Reason reason, long now) {
        return new SignatureRefusal(reason, 0, now, null);
    }

    /** The verdict of a check's result: VALID for none. */
    public static SignatureVerifier.Verdict verdict(SignatureRefusal refusal) {
        return refusal == null ? SignatureVerifier.Verdict.VALID : refusal.reason.verdict;
    }
}
