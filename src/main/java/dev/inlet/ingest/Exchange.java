package dev.inlet.ingest;

import dev.inlet.config.PayloadFormat;
import dev.inlet.metrics.InletMetrics;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One webhook request on its way through the ingest checks ({@link IngestPath#checks}): the
 * request, what each check found for the ones after it (endpoint, body, format), and its answer.
 * Reading one of those before the check that sets it fails an assertion, so a chain in the wrong
 * order fails loudly wherever assertions are on (in every test run) and costs nothing elsewhere. Each check either ends the
 * exchange with its code and the {@link Diagnosis} of why ({@link #refuse}), accepts it ({@link
 * #accept}), or passes it on ({@link #next}), as vertx-web handlers
 * do with a {@code RoutingContext}; this is that contract without the router, which cost more per
 * event than the checks it routed. Every answer is counted in {@code inlet_requests_total}; every refusal is logged at DEBUG with
 * its endpoint, code and diagnosis; every answer to a configured endpoint goes into its history
 * ({@link IngestHistory}).
 * Confined to the request's event loop.
 */
public final class Exchange {
    private static final Logger LOG = LoggerFactory.getLogger(Exchange.class);

    private final Vertx vertx;
    private final HttpServerRequest request;
    private final String endpointId;
    private final List<Handler<Exchange>> checks;
    private final InletMetrics metrics;
    private final IngestHistory history;
    private final long arrivedNanos = System.nanoTime();
    private int next;
    private boolean answered;
    private Endpoint endpoint;
    private byte[] body;
    private PayloadFormat format;
    /** The request headers as the event history keeps them, when the enqueue wrote them with the event's. */
    private byte[] maskedHeaders;
    /**
     * The refusal, made only when refused: one field, so an accepted exchange allocates nothing more
     * (with compressed references its 12-byte header, 9 references, a long, an int and a boolean
     * take 61 bytes, 65 with this one: 64 and 72 once aligned to 8).
     */
    private Refused refused;

    /** A refusal's code and diagnosis, with the diagnosis's text once read. */
    private static final class Refused {
        final ResponseCode code;
        final Diagnosis diagnosis;
        String text;

        Refused(ResponseCode code, Diagnosis diagnosis) {
            this.code = code;
            this.diagnosis = diagnosis;
        }
    }

    Exchange(
            Vertx vertx,
            HttpServerRequest request,
            String endpointId,
            List<Handler<Exchange>> checks,
            InletMetrics metrics,
            IngestHistory history) {
        this.vertx = vertx;
        this.request = request;
        this.endpointId = endpointId;
        this.checks = checks;
        this.metrics = metrics;
        this.history = history;
    }

    /**
     * Runs the next check. A check that throws ends the exchange with 7005 (retry later), as an
     * unexpected failure must never leave a sender without an answer or show it a stack trace; so
     * does a failed assertion, logged with its message (a check read what no check had set yet).
     */
    public void next() {
        Handler<Exchange> check = checks.get(next++);
        try {
            check.handle(this);
        } catch (RuntimeException | AssertionError e) {
            unexpected(e);
        }
    }

    /**
     * Ends the exchange after a failure no check expected: logged (with its stack trace, for the
     * operator), and 7005 (retry later) for the sender; the diagnosis names the exception's type only.
     */
    void unexpected(Throwable e) {
        LOG.error("unexpected failure on {} {}", request.method(), request.path(), e);
        String type = e.getClass().getSimpleName();
        refuse(
                ResponseCode.INTERNAL_ERROR,
                0,
                1,
                () -> "internal error in the ingest checks (" + type + "); its stack trace is in the ERROR log");
    }

    /**
     * Refuses with {@code code} (its own HTTP status), once (a later call does nothing); {@code
     * diagnosis} says why, for the operator ({@link #diagnosis()}), and is made only when read.
     */
    public void refuse(ResponseCode code, Diagnosis diagnosis) {
        refuse(code, 0, 0, diagnosis);
    }

    /**
     * As {@link #refuse(ResponseCode, Diagnosis)}, with HTTP status {@code httpStatus} instead of the
     * code's own (0 keeps it): a sender that requires another status for a signature refusal
     * (Discord: 401) gets it, with the same code in the body.
     */
    public void refuse(ResponseCode code, int httpStatus, Diagnosis diagnosis) {
        refuse(code, httpStatus, 0, diagnosis);
    }

    /** As {@link #refuse(ResponseCode, Diagnosis)}, adding {@code Retry-After} when {@code retryAfterSeconds} is above 0. */
    public void refuseRetry(ResponseCode code, long retryAfterSeconds, Diagnosis diagnosis) {
        refuse(code, 0, retryAfterSeconds, diagnosis);
    }

    private void refuse(ResponseCode code, int httpStatus, long retryAfterSeconds, Diagnosis why) {
        if (answered) {
            return;
        }
        answered = true;
        refused = new Refused(code, why);
        boolean sent = Responses.send(request, code, httpStatus, null, retryAfterSeconds);
        if (sent) {
            metrics.request(endpoint == null ? InletMetrics.UNKNOWN_ENDPOINT : endpoint.metricsLabel(), code.code());
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug(
                    "endpoint={} code={} refused{}: {}",
                    endpoint == null ? Diagnosis.quote(endpointId) : endpoint.id(),
                    code.code(),
                    sent ? "" : " (connection gone, no answer sent)",
                    diagnosis());
        }
        record(code, null);
    }

    /** Hands the answered exchange to its history, which keeps it when the endpoint's history is on. */
    private void record(ResponseCode code, String transid) {
        if (history != null) {
            try {
                history.record(this, code, transid);
            } catch (RuntimeException e) {
                // The answer is sent; a record that cannot be made must not turn it into a failure.
                LOG.warn("endpoint={} history record not made: {}", endpointId, e.toString());
            }
        }
    }

    /** The code this exchange was refused with; null while it is not (or when it was accepted). */
    public ResponseCode refusal() {
        return refused == null ? null : refused.code;
    }

    /**
     * Why this exchange was refused, one operator-facing sentence (made on first read, then kept);
     * null when it was not refused. Never holds a secret, a credential or a payload value.
     */
    public String diagnosis() {
        if (refused == null) {
            return null;
        }
        if (refused.text == null) {
            try {
                refused.text = refused.diagnosis.text();
            } catch (RuntimeException e) {
                refused.text = "refused " + refused.code.code() + " (its diagnosis failed: "
                        + e.getClass().getSimpleName() + ")";
            }
        }
        return refused.text;
    }

    /** Answers the accepted event {@code transid} (1002) with the endpoint's answer, once, as {@link #refuse}. */
    public void accept(String transid) {
        if (answered) {
            return;
        }
        answered = true;
        if (Responses.accept(request, endpoint().answer(), transid)) {
            metrics.request(endpoint.metricsLabel(), ResponseCode.QUEUED.code());
        }
        record(ResponseCode.QUEUED, transid);
    }

    /**
     * Answers a verification handshake with {@code body}, once, as {@link #refuse}: counted as
     * 1003 and logged (the endpoint and the handshake's name, never a value of it); once, as {@link
     * #refuse}.
     */
    void handshake(Handshake handshake, io.vertx.core.buffer.Buffer body) {
        if (answered) {
            return;
        }
        answered = true;
        if (Responses.handshake(request, handshake.contentType(), body)) {
            metrics.request(endpoint.metricsLabel(), ResponseCode.HANDSHAKE.code());
            LOG.info("endpoint={} answered its {} verification handshake", endpoint.metricsLabel(), handshake.name());
        }
        record(ResponseCode.HANDSHAKE, null);
    }

    public Vertx vertx() {
        return vertx;
    }

    public HttpServerRequest request() {
        return request;
    }

    /** The endpoint id as the path named it (decoded); not yet known to exist. */
    public String endpointId() {
        return endpointId;
    }

    /** The configured endpoint, once {@link EndpointHandler} found it. */
    public Endpoint endpoint() {
        assert endpoint != null : "the endpoint was read before EndpointHandler set it: a check runs out of order";
        return endpoint;
    }

    /** The endpoint when a check found it; null before (or when the path named none). */
    Endpoint endpointOrNull() {
        return endpoint;
    }

    /** The body when it was read; null when the exchange was answered before. */
    byte[] bodyOrNull() {
        return body;
    }

    /** The format when it was resolved; null when the exchange was answered before. */
    PayloadFormat formatOrNull() {
        return format;
    }

    /** The headers' masked form when the enqueue made it ({@link IngestHistory#storedHeaders}); else null. */
    byte[] maskedHeadersOrNull() {
        return maskedHeaders;
    }

    void maskedHeaders(byte[] maskedHeaders) {
        this.maskedHeaders = maskedHeaders;
    }

    /** When the request arrived, epoch ms. */
    long arrivedAt() {
        // Derived from the one clock read every request makes, not a second read on the hot path.
        return System.currentTimeMillis() - (System.nanoTime() - arrivedNanos) / 1_000_000;
    }

    /** When the request arrived, {@link System#nanoTime()}. */
    long arrivedNanos() {
        return arrivedNanos;
    }

    void endpoint(Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** The body as {@link BodyReader} read it: one array, shared by every later check and the enqueue. */
    public byte[] body() {
        assert body != null : "the body was read before BodyReader set it: a check runs out of order";
        return body;
    }

    void body(byte[] body) {
        this.body = body;
    }

    /** The payload format, once {@link SyntaxHandler} resolved it. */
    public PayloadFormat format() {
        assert format != null : "the format was read before SyntaxHandler set it: a check runs out of order";
        return format;
    }

    void format(PayloadFormat format) {
        this.format = format;
    }
}
