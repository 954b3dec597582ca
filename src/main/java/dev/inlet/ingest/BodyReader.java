package dev.inlet.ingest;

import dev.inlet.redis.RoundBatcher;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import java.time.Duration;
import java.util.Arrays;

/**
 * Reads the body once, straight into one byte array, capped while it streams at the endpoint's
 * {@code maxBodySize} (a declared length over it: 7040 / 413 before a byte is read; a body that
 * streams past it: 7040 at once, without reading the rest), bounded in time (7045 / 408), and
 * within the process's {@link BodyMemory} (over it: 7005 / 503, retry later), so neither a slow or
 * endless body nor a burst of large ones can hold a connection or the heap.
 *
 * <p>Memory is reserved as bytes arrive, never for a declared length alone: nothing until the
 * first bytes, then an array of what arrived (at least {@link #FIRST_CAPACITY}, at most the
 * declared length), doubled as more arrives. A body that comes whole with its first bytes, as
 * small webhooks do, takes one allocation of exactly its length; a sender who declares a large
 * length and sends little holds at most twice what it sent (or {@code FIRST_CAPACITY}).
 *
 * <p>{@code Expect: 100-continue} (.NET, PHP's Guzzle and curl send it before larger bodies, then
 * wait for {@code 100 Continue} up to a second) is answered here, when every check that needs no
 * body has passed and the declared length fits: a request refused earlier gets its final answer
 * without {@code 100}, and its body is never read. An HTTP/1.0 request's {@code Expect} is ignored
 * (RFC 9110, 10.1.1); any other expectation is answered 7050 / 417 Expectation Failed, which RFC
 * 9110 allows and Go's, Node's and Jetty's servers do, rather than reading a body whose sender asked
 * for something Inlet does not do. A request without {@code Expect} pays one header lookup.
 */
public final class BodyReader implements io.vertx.core.Handler<Exchange> {
    /** The smallest array a body that arrives in parts starts with. */
    static final int FIRST_CAPACITY = 4 * 1024;

    private static final byte[] EMPTY = new byte[0];

    private final long timeoutMillis;
    private final BodyMemory memory;
    /** Reads started in this round of I/O, whose timers are armed after it if their bodies are still missing. */
    private final RoundBatcher<Read> started;

    private BodyReader(Context context, Duration timeout, BodyMemory memory) {
        this.timeoutMillis = timeout.toMillis();
        this.memory = memory;
        this.started = RoundBatcher.unbounded(context, reads -> reads.forEach(Read::armTimer));
    }

    /** For the requests of the event loop of {@code context}. */
    public static BodyReader create(Context context, Duration timeout, BodyMemory memory) {
        return new BodyReader(context, timeout, memory);
    }

    @Override
    public void handle(Exchange ex) {
        Endpoint endpoint = ex.endpoint();
        long limit = endpoint.config().maxBodySize();
        HttpServerRequest req = ex.request();
        long declared = declaredLength(req);
        if (declared > limit) {
            ex.refuse(
                    ResponseCode.PAYLOAD_TOO_LARGE,
                    () -> "Content-Length " + declared + " bytes is over the endpoint's maxBodySize " + limit
                            + " bytes; the body was not read");
            return;
        }
        String expect = req.getHeader(HttpHeaders.EXPECT);
        if (expect != null && req.version() != HttpVersion.HTTP_1_0 && !meet(req)) {
            ex.refuse(
                    ResponseCode.EXPECTATION_FAILED,
                    () -> "Expect " + Diagnosis.quote(expect) + " is not 100-continue; the body was not read");
            return;
        }
        if (req.isEnded()) {
            ex.body(EMPTY);
            ex.next();
            return;
        }
        new Read(ex, limit, declared).start();
    }

    /** One body being read: its bytes, the memory it holds, and how it ends. */
    private final class Read {
        private final Exchange ex;
        private final long limit;
        private final long declared;
        private byte[] bytes;
        private int length;
        private long reserved;
        private boolean done;
        private long timer = -1;

        Read(Exchange ex, long limit, long declared) {
            this.ex = ex;
            this.limit = limit;
            this.declared = declared;
        }

        void start() {
            // Called once the answer is written, or the connection closes before it is.
            ex.request().response().endHandler(v -> memory.release(reserved));
            HttpServerRequest req = ex.request();
            req.handler(this::chunk);
            req.exceptionHandler(err -> {
                if (finish()) {
                    // No one may be left to answer, but the refusal is logged and recorded all the
                    // same: a sender that says its body never arrived finds why in the history.
                    String cause = err.getClass().getSimpleName();
                    ex.refuse(
                            ResponseCode.REQUEST_TIMEOUT,
                            () -> "the connection ended before the body arrived (" + cause + "): " + length
                                    + " bytes received" + (declared >= 0 ? " of the " + declared + " declared" : "")
                                    + "; the client went away, or server.idleTimeout (" + timeoutMillis
                                    + " ms) closed it first");
                    ex.request().response().reset();
                }
            });
            req.endHandler(v -> {
                if (finish()) {
                    ex.body(bytes == null ? EMPTY : length == bytes.length ? bytes : Arrays.copyOf(bytes, length));
                    ex.next();
                }
            });
            req.resume();
            if (!done) {
                // A small body usually came in the same read as its head, and Netty decodes it right after
                // this handler returns: only a body still missing after that needs the timer (arming and
                // cancelling one per request costs more than a look after the round). One task per round
                // of I/O looks at all the reads it started.
                started.add(this);
            }
        }

        private void armTimer() {
            if (!done) {
                timer = ex.vertx()
                        .setTimer(
                                timeoutMillis,
                                t -> end(
                                        ResponseCode.REQUEST_TIMEOUT,
                                        () -> "the body did not arrive within server.idleTimeout (" + timeoutMillis
                                                + " ms): " + length + " bytes received"
                                                + (declared >= 0 ? " of the " + declared + " declared" : "")));
            }
        }

        /** Marks the read done (once; false when it already was) and cancels its timer. */
        private boolean finish() {
            if (done) {
                return false;
            }
            done = true;
            if (timer >= 0) {
                ex.vertx().cancelTimer(timer);
            }
            return true;
        }

        private void chunk(Buffer chunk) {
            if (done) {
                return;
            }
            int needed = length + chunk.length();
            if (needed > limit) {
                end(
                        ResponseCode.PAYLOAD_TOO_LARGE,
                        () -> "the body streamed past the endpoint's maxBodySize " + limit + " bytes ("
                                + (declared >= 0 ? "Content-Length " + declared : "no Content-Length")
                                + "); the rest was not read");
                return;
            }
            int capacity = bytes == null ? 0 : bytes.length;
            if (needed > capacity) {
                // Up to the declared length; past it (HTTP/2 may send more than it declared) or without one, up to the
                // limit.
                long bound = declared >= needed ? declared : limit;
                int next = (int) Math.min(
                        bound,
                        bytes == null && needed == declared
                                ? needed
                                : Math.max(needed, Math.max(2L * capacity, FIRST_CAPACITY)));
                if (!grow(next - capacity)) {
                    finish();
                    return;
                }
                bytes = bytes == null ? new byte[next] : Arrays.copyOf(bytes, next);
            }
            chunk.getBytes(0, chunk.length(), bytes, length);
            length = needed;
        }

        /** Reserves {@code more} bytes of body memory; when they do not fit, answers 7005. */
        private boolean grow(long more) {
            if (!memory.reserve(more)) {
                long held = reserved;
                ex.refuseRetry(
                        ResponseCode.INTERNAL_ERROR,
                        1,
                        () -> "the process's body memory (" + memory.capacity() + " bytes) is full: " + more
                                + " more bytes for this body (holding " + held + ") did not fit; retry later");
                return false;
            }
            reserved += more;
            return true;
        }

        private void end(ResponseCode code, Diagnosis diagnosis) {
            if (finish()) {
                ex.refuse(code, diagnosis);
            }
        }
    }

    /**
     * Meets the request's expectations: {@code 100-continue} (any case, RFC 9110) is answered
     * {@code 100 Continue} unless the body is already here; empty members are none. False when
     * one is anything else.
     */
    private static boolean meet(HttpServerRequest req) {
        boolean continueExpected = false;
        for (String value : req.headers().getAll(HttpHeaders.EXPECT)) {
            for (String member : value.split(",", -1)) {
                String expectation = member.trim();
                if (expectation.equalsIgnoreCase("100-continue")) {
                    continueExpected = true;
                } else if (!expectation.isEmpty()) {
                    return false;
                }
            }
        }
        if (continueExpected && !req.isEnded()) {
            req.response().writeContinue();
        }
        return true;
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
