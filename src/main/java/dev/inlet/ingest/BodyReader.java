package dev.inlet.ingest;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;

/**
 * Reads the body once, as raw bytes, capped while it streams at the endpoint's {@code maxBodySize}
 * (over it: 7040 / 413 at once, without reading the rest) and bounded in time (7045 / 408), so a
 * slow or endless body cannot hold a connection.
 */
public final class BodyReader implements io.vertx.core.Handler<RoutingContext> {
  private final long timeoutMillis;

  private BodyReader(Duration timeout) {
    this.timeoutMillis = timeout.toMillis();
  }

  public static BodyReader create(Duration timeout) {
    return new BodyReader(timeout);
  }

  @Override
  public void handle(RoutingContext ctx) {
    Endpoint endpoint = ctx.get(IngestContext.ENDPOINT);
    long limit = endpoint.config().maxBodySize();
    HttpServerRequest req = ctx.request();
    long declared = declaredLength(req);
    if (declared > limit) {
      Responses.send(ctx, ResponseCode.PAYLOAD_TOO_LARGE);
      return;
    }
    if (req.isEnded()) {
      ctx.put(IngestContext.BODY, Buffer.buffer());
      ctx.next();
      return;
    }
    Buffer body = Buffer.buffer((int) Math.min(declared > 0 ? declared : 4096, limit));
    Vertx vertx = ctx.vertx();
    boolean[] done = {false};
    long timer = vertx.setTimer(timeoutMillis, t -> {
      if (!done[0]) {
        done[0] = true;
        Responses.send(ctx, ResponseCode.REQUEST_TIMEOUT);
      }
    });
    req.handler(chunk -> {
      if (done[0]) {
        return;
      }
      if (body.length() + chunk.length() > limit) {
        done[0] = true;
        vertx.cancelTimer(timer);
        Responses.send(ctx, ResponseCode.PAYLOAD_TOO_LARGE);
        return;
      }
      body.appendBuffer(chunk);
    });
    req.exceptionHandler(err -> {
      if (!done[0]) {
        done[0] = true;
        vertx.cancelTimer(timer);
        ctx.response().reset();
      }
    });
    req.endHandler(v -> {
      if (!done[0]) {
        done[0] = true;
        vertx.cancelTimer(timer);
        ctx.put(IngestContext.BODY, body);
        ctx.next();
      }
    });
    req.resume();
  }

  private static long declaredLength(HttpServerRequest req) {
    String cl = req.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (cl == null) {
      return -1;
    }
    try {
      return Long.parseLong(cl.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
