package dev.inlet.ingest;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/** Ends a request with one of Inlet's answers; the only place that writes an answer body. */
public final class Responses {
  private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");

  private Responses() {}

  public static void send(RoutingContext ctx, ResponseCode code) {
    send(ctx, code, null, 0);
  }

  /** Sends the answer; {@code retryAfterSeconds} greater than 0 adds a Retry-After header. */
  public static void send(RoutingContext ctx, ResponseCode code, String transid, long retryAfterSeconds) {
    HttpServerResponse res = ctx.response();
    if (res.ended() || res.closed()) {
      return;
    }
    res.setStatusCode(code.httpStatus()).putHeader(HttpHeaders.CONTENT_TYPE, JSON);
    if (retryAfterSeconds > 0) {
      res.putHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
    }
    if (code != ResponseCode.QUEUED && !ctx.request().isEnded()) {
      // The body was not (fully) read: the connection cannot be reused safely.
      res.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
    }
    ctx.put(IngestContext.CODE, code);
    res.end(code.body(transid).toBuffer());
  }
}
