package dev.inlet.actions;

import dev.inlet.config.Durations;
import dev.inlet.queue.PermanentFailure;
import dev.inlet.variables.MalformedPayloadException;
import dev.inlet.variables.PayloadSyntax;
import dev.inlet.variables.TemplateSyntax;
import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Built-in {@code http}: sends the event to a URL. Keys: {@code url} (required, a {@link TemplateSyntax#URL}
 * template), {@code method} (POST), {@code headers} (values templated), {@code body} (a template
 * whose syntax the Content-Type header decides, or else its first character; absent = the raw
 * payload as {@code application/json} or {@code application/xml}), {@code timeout} (10s). Every
 * request carries {@code X-Inlet-Transid} so receivers can drop the repeats that at-least-once
 * delivery brings.
 *
 * <p>A request that can never be valid fails permanently before it borrows a connection: a value
 * that cannot go where its reference stands, a rendered URL that is not an http(s) URL with a host
 * or has a {@code .} or {@code ..} path segment, a header value a header cannot carry. A non-2xx
 * answer, no free connection (at most {@link #MAX_CONNECTIONS_PER_DESTINATION} per destination, and
 * {@link #MAX_WAITING_PER_DESTINATION} requests waiting for one), a connection error or a timeout
 * fails the event for a retry. Failures name the method and the url template without user info,
 * query and fragment, never a rendered URL or a value. What the options may be, and what a rendered
 * request must be, is {@link HttpActionOptions}.
 */
final class HttpAction implements Action {
    static final String NAME = "http";
    static final String TRANSID_HEADER = "X-Inlet-Transid";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** The TCP connect timeout. */
    static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    /** Connections one worker verticle keeps to one destination (scheme, host, port) at most. */
    static final int MAX_CONNECTIONS_PER_DESTINATION = 16;
    /**
     * Requests of one worker verticle that wait for a connection to one destination, at most (Vert.x
     * counts those whose connection is still being opened among them); the next fails at once. Twice
     * the default {@code workers.batchSize}, what one verticle holds in flight by default, so only a
     * larger batch or several requests per event to one destination reach it.
     */
    static final int MAX_WAITING_PER_DESTINATION = 128;

    private final WebClient client;

    HttpAction(WebClient client) {
        this.client = client;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> check(Map<String, Object> options) {
        return HttpActionOptions.check(options);
    }

    @Override
    public boolean blocking() {
        return false;
    }

    @Override
    public Future<Void> run(ActionContext ctx) {
        Map<String, Object> options = ctx.options();
        HttpMethod method = HttpMethod.valueOf(
                String.valueOf(options.getOrDefault("method", "POST")).toUpperCase(Locale.ROOT));
        Object timeoutOption = options.get("timeout");
        long timeout = (timeoutOption == null ? DEFAULT_TIMEOUT : Durations.parse(timeoutOption.toString())).toMillis();

        String url;
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        Buffer body;
        try {
            url = ctx.render("url");
            String invalid = HttpActionOptions.urlProblem(url);
            if (invalid != null) {
                throw new PermanentFailure("the rendered url " + invalid);
            }
            for (Map.Entry<String, String> header : ctx.renderEach("headers").entrySet()) {
                if (!HttpActionOptions.isHeaderValue(header.getValue())) {
                    throw new PermanentFailure("header " + header.getKey()
                            + ": the rendered value holds a control character or a character above U+00FF");
                }
                headers.add(header.getKey(), header.getValue());
            }
            body = body(ctx, headers);
        } catch (PermanentFailure e) {
            return Future.failedFuture(new PermanentFailure(target(method, options) + ": " + e.getMessage()));
        }
        headers.set(TRANSID_HEADER, ctx.event().transid());

        HttpRequest<Buffer> request;
        try {
            request = client.requestAbs(method, url);
        } catch (RuntimeException e) {
            return Future.failedFuture(
                    new PermanentFailure(target(method, options) + ": the rendered url is not usable"));
        }
        request.putHeaders(headers).timeout(timeout);
        Future<HttpResponse<Buffer>> sent =
                method == HttpMethod.GET || method == HttpMethod.HEAD ? request.send() : request.sendBuffer(body);
        return sent.transform(ar -> {
            if (ar.failed()) {
                return Future.failedFuture(target(method, options) + ": " + why(ar.cause(), timeout));
            }
            int status = ar.result().statusCode();
            ctx.answered(status);
            if (status < 200 || status > 299) {
                return Future.failedFuture(target(method, options) + ": answered " + status);
            }
            return Future.succeededFuture();
        });
    }

    /** The body as its template renders it, or the raw payload; sets the Content-Type the config does not. */
    private static Buffer body(ActionContext ctx, MultiMap headers) {
        if (ctx.options().containsKey("body")) {
            Buffer body = Buffer.buffer(ctx.render("body"));
            if (!headers.contains("Content-Type")) {
                headers.set(
                        "Content-Type",
                        switch (HttpActionOptions.bodySyntax(ctx.options())) {
                            case JSON -> "application/json";
                            case XML -> "application/xml; charset=utf-8";
                            default -> "text/plain; charset=utf-8";
                        });
            }
            return body;
        }
        Event event = ctx.event();
        if (!headers.contains("Content-Type")) {
            // The media type ingest validated the body as, not the sender's own header; a multipart
            // body keeps its boundary, without which its bytes cannot be read.
            headers.set(
                    "Content-Type",
                    switch (event.format()) {
                        case XML -> "application/xml";
                        case FORM -> "application/x-www-form-urlencoded";
                        case MULTIPART -> multipartMediaType(event);
                        default -> "application/json";
                    });
        }
        return Buffer.buffer(event.body());
    }

    private static String multipartMediaType(Event event) {
        try {
            return PayloadSyntax.multipartMediaType(event.contentType());
        } catch (MalformedPayloadException e) {
            // Ingest checked it: only an entry written by something else can get here.
            throw new PermanentFailure("the multipart body's Content-Type names no valid boundary");
        }
    }

    @Override
    public Future<Void> close() {
        client.close();
        return Future.succeededFuture();
    }

    /** How a failure names the request: {@code http POST http://orders.internal:9000/hooks/$data.id}. */
    private static String target(HttpMethod method, Map<String, Object> options) {
        return "http " + method + " " + HttpActionOptions.redacted(String.valueOf(options.get("url")));
    }

    /**
     * Why a request got no answer, in words of our own: Vert.x's messages quote the request URI,
     * which holds payload values.
     */
    static String why(Throwable cause, long timeout) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof ConnectionPoolTooBusyException) {
                return "no connection free (" + MAX_CONNECTIONS_PER_DESTINATION + " in use and "
                        + MAX_WAITING_PER_DESTINATION + " requests waiting for this destination)";
            }
            if (t instanceof TimeoutException) {
                // Vert.x: "The timeout of N ms has been exceeded when getting a connection to ..."
                // (SharedHttpClientConnectionGroup).
                return String.valueOf(t.getMessage()).contains("getting a connection")
                        ? "no connection free within " + timeout + " ms"
                        : "no answer within " + timeout + " ms";
            }
            if (t instanceof ConnectTimeoutException) {
                return "could not connect within " + CONNECT_TIMEOUT_MILLIS + " ms";
            }
            if (t instanceof ConnectException) {
                return "could not connect";
            }
            if (t instanceof UnknownHostException) {
                return "unknown host";
            }
            if (t instanceof HttpClosedException) {
                return "the connection closed before the answer";
            }
            if (t instanceof SSLException) {
                return "TLS failed";
            }
        }
        return "failed (" + cause.getClass().getSimpleName() + ")";
    }
}
