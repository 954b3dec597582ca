package dev.inlet.console;

import dev.inlet.admin.AdminAnswers;
import dev.inlet.admin.SampleBody;
import dev.inlet.config.AuthMode;
import dev.inlet.config.EndpointConfig;
import dev.inlet.config.InletConfig;
import dev.inlet.config.PayloadFormat;
import dev.inlet.config.SignatureConfig;
import dev.inlet.config.SignedPart;
import dev.inlet.config.ValueSource;
import dev.inlet.ingest.AuthHandler;
import dev.inlet.ingest.EndpointDirectory;
import dev.inlet.ingest.ResponseCode;
import dev.inlet.security.PublicUrl;
import dev.inlet.security.SignedSample;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * {@code POST /console/api/endpoints/{id}/test-request} with an optional {@code {"body": "<text>"}}
 * (else a small sample in the endpoint's format; at most its {@code maxBodySize} bytes, else 7040):
 * {@code {"request": {"method", "url", "headers", "body"}, "curl", "signed", "note"}}, a request
 * the endpoint accepts, signed by {@link SignedSample} with the endpoint's own secret over the
 * body the operator chose, at the URL the console is reached at ({@link PublicUrl}). A service key
 * or JWT never is in it: the header {@code key} holds {@code $INLET_KEY}, which the curl leaves
 * to the shell. The curl single-quotes every other word, so no byte of it is read by the shell.
 */
final class ConsoleTestRequest {
    /** The shell variable the credential is left in. */
    static final String KEY_VARIABLE = "$INLET_KEY";

    private final Supplier<InletConfig> config;
    private final Supplier<EndpointDirectory> directory;
    private final LongSupplier clock;

    ConsoleTestRequest(Supplier<InletConfig> config, Supplier<EndpointDirectory> directory, LongSupplier clock) {
        this.config = config;
        this.directory = directory;
        this.clock = clock;
    }

    /** Reads the JSON body (the endpoint's limit, JSON-escaped at worst), then answers. */
    void handle(RoutingContext ctx) {
        InletConfig cfg = config.get();
        EndpointConfig e = ConsoleEndpoints.find(ctx, cfg);
        if (e == null) {
            return;
        }
        long limit = Math.min(Integer.MAX_VALUE / 2, e.maxBodySize() * 6 + 1024);
        ctx.put(EndpointConfig.class.getName(), e);
        SampleBody.create(limit).handle(ctx);
    }

    void answer(RoutingContext ctx) {
        EndpointConfig e = ctx.get(EndpointConfig.class.getName());
        String contentType = contentType(e);
        byte[] body;
        byte[] sent = SampleBody.of(ctx);
        String text = null;
        if (sent.length > 0) {
            try {
                Object value = new JsonObject(Buffer.buffer(sent)).getValue("body");
                if (value != null && !(value instanceof String)) {
                    AdminAnswers.refuse(ctx, ResponseCode.BAD_REQUEST, "body must be a string");
                    return;
                }
                text = (String) value;
            } catch (RuntimeException notJson) {
                AdminAnswers.refuse(ctx, ResponseCode.BAD_REQUEST, "the request is not a JSON object");
                return;
            }
        }
        body = (text == null ? sample(contentType) : text).getBytes(StandardCharsets.UTF_8);
        if (body.length > e.maxBodySize()) {
            AdminAnswers.refuse(
                    ctx,
                    ResponseCode.PAYLOAD_TOO_LARGE,
                    "the body is over the endpoint's maxBodySize of " + e.maxBodySize() + " bytes");
            return;
        }
        if (text != null && text.indexOf('\0') >= 0) {
            AdminAnswers.refuse(ctx, ResponseCode.BAD_REQUEST, "a shell argument cannot hold a NUL character");
            return;
        }
        String path = ConsoleEndpoints.url(e);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        String origin = origin(ctx.request());
        long now = clock.getAsLong() / 1000;
        // Signing may parse the body (a JSON or form field), so it runs off the event loop.
        ctx.vertx()
                .executeBlocking(
                        () -> SignedSample.sign(e.signature(), contentType, headers, origin, path, body, now), false)
                .onComplete(ar -> {
                    if (ar.failed()) {
                        ctx.fail(ar.cause());
                    } else {
                        answer(ctx, e, origin, ar.result());
                    }
                });
    }

    private static void answer(RoutingContext ctx, EndpointConfig e, String origin, SignedSample.Result r) {
        Map<String, String> out = new LinkedHashMap<>(r.headers());
        String note = r.note();
        if (e.auth() != AuthMode.NONE) {
            out.put(AuthHandler.KEY_HEADER, KEY_VARIABLE);
            note += " Set INLET_KEY to " + credential(e.auth())
                    + " before running it; Inlet never puts it in the command.";
        }
        String url = origin + r.target();
        String sentBody = new String(r.body(), StandardCharsets.UTF_8);
        JsonObject hs = new JsonObject();
        out.forEach(hs::put);
        ctx.json(new JsonObject()
                .put(
                        "request",
                        new JsonObject()
                                .put("method", "POST")
                                .put("url", url)
                                .put("headers", hs)
                                .put("body", sentBody))
                .put("curl", curl(url, out, sentBody))
                .put("signed", r.signed())
                .put("note", note));
    }

    private static String credential(AuthMode auth) {
        return switch (auth) {
            case KEY -> "one of the service's keys";
            case JWT -> "a JWT the service's JWT settings accept";
            default -> "one of the service's keys or a JWT it accepts";
        };
    }

    /** The curl of a POST: every word single-quoted, the credential's variable left to the shell. */
    static String curl(String url, Map<String, String> headers, String body) {
        StringBuilder out = new StringBuilder("curl -sS -X POST ").append(quote(url));
        headers.forEach((name, value) -> {
            out.append(" \\\n  -H ");
            if (KEY_VARIABLE.equals(value)) {
                out.append('"').append(name).append(": ").append(KEY_VARIABLE).append('"');
            } else {
                out.append(quote(name + ": " + value));
            }
        });
        return out.append(" \\\n  --data-raw ").append(quote(body)).toString();
    }

    /** {@code text} as one POSIX shell word: single quotes, each {@code '} written {@code '\''}. */
    static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    /** The scheme and authority the console was reached at, as trusted proxies say. */
    private String origin(HttpServerRequest req) {
        SocketAddress remote = req.remoteAddress();
        HostAndPort authority = req.authority();
        String host = authority == null
                ? null
                : authority.port() < 0 ? authority.host() : authority.host() + ":" + authority.port();
        EndpointDirectory d = directory.get();
        return PublicUrl.resolve(
                remote == null ? "" : remote.hostAddress(),
                d.trustedProxies(),
                d.forwardedHeader(),
                req.scheme() == null ? "http" : req.scheme(),
                host,
                "",
                req.headers()::getAll);
    }

    /** The Content-Type of the endpoint's format; AUTO: a form for a scheme that reads form fields. */
    private static String contentType(EndpointConfig e) {
        PayloadFormat format = e.format();
        if (format == PayloadFormat.AUTO) {
            format = readsForm(e.signature()) ? PayloadFormat.FORM : PayloadFormat.JSON;
        }
        return switch (format) {
            case XML -> "application/xml";
            case FORM -> "application/x-www-form-urlencoded";
            case MULTIPART -> "multipart/form-data; boundary=" + BOUNDARY;
            default -> "application/json";
        };
    }

    private static final String BOUNDARY = "inlet-test-boundary";

    private static boolean readsForm(SignatureConfig s) {
        if (s == null) {
            return false;
        }
        var d = s.declaration();
        return d.signature().kind() == ValueSource.Kind.FORM
                || d.timestamp() != null && d.timestamp().kind() == ValueSource.Kind.FORM
                || d.signed().stream().anyMatch(p -> p.kind() == SignedPart.Kind.FORM);
    }

    /** A small sample in {@code contentType}, with a fresh id. */
    private static String sample(String contentType) {
        String id = "evt_test_" + UUID.randomUUID().toString().replace("-", "");
        if (contentType.startsWith("application/xml")) {
            return "<event><id>" + id + "</id><type>inlet.test</type></event>";
        }
        if (contentType.startsWith("application/x-www-form-urlencoded")) {
            return "id=" + id + "&type=inlet.test";
        }
        if (contentType.startsWith("multipart/")) {
            return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"id\"\r\n\r\n" + id + "\r\n--"
                    + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\ninlet.test\r\n--"
                    + BOUNDARY + "--\r\n";
        }
        return "{\"id\":\"" + id
                + "\",\"type\":\"inlet.test\",\"data\":{\"message\":\"Hello from the Inlet console\"}}";
    }
}
