package dev.inlet.ingest;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

/** Ends a request with one of Inlet's answers; the only place that writes an answer body. */
public final class Responses {
    static final CharSequence JSON = HttpHeaders.createOptimized("application/json");
    private static final CharSequence NOSNIFF_HEADER = HttpHeaders.createOptimized("X-Content-Type-Options");
    private static final CharSequence NOSNIFF = HttpHeaders.createOptimized("nosniff");
    private static final CharSequence NO_STORE = HttpHeaders.createOptimized("no-store");

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
        return send(req, code, 0, transid, retryAfterSeconds);
    }

    /** As {@link #send(HttpServerRequest, ResponseCode, String, long)}, with {@code httpStatus} (0: the code's own). */
    static boolean send(
            HttpServerRequest req, ResponseCode code, int httpStatus, String transid, long retryAfterSeconds) {
        HttpServerResponse res = req.response();
        if (res.ended() || res.closed()) {
            return false;
        }
        res.setStatusCode(httpStatus > 0 ? httpStatus : code.httpStatus()).putHeader(HttpHeaders.CONTENT_TYPE, JSON);
        if (retryAfterSeconds > 0) {
            res.putHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        }
        end(req, res, code != ResponseCode.QUEUED && !req.isEnded(), code.encodedBody(transid));
        return true;
    }

    /**
     * Answers an accepted event, its body read, with the endpoint's {@code answer} for {@code
     * transid} (also the first transid of a repeated idempotency key). False as for {@link #send}.
     */
    static boolean accept(HttpServerRequest req, SuccessAnswer answer, String transid) {
        HttpServerResponse res = req.response();
        if (res.ended() || res.closed()) {
            return false;
        }
        res.setStatusCode(answer.status());
        if (answer.contentType() != null) {
            res.putHeader(HttpHeaders.CONTENT_TYPE, answer.contentType());
        }
        end(req, res, false, answer.body(transid));
        return true;
    }

    /**
     * Answers a verification handshake: 200 with exactly {@code body} as {@code contentType}, not
     * to be sniffed as anything else or cached. False as for {@link #send}.
     */
    static boolean handshake(HttpServerRequest req, CharSequence contentType, Buffer body) {
        HttpServerResponse res = req.response();
        if (res.ended() || res.closed()) {
            return false;
        }
        res.setStatusCode(200)
                .putHeader(HttpHeaders.CONTENT_TYPE, contentType)
                .putHeader(NOSNIFF_HEADER, NOSNIFF)
                .putHeader(HttpHeaders.CACHE_CONTROL, NO_STORE);
        end(req, res, !req.isEnded(), body);
        return true;
    }

    /** Ends {@code res} with {@code body} (null: none); one whose body was left unread closes its connection. */
    private static void end(HttpServerRequest req, HttpServerResponse res, boolean bodyUnread, Buffer body) {
        if (bodyUnread) {
            // The body was not (fully) read: the connection cannot be reused safely.
            res.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        }
        Future<Void> written = body == null ? res.end() : res.end(body);
        if (bodyUnread && req.version() != HttpVersion.HTTP_2) {
            // Vert.x keeps an HTTP/1.x connection open until its request ends, which an oversized,
            // slow or endless body never does: close it once the answer is out.
            written.onComplete(v -> req.connection().close());
        }
    }
}
