package dev.inlet.ingest;

import dev.inlet.history.HistoryWriter;
import dev.inlet.limits.TransactionLimiter;
import dev.inlet.metrics.InletMetrics;
import dev.inlet.queue.EventAppender;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The webhook routes ({@code POST /v1/webhooks/{endpointId}} and {@code POST /events/{endpointId}})
 * and the checks each request runs, in the order {@link #checks} declares; a GET there runs {@link
 * #getChecks}, which only a GET handshake passes. A request whose endpoint
 * id needs no decoding (the ids Inlet generates, and any id of plain URL characters) goes straight
 * into the chain; any other path is left to the router, which normalises and decodes it and then
 * runs the same chain.
 */
public final class IngestPath {
    /** The routes, in vertx-web's syntax, for the router's share of the requests. */
    public static final List<String> ROUTES = List.of("/v1/webhooks/:endpointId", "/events/:endpointId");

    private static final String[] PREFIXES = {"/v1/webhooks/", "/events/"};

    private final Vertx vertx;
    private final List<Handler<Exchange>> checks;
    private final List<Handler<Exchange>> getChecks;
    private final InletMetrics metrics;
    private final IngestHistory history;

    private IngestPath(
            Vertx vertx,
            List<Handler<Exchange>> checks,
            List<Handler<Exchange>> getChecks,
            InletMetrics metrics,
            IngestHistory history) {
        this.vertx = vertx;
        this.checks = List.copyOf(checks);
        this.getChecks = List.copyOf(getChecks);
        this.metrics = metrics;
        this.history = history;
    }

    /**
     * The webhook path of the event loop of {@code context}, running {@link #checks}.
     *
     * @param directory read per request, so a config reload takes effect without a restart
     * @param bodyTimeout how long a body may take to arrive ({@code server.idleTimeout})
     * @param bodyMemory the process's bound on body bytes in memory
     * @param checkPool where the checks of large bodies run
     * @param history where this event loop's history records go; null keeps none
     */
    public static IngestPath create(
            Vertx vertx,
            Context context,
            Supplier<EndpointDirectory> directory,
            Duration bodyTimeout,
            BodyMemory bodyMemory,
            CheckPool checkPool,
            TransactionLimiter limiter,
            EventAppender appender,
            InletMetrics metrics,
            HistoryWriter history) {
        IngestHistory recorded = history == null ? null : new IngestHistory(history, directory);
        return new IngestPath(
                vertx,
                checks(context, directory, bodyTimeout, bodyMemory, checkPool, limiter, appender, metrics, recorded),
                getChecks(directory),
                metrics,
                recorded);
    }

    /**
     * The checks of every webhook, in the order they run. Each ends the request with its own code
     * or passes it on; the first that refuses answers, so a request that fails an early check never
     * has its body read and never spends its limit. What a check sets on the {@link Exchange}
     * (endpoint, body, format) is there for the checks after it, and reading it earlier fails an
     * assertion (on in tests).
     * <ol>
     *   <li>{@link EndpointHandler}: the path names a configured endpoint (7008); sets the endpoint
     *       and holds the body in the socket.</li>
     *   <li>{@link ServiceStateHandler}: the endpoint's service is active (7007).</li>
     *   <li>{@link IpAllowHandler}: the client address is inside the allow lists (7010).</li>
     *   <li>{@link AuthHandler}: the service key or JWT (7002 absent, 7001 wrong).</li>
     *   <li>{@link HandshakeHandler#unsigned()}: a verification handshake the provider does not
     *       sign (Microsoft Graph's {@code validationToken}), answered here.</li>
     *   <li>{@link SignatureHandler#headers()}: what the signature headers alone condemn (7029, 7028,
     *       7042), before the body, so such a request holds no body memory.</li>
     *   <li>{@link BodyReader}: the body, within {@code maxBodySize} (7040), time (7045) and the
     *       process's body memory (7005); sets the body.</li>
     *   <li>{@link SignatureHandler#create}: the signature over the exact body bytes (7028, 7042).</li>
     *   <li>{@link HandshakeHandler#signed()}: a signed verification handshake (Slack, Zoom,
     *       Twitch, Discord), answered here.</li>
     *   <li>{@link SyntaxHandler}: the format (7041) and its syntax (7000, 7027); sets the format.</li>
     *   <li>{@link LimitHandler}: spends the service's and the endpoint's transaction limits (7020).</li>
     *   <li>{@link EnqueueHandler}: the event into the Redis stream, answered 1002 once Redis has it.</li>
     * </ol>
     */
    static List<Handler<Exchange>> checks(
            Context context,
            Supplier<EndpointDirectory> directory,
            Duration bodyTimeout,
            BodyMemory bodyMemory,
            CheckPool checkPool,
            TransactionLimiter limiter,
            EventAppender appender,
            InletMetrics metrics,
            IngestHistory history) {
        return List.of(
                EndpointHandler.create(directory),
                ServiceStateHandler.create(),
                IpAllowHandler.create(directory),
                AuthHandler.create(),
                HandshakeHandler.unsigned(),
                SignatureHandler.headers(),
                BodyReader.create(context, bodyTimeout, bodyMemory),
                SignatureHandler.create(directory, checkPool),
                HandshakeHandler.signed(),
                SyntaxHandler.create(checkPool),
                LimitHandler.create(limiter),
                EnqueueHandler.create(appender, metrics, checkPool, history));
    }

    /**
     * The checks of a GET, which only a GET handshake (Meta's) passes: the handshake recognised on
     * an endpoint whose preset has it (else 7044, as for any GET), then the service, IP and
     * credential checks of a POST, then its answer.
     */
    static List<Handler<Exchange>> getChecks(Supplier<EndpointDirectory> directory) {
        return List.of(
                HandshakeHandler.route(directory),
                ServiceStateHandler.create(),
                IpAllowHandler.create(directory),
                AuthHandler.create(),
                HandshakeHandler.get());
    }

    /**
     * Runs the checks when the request is a POST (or a GET) to a webhook route with a plain
     * endpoint id; false leaves it to the router.
     */
    public boolean take(HttpServerRequest request) {
        HttpMethod method = request.method();
        if (method != HttpMethod.POST && method != HttpMethod.GET) {
            return false;
        }
        String endpointId = plainEndpointId(request.path());
        if (endpointId == null) {
            return false;
        }
        run(request, endpointId);
        return true;
    }

    /** Runs the checks of a POST or a GET to endpoint {@code endpointId} (as decoded by the router). */
    public void run(HttpServerRequest request, String endpointId) {
        List<Handler<Exchange>> chain = request.method() == HttpMethod.GET ? getChecks : checks;
        new Exchange(vertx, request, endpointId, chain, metrics, history).next();
    }

    /**
     * The endpoint id in {@code path} when it is a webhook route whose id is one segment of
     * unreserved URL characters (RFC 3986: letters, digits, {@code - . _ ~}), which no decoding or
     * normalisation changes; otherwise null.
     */
    static String plainEndpointId(String path) {
        if (path == null) {
            return null;
        }
        for (String prefix : PREFIXES) {
            if (path.startsWith(prefix)) {
                int start = prefix.length();
                if (start == path.length()) {
                    return null;
                }
                for (int i = start; i < path.length(); i++) {
                    if (!unreserved(path.charAt(i))) {
                        return null;
                    }
                }
                String id = path.substring(start);
                // "." and ".." are path segments the router normalises away, not ids.
                return id.equals(".") || id.equals("..") ? null : id;
            }
        }
        return null;
    }

    private static boolean unreserved(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '.'
                || c == '_'
                || c == '~';
    }
}
