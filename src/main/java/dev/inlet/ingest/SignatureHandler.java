package dev.inlet.ingest;

import dev.inlet.security.SignatureVerifier;

/**
 * The endpoint's signature, in two passes. {@link #headers()} runs before the body is read and
 * refuses what the headers alone condemn, so such a request never holds body memory: missing and
 * mandatory 7029, malformed 7028, timestamp outside the tolerance 7042. {@link #create()} then
 * checks the signature over the exact body bytes before anything parses them: wrong 7028 (and
 * 7042 for a timestamp that went stale while the body arrived).
 */
public final class SignatureHandler implements io.vertx.core.Handler<Exchange> {
    private final boolean overBody;

    private SignatureHandler(boolean overBody) {
        this.overBody = overBody;
    }

    /** The check of the signature headers alone, before the body is read. */
    public static SignatureHandler headers() {
        return new SignatureHandler(false);
    }

    /** The full check, over the body. */
    public static SignatureHandler create() {
        return new SignatureHandler(true);
    }

    @Override
    public void handle(Exchange ex) {
        Endpoint endpoint = ex.endpoint();
        SignatureVerifier verifier = endpoint.signature();
        if (verifier == null) {
            ex.next();
            return;
        }
        long now = System.currentTimeMillis() / 1000;
        SignatureVerifier.Verdict verdict = overBody
                ? verifier.verify(name -> ex.request().getHeader(name), ex.body(), now)
                : verifier.precheck(name -> ex.request().getHeader(name), now);
        switch (verdict) {
            case VALID -> ex.next();
            case MISSING -> {
                if (endpoint.config().signature().mandatory()) {
                    ex.answer(ResponseCode.SIGNATURE_MISSING);
                } else {
                    ex.next();
                }
            }
            case STALE -> ex.answer(ResponseCode.TIMESTAMP_OUT_OF_TOLERANCE);
            default -> ex.answer(ResponseCode.INVALID_SIGNATURE);
        }
    }
}
