package dev.inlet.admin;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads the parse route's sample body exactly as sent, up to a limit: over it, declared or while
 * streaming, the route fails with 413 (answered 7040) and the rest is dropped unread. vertx-web's
 * {@code BodyHandler} cannot serve here: it hands a form or multipart body to its form decoder and
 * keeps no multipart byte, so a multipart sample would arrive empty.
 */
public final class SampleBody implements Handler<RoutingContext> {
    private static final String KEY = "inlet.sampleBody";

    private final long limit;

    private SampleBody(long limit) {
        this.limit = limit;
    }

    public static SampleBody create(long limit) {
        return new SampleBody(limit);
    }

    /** The sample's bytes as this handler read them. */
    public static byte[] of(RoutingContext ctx) {
        Buffer body = ctx.get(KEY);
        return body == null ? new byte[0] : body.getBytes();
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (declared(request) > limit) {
            ctx.fail(413);
            return;
        }
        if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
            ctx.response().writeContinue();
        }
        if (request.isEnded()) {
            ctx.next();
            return;
        }
        Buffer body = Buffer.buffer();
        boolean[] over = {false};
        request.handler(chunk -> {
            if (over[0]) {
                return;
            }
            if (body.length() + (long) chunk.length() > limit) {
                over[0] = true;
                ctx.fail(413);
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(end -> {
            if (!over[0]) {
                ctx.put(KEY, body);
                ctx.next();
            }
        });
        // The router paused the request until a handler reads it.
        request.resume();
    }

    /** The Content-Length, or -1 without one (the HTTP codec refused one that is not a number). */
    private static long declared(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return length == null ? -1 : Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
