package dev.inlet.ingest;

/** Keys under which the ingest handlers pass what they found to the next handler. */
final class IngestContext {
  static final String ENDPOINT = "inlet.endpoint";
  static final String BODY = "inlet.body";
  static final String FORMAT = "inlet.format";
  static final String CODE = "inlet.code";

  private IngestContext() {}

  /** The body as read by {@link BodyReader}: one array, shared by every check and the enqueue. */
  static byte[] bodyBytes(io.vertx.ext.web.RoutingContext ctx) {
    return ctx.get(BODY);
  }
}
