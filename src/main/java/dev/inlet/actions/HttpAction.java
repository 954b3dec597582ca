package dev.inlet.actions;

import dev.inlet.config.Durations;
import dev.inlet.config.PayloadFormat;
import dev.inlet.queue.PermanentFailure;
import dev.inlet.variables.Template;
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
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
 * fails the event for a retry. Failures
 * name the method and the url template without user info, query and fragment, never a rendered
 * URL or a value.
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

    private static final Set<String> KEYS = Set.of("url", "method", "headers", "body", "timeout");
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
    /** Headers that decide where a request goes, how it is framed or how its body is read: never a payload's. */
    private static final Set<String> FIXED_HEADERS =
            Set.of("host", "content-type", "content-length", "transfer-encoding", "connection");
    /** What each reference renders when a template is checked at start-up. */
    private static final String SAMPLE = "x";

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
        return checkOptions(options);
    }

    static List<String> checkOptions(Map<String, Object> options) {
        Options o = new Options(NAME, options);
        o.onlyKeys(KEYS);
        String url = o.requiredText("url");
        if (url != null) {
            checkUrl(url, o.problems());
        }
        String method = o.text("method");
        if (method != null && !METHODS.contains(method.toUpperCase(Locale.ROOT))) {
            o.problems().add("method: \"" + method + "\" is not one of " + String.join(", ", new TreeSet<>(METHODS)));
        }
        o.textMap("headers");
        checkHeaders(options, o.problems());
        Object body = options.get("body");
        if (body instanceof Map || body instanceof List) {
            o.problems().add("body: must be a text (a template); quote a JSON body: body: '{\"id\": \"$data.id\"}'");
        } else if (body != null) {
            Template.parse(body.toString(), bodySyntax(options)).problems().forEach(p -> o.problems()
                    .add("body: " + p));
        }
        o.positiveDuration("timeout");
        return o.problems();
    }

    /** The url must make an http(s) URL with a host whatever the values, which can only go in its path, query or fragment. */
    private static void checkUrl(String url, List<String> problems) {
        Template template = Template.parse(url, TemplateSyntax.URL);
        template.problems().forEach(p -> problems.add("url: " + p));
        if (template.problems().isEmpty()) {
            String why = urlProblem(template.renderSample(SAMPLE));
            if (why != null) {
                problems.add("url: \"" + redacted(url) + "\" " + why);
            }
        }
    }

    private static void checkHeaders(Map<String, Object> options, List<String> problems) {
        if (!(options.get("headers") instanceof Map<?, ?> headers)) {
            return;
        }
        headers.forEach((k, v) -> {
            String name = String.valueOf(k);
            if (!isToken(name)) {
                problems.add("headers." + name + ": is not a header name (letters, digits and !#$%&'*+-.^_`|~)");
            }
            if (v == null || v instanceof Map || v instanceof List) {
                return;
            }
            Template value = Template.parse(v.toString());
            if (value.hasReferences() && FIXED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                problems.add(
                        "headers." + name
                                + ": must not hold a variable; a payload must not decide where a request goes or how it is read");
            }
            if (!isHeaderValue(value.renderSample(SAMPLE))) {
                problems.add("headers." + name + ": holds a control character or a character above U+00FF");
            }
        });
    }

    /** How each templated option is parsed: the url as a URL, the body as its Content-Type or first character says. */
    static Map<String, TemplateSyntax> templateSyntaxes(Map<String, Object> options) {
        return Map.of("url", TemplateSyntax.URL, "body", bodySyntax(options));
    }

    /**
     * The syntax of the body template: from the configured Content-Type (JSON when it names json,
     * XML when it names xml, FORM for {@code application/x-www-form-urlencoded}, else plain text);
     * without one, JSON when the template starts with {@code {} or {@code [}, XML with {@code <},
     * else plain text.
     */
    static TemplateSyntax bodySyntax(Map<String, Object> options) {
        String contentType = configuredContentType(options);
        if (contentType != null) {
            String type = contentType.toLowerCase(Locale.ROOT);
            int semicolon = type.indexOf(';');
            String media = (semicolon >= 0 ? type.substring(0, semicolon) : type).trim();
            return type.contains("json")
                    ? TemplateSyntax.JSON
                    : type.contains("xml")
                            ? TemplateSyntax.XML
                            : media.equals("application/x-www-form-urlencoded")
                                    ? TemplateSyntax.FORM
                                    : TemplateSyntax.TEXT;
        }
        Object body = options.get("body");
        String t = body == null ? "" : body.toString().strip();
        return t.startsWith("{") || t.startsWith("[")
                ? TemplateSyntax.JSON
                : t.startsWith("<") ? TemplateSyntax.XML : TemplateSyntax.TEXT;
    }

    private static String configuredContentType(Map<String, Object> options) {
        if (options.get("headers") instanceof Map<?, ?> headers) {
            for (Map.Entry<?, ?> h : headers.entrySet()) {
                if ("content-type".equalsIgnoreCase(String.valueOf(h.getKey())) && h.getValue() != null) {
                    return h.getValue().toString();
                }
            }
        }
        return null;
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
            String invalid = urlProblem(url);
            if (invalid != null) {
                throw new PermanentFailure("the rendered url " + invalid);
            }
            for (Map.Entry<String, String> header : ctx.renderEach("headers").entrySet()) {
                if (!isHeaderValue(header.getValue())) {
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
                        switch (bodySyntax(ctx.options())) {
                            case JSON -> "application/json";
                            case XML -> "application/xml; charset=utf-8";
                            default -> "text/plain; charset=utf-8";
                        });
            }
            return body;
        }
        Event event = ctx.event();
        if (!headers.contains("Content-Type")) {
            // The media type ingest validated the body as, not the sender's own header.
            headers.set("Content-Type", event.format() == PayloadFormat.XML ? "application/xml" : "application/json");
        }
        return Buffer.buffer(event.body());
    }

    @Override
    public Future<Void> close() {
        client.close();
        return Future.succeededFuture();
    }

    /** How a failure names the request: {@code http POST http://orders.internal:9000/hooks/$data.id}. */
    private static String target(HttpMethod method, Map<String, Object> options) {
        return "http " + method + " " + redacted(String.valueOf(options.get("url")));
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

    /**
     * Why a URL cannot be requested; null when it can: it must parse as a URI, be http or https with
     * a host, and have no path segment that is {@code .} or {@code ..} (also percent-encoded).
     */
    static String urlProblem(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "is not a URL (" + e.getReason() + ")";
        }
        String scheme = uri.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || !hasHost(uri)) {
            return "is not an http:// or https:// URL with a host";
        }
        String path = uri.getRawPath();
        if (path != null) {
            for (String segment : path.split("/", -1)) {
                String s = segment.replace("%2e", ".").replace("%2E", ".");
                if (s.equals(".") || s.equals("..")) {
                    return "has a path segment . or ..";
                }
            }
        }
        return null;
    }

    /** A host java.net.URI parses, or a name such as {@code orders_api} it leaves to a registry-based authority. */
    private static boolean hasHost(URI uri) {
        if (uri.getHost() != null) {
            return true;
        }
        String authority = uri.getRawAuthority();
        if (authority == null) {
            return false;
        }
        String host = authority.substring(authority.lastIndexOf('@') + 1);
        int colon = host.lastIndexOf(':');
        String port = colon >= 0 ? host.substring(colon + 1) : "";
        host = colon >= 0 ? host.substring(0, colon) : host;
        return !host.isEmpty()
                && host.chars()
                        .allMatch(c -> c < 0x80 && (Character.isLetterOrDigit(c) || c == '-' || c == '.' || c == '_'))
                && port.chars().allMatch(Character::isDigit);
    }

    /** Whether a header can carry a value: no control character but HTAB, no DEL, nothing above U+00FF. */
    static boolean isHeaderValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7F || c > 0xFF) {
                return false;
            }
        }
        return true;
    }

    /** An RFC 9110 token, as a header name must be. */
    private static boolean isToken(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c < 0x80 && Character.isLetterOrDigit(c)) && "!#$%&'*+-.^_`|~".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * A url template without user info, query and fragment, which may hold secrets, for errors and
     * logs: {@code http://orders.internal:9000/hooks/$data.id}. A reference's name run may hold
     * {@code #}, which does not start a fragment.
     */
    static String redacted(String template) {
        int scheme = template.indexOf("://");
        if (scheme < 0) {
            return "(not a url)";
        }
        int i = scheme + 3;
        int authorityEnd = i;
        while (authorityEnd < template.length() && "/?#".indexOf(template.charAt(authorityEnd)) < 0) {
            authorityEnd++;
        }
        String authority = template.substring(i, authorityEnd);
        StringBuilder out = new StringBuilder(template.length())
                .append(template, 0, i)
                .append(authority.substring(authority.lastIndexOf('@') + 1));
        i = authorityEnd;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '?' || c == '#') {
                break;
            }
            int end = i + 1;
            if (c == '$') {
                if (end < template.length() && template.charAt(end) == '$') {
                    end++;
                } else {
                    while (end < template.length() && Template.isNameChar(template.charAt(end))) {
                        end++;
                    }
                }
            }
            out.append(template, i, end);
            i = end;
        }
        return out.toString();
    }
}
