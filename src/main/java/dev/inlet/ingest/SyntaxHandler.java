package dev.inlet.ingest;

import dev.inlet.config.PayloadFormat;
import dev.inlet.variables.PayloadSyntax;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * The body must be well-formed in the endpoint's format (JSON 7000, XML 7027). An {@code auto}
 * endpoint picks the format from Content-Type (7041 when it names neither). Checked with streaming,
 * hardened parsers; bodies above {@link #INLINE_LIMIT} are checked off the event loop.
 */
public final class SyntaxHandler implements io.vertx.core.Handler<RoutingContext> {
  /** Up to this size a streaming check costs well under a millisecond, so it runs inline. */
  static final int INLINE_LIMIT = 64 * 1024;

  private SyntaxHandler() {}

  public static SyntaxHandler create() {
    return new SyntaxHandler();
  }

  @Override
  public void handle(RoutingContext ctx) {
    Endpoint endpoint = ctx.get(IngestContext.ENDPOINT);
    PayloadFormat format = endpoint.config().format().resolve(ctx.request().getHeader("Content-Type"));
    if (format == null) {
      Responses.send(ctx, ResponseCode.UNSUPPORTED_MEDIA_TYPE);
      return;
    }
    ctx.put(IngestContext.FORMAT, format);
    byte[] body = IngestContext.bodyBytes(ctx);
    if (body.length <= INLINE_LIMIT) {
      answer(ctx, format, check(format, body));
    } else {
      ctx.vertx().executeBlocking(() -> check(format, body), false)
          .onComplete(ar -> answer(ctx, format, ar.succeeded() ? ar.result() : Optional.of("check failed")));
    }
  }

  private static Optional<String> check(PayloadFormat format, byte[] bytes) {
    return format == PayloadFormat.XML ? PayloadSyntax.checkXml(bytes) : PayloadSyntax.checkJson(bytes);
  }

  private static void answer(RoutingContext ctx, PayloadFormat format, Optional<String> problem) {
    if (problem.isEmpty()) {
      ctx.next();
    } else {
      Responses.send(ctx, format == PayloadFormat.XML ? ResponseCode.INVALID_XML : ResponseCode.INVALID_JSON);
    }
  }
}
