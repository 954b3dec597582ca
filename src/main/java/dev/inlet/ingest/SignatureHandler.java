package dev.inlet.ingest;

import dev.inlet.security.SignatureVerifier;
import io.vertx.ext.web.RoutingContext;

/**
 * Checks the endpoint's signature over the exact body bytes before anything parses them: missing
 * and mandatory 7029, wrong 7028, timestamp outside the tolerance 7042.
 */
public final class SignatureHandler implements io.vertx.core.Handler<RoutingContext> {
  private SignatureHandler() {}

  public static SignatureHandler create() {
    return new SignatureHandler();
  }

  @Override
  public void handle(RoutingContext ctx) {
    Endpoint endpoint = ctx.get(IngestContext.ENDPOINT);
    SignatureVerifier verifier = endpoint.signature();
    if (verifier == null) {
      ctx.next();
      return;
    }
    SignatureVerifier.Verdict verdict = verifier.verify(
        name -> ctx.request().getHeader(name), IngestContext.bodyBytes(ctx), System.currentTimeMillis() / 1000);
    switch (verdict) {
      case VALID -> ctx.next();
      case MISSING -> {
        if (endpoint.config().signature().mandatory()) {
          Responses.send(ctx, ResponseCode.SIGNATURE_MISSING);
        } else {
          ctx.next();
        }
      }
      case STALE -> Responses.send(ctx, ResponseCode.TIMESTAMP_OUT_OF_TOLERANCE);
      default -> Responses.send(ctx, ResponseCode.INVALID_SIGNATURE);
    }
  }
}
