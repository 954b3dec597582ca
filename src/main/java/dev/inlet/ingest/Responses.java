package dev.inlet.ingest;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

/** Ends a request with one of Inlet's answers; the only place that writes an answer body. */
public final class Responses {
    private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");

    private Responses() {}

    public static void send(RoutingContext ctx, ResponseCode code) {
        send(ctx.request(), code, null, 0);
    }

    /** Sends the answer; {@code retryAfterSeconds} greater than 0 adds a Retry-After header. */
    public static void send(RoutingContext ctx, ResponseCode code, String transid, long retryAfterSeconds) {
        send(ctx.request(), code, transid, retryAfterSeconds);
    }

    /**
     * Sends the answer to {@code req}; {@code retryAfterSeconds} greater than 0 adds a Retry-After
     * header. False when nothing was sent: the response had already ended, or its connection closed.
     */
    static boolean send(HttpServerRequest req, ResponseCode code, String transid, long retryAfterSeconds) {
        HttpServerResponse res = req.response();
        if (res.ended() || res.closed()) {
            return false;
        }
        res.setStatusCode(code.httpStatus()).putHeader(HttpHeaders.CONTENT_TYPE, JSON);
        if (retryAfterSeconds > 0) {
            res.putHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        }
        boolean bodyUnread = code != ResponseCode.QUEUED && !req.isEnded();
        if (bodyUnread) {
            // The body was not (fully) read: the connection cannot be reused safely.
            res.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        }
        Future<Void> written = res.end(code.encodedBody(transid));
        if (bodyUnread && req.version() != HttpVersion.HTTP_2) {
            // Vert.x keeps an HTTP/1.x connection open until its request ends, which an oversized,
            // slow or endless body never does: close it once the answer is out.
            written.onComplete(v -> req.connection().close());
        }
        return true;
    }
}
