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
 * exchange with its code ({@link #answer}) or passes it on ({@link #next}), as vertx-web handlers
 * do with a {@code RoutingContext}; this is that contract without the router, which cost more per
 * event than the checks it routed. Every answer is counted in {@code inlet_requests_total}.
 * Confined to the request's event loop.
 */
public final class Exchange {
    private static final Logger LOG = LoggerFactory.getLogger(Exchange.class);

    private final Vertx vertx;
    private final HttpServerRequest request;
    private final String endpointId;
    private final List<Handler<Exchange>> checks;
    private final InletMetrics metrics;
    private int next;
    private boolean answered;
    private Endpoint endpoint;
    private byte[] body;
    private PayloadFormat format;

    Exchange(
            Vertx vertx,
            HttpServerRequest request,
            String endpointId,
            List<Handler<Exchange>> checks,
            InletMetrics metrics) {
        this.vertx = vertx;
        this.request = request;
        this.endpointId = endpointId;
        this.checks = checks;
        this.metrics = metrics;
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

    /** Ends the exchange after a failure no check expected: logged, and 7005 (retry later) for the sender. */
    void unexpected(Throwable e) {
        LOG.error("unexpected failure on {} {}", request.method(), request.path(), e);
        answer(ResponseCode.INTERNAL_ERROR, null, 1);
    }

    public void answer(ResponseCode code) {
        answer(code, null, 0);
    }

    /** Answers once (a later call does nothing); {@code retryAfterSeconds} above 0 adds Retry-After. */
    public void answer(ResponseCode code, String transid, long retryAfterSeconds) {
        refuse(code, 0, transid, retryAfterSeconds);
    }

    /**
     * Answers {@code code} with HTTP status {@code httpStatus} instead of the code's own (0 keeps
     * it), once, as {@link #answer}: a sender that requires another status for a signature refusal
     * (Discord: 401) gets it, with the same code in the body.
     */
    public void refuse(ResponseCode code, int httpStatus) {
        refuse(code, httpStatus, null, 0);
    }

    private void refuse(ResponseCode code, int httpStatus, String transid, long retryAfterSeconds) {
        if (answered) {
            return;
        }
        answered = true;
        if (Responses.send(request, code, httpStatus, transid, retryAfterSeconds)) {
            metrics.request(endpoint == null ? InletMetrics.UNKNOWN_ENDPOINT : endpoint.metricsLabel(), code.code());
        }
    }

    /** Answers the accepted event {@code transid} (1002) with the endpoint's answer, once, as {@link #answer}. */
    public void accept(String transid) {
        if (answered) {
            return;
        }
        answered = true;
        if (Responses.accept(request, endpoint().answer(), transid)) {
            metrics.request(endpoint.metricsLabel(), ResponseCode.QUEUED.code());
        }
    }

    /**
     * Answers a verification handshake with {@code body}, once, as {@link #answer}: counted as
     * 1003 and logged (the endpoint and the handshake's name, never a value of it).
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
