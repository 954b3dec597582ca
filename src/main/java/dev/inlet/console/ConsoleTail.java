package dev.inlet.console;

import dev.inlet.admin.AdminAnswers;
import dev.inlet.admin.HistoryFeed;
import dev.inlet.config.EndpointConfig;
import dev.inlet.ingest.ResponseCode;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * {@code GET /console/api/endpoints/{id}/tail}: the endpoint's new history records as Server-Sent
 * Events ({@code id: <event id>}, {@code event: record}, {@code data:} the list's JSON of it, one
 * line), oldest first, from the moment of connecting or after {@code Last-Event-ID}. Each open
 * tail reads the records stream after its cursor once every {@link #POLL_MILLIS} (at once again
 * while a read comes back full), and sends a comment every {@link #KEEPALIVE_MILLIS} so proxies
 * keep it open. At most {@link #MAX_TAILS} at once in the process (more: 7020 / 429). It ends when
 * the client goes, when the session ends, and it reads nothing while the client is not taking what
 * was sent (the write queue full), so a slow client costs no memory.
 */
final class ConsoleTail implements Handler<RoutingContext> {
    static final int MAX_TAILS = 32;
    static final long POLL_MILLIS = 1_000;
    static final long KEEPALIVE_MILLIS = 15_000;

    private final HistoryFeed feed;
    private final Predicate<Sessions.Session> live;
    private final AtomicInteger open = new AtomicInteger();

    /** @param live whether a session still holds (the tail ends with it) */
    ConsoleTail(HistoryFeed feed, Predicate<Sessions.Session> live) {
        this.feed = feed;
        this.live = live;
    }

    @Override
    public void handle(RoutingContext ctx) {
        EndpointConfig endpoint = feed.endpoint(ctx);
        if (endpoint == null) {
            return;
        }
        String last = ctx.request().getHeader("Last-Event-ID");
        if (last != null && !last.isEmpty() && !HistoryFeed.isEventId(last)) {
            AdminAnswers.refuse(ctx, ResponseCode.BAD_REQUEST, "Last-Event-ID must be a history id (1718…-0.0)");
            return;
        }
        if (open.incrementAndGet() > MAX_TAILS) {
            open.decrementAndGet();
            ctx.response().putHeader(HttpHeaders.RETRY_AFTER, "5");
            AdminAnswers.refuse(ctx, ResponseCode.LIMIT_REACHED, MAX_TAILS + " tails are open in this process");
            return;
        }
        Future<String> start = last == null || last.isEmpty() ? feed.now(endpoint) : Future.succeededFuture(last);
        start.onComplete(ar -> {
            if (ar.failed() || ctx.response().closed()) {
                open.decrementAndGet();
                if (ar.failed()) {
                    AdminAnswers.refuse(ctx, ResponseCode.INTERNAL_ERROR, "Redis did not answer the tail's first read");
                }
                return;
            }
            new Tail(ctx, endpoint, ar.result()).begin();
        });
    }

    /** One open tail, on its request's event loop. */
    private final class Tail {
        private final RoutingContext ctx;
        private final HttpServerResponse res;
        private final Vertx vertx;
        private final EndpointConfig endpoint;
        private final Sessions.Session session;
        private String cursor;
        private boolean reading;
        private boolean closed;
        private long poll = -1;
        private long keepalive = -1;

        Tail(RoutingContext ctx, EndpointConfig endpoint, String cursor) {
            this.ctx = ctx;
            this.res = ctx.response();
            this.vertx = ctx.vertx();
            this.endpoint = endpoint;
            this.session = ConsoleSession.session(ctx);
            this.cursor = cursor;
        }

        void begin() {
            res.setChunked(true)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                    .putHeader("X-Accel-Buffering", "no");
            res.closeHandler(v -> close());
            res.exceptionHandler(err -> close());
            res.write(": tail of endpoint " + endpoint.id() + "\nretry: 2000\n\n");
            poll = vertx.setPeriodic(0, POLL_MILLIS, t -> read());
            keepalive = vertx.setPeriodic(KEEPALIVE_MILLIS, KEEPALIVE_MILLIS, t -> {
                if (!res.writeQueueFull()) {
                    res.write(": keepalive\n\n");
                }
            });
        }

        private void read() {
            if (closed || reading || res.writeQueueFull()) {
                return;
            }
            if (session == null || !live.test(session)) {
                close();
                res.end();
                return;
            }
            reading = true;
            feed.after(endpoint, cursor).onComplete(ar -> {
                reading = false;
                if (closed || ar.failed()) {
                    return;
                }
                HistoryFeed.Batch batch = ar.result();
                Buffer out = Buffer.buffer();
                for (int i = 0; i < batch.ids().size(); i++) {
                    JsonObject event = batch.events().get(i);
                    // encode() escapes every line break, so a record is one data line whatever it holds.
                    out.appendString("id: " + batch.ids().get(i) + "\nevent: record\ndata: " + event.encode() + "\n\n");
                }
                cursor = batch.cursor();
                if (out.length() > 0) {
                    res.write(out);
                }
                if (batch.more()) {
                    read();
                }
            });
        }

        private void close() {
            if (closed) {
                return;
            }
            closed = true;
            vertx.cancelTimer(poll);
            vertx.cancelTimer(keepalive);
            open.decrementAndGet();
        }
    }
}
