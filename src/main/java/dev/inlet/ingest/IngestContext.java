package dev.inlet.ingest;

/** Keys under which the ingest handlers pass what they found to the next handler. */
final class IngestContext {
  static final String ENDPOINT = "inlet.endpoint";
  static final String BODY = "inlet.body";
  static final String FORMAT = "inlet.format";
  static final String CODE = "inlet.code";
  private static final String BODY_BYTES = "inlet.bodyBytes";

  private IngestContext() {}

  /** The body as bytes, copied out of its buffer once per request however many checks read it. */
  static byte[] bodyBytes(io.vertx.ext.web.RoutingContext ctx) {
    byte[] bytes = ctx.get(BODY_BYTES);
    if (bytes == null) {
      bytes = ctx.<io.vertx.core.buffer.Buffer>get(BODY).getBytes();
      ctx.put(BODY_BYTES, bytes);
    }
    return bytes;
  }
}
