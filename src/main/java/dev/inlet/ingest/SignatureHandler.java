package dev.inlet.ingest;

import dev.inlet.security.SignatureVerifier;

/**
 * Checks the endpoint's signature over the exact body bytes before anything parses them: missing
 * and mandatory 7029, wrong 7028, timestamp outside the tolerance 7042.
 */
public final class SignatureHandler implements io.vertx.core.Handler<Exchange> {
  private SignatureHandler() {}

  public static SignatureHandler create() {
    return new SignatureHandler();
  }

  @Override
  public void handle(Exchange ex) {
    Endpoint endpoint = ex.endpoint();
    SignatureVerifier verifier = endpoint.signature();
    if (verifier == null) {
      ex.next();
      return;
    }
    SignatureVerifier.Verdict verdict = verifier.verify(
        name -> ex.request().getHeader(name), ex.body(), System.currentTimeMillis() / 1000);
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
