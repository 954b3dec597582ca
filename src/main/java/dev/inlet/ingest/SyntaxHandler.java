package dev.inlet.ingest;

import dev.inlet.config.PayloadFormat;
import dev.inlet.variables.PayloadSyntax;
import java.util.Optional;

/**
 * The body must be well-formed in the endpoint's format (JSON 7000, XML 7027). An {@code auto}
 * endpoint picks the format from Content-Type (7041 when it names neither). Checked with streaming,
 * hardened parsers; bodies above {@link #INLINE_LIMIT} are checked off the event loop.
 */
public final class SyntaxHandler implements io.vertx.core.Handler<Exchange> {
  /** Up to this size a streaming check costs well under a millisecond, so it runs inline. */
  static final int INLINE_LIMIT = 64 * 1024;

  private SyntaxHandler() {}

  public static SyntaxHandler create() {
    return new SyntaxHandler();
  }

  @Override
  public void handle(Exchange ex) {
    Endpoint endpoint = ex.endpoint();
    PayloadFormat format = endpoint.config().format().resolve(ex.request().getHeader("Content-Type"));
    if (format == null) {
      ex.answer(ResponseCode.UNSUPPORTED_MEDIA_TYPE);
      return;
    }
    ex.format(format);
    byte[] body = ex.body();
    if (body.length <= INLINE_LIMIT) {
      answer(ex, format, check(format, body));
    } else {
      ex.vertx().executeBlocking(() -> check(format, body), false)
          .onComplete(ar -> answer(ex, format, ar.succeeded() ? ar.result() : Optional.of("check failed")));
    }
  }

  private static Optional<String> check(PayloadFormat format, byte[] bytes) {
    return format == PayloadFormat.XML ? PayloadSyntax.checkXml(bytes) : PayloadSyntax.checkJson(bytes);
  }

  private static void answer(Exchange ex, PayloadFormat format, Optional<String> problem) {
    if (problem.isEmpty()) {
      ex.next();
    } else {
      ex.answer(format == PayloadFormat.XML ? ResponseCode.INVALID_XML : ResponseCode.INVALID_JSON);
    }
  }
}
