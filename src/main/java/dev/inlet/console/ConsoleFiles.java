package dev.inlet.console;

import dev.inlet.ingest.ResponseCode;
import dev.inlet.ingest.Responses;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Serves the console's pages: {@code GET /console/<file>} is the classpath file {@code
 * console/<file>} ({@code index.html} for {@code /console/}), with a content type by extension and
 * {@code Cache-Control: no-cache}. Only names of letters, digits, {@code . _ -} in segments that do
 * not start with a dot and end with a known extension are looked up, so no {@code ..}, no encoded
 * character, no directory listing; anything else is 7043. A file is read once, off the event loop,
 * and kept: the jar's own files bound what is kept.
 */
final class ConsoleFiles implements Handler<RoutingContext> {
    static final String PREFIX = "/console/";
    private static final Pattern NAME = Pattern.compile("([A-Za-z0-9_-][A-Za-z0-9._-]*/)*[A-Za-z0-9_-][A-Za-z0-9._-]*");
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff2", "font/woff2"));

    private final Map<String, Buffer> files = new ConcurrentHashMap<>();

    @Override
    public void handle(RoutingContext ctx) {
        String path = ctx.request().path();
        String name = path.length() <= PREFIX.length() ? "index.html" : path.substring(PREFIX.length());
        String type = type(name);
        if (type == null) {
            Responses.send(ctx, ResponseCode.NOT_FOUND);
            return;
        }
        Buffer cached = files.get(name);
        Future<Buffer> file =
                cached != null ? Future.succeededFuture(cached) : ctx.vertx().executeBlocking(() -> read(name), false);
        file.onComplete(done -> {
            Buffer body = done.succeeded() ? done.result() : null;
            if (body == null) {
                Responses.send(ctx, ResponseCode.NOT_FOUND);
                return;
            }
            files.putIfAbsent(name, body);
            ctx.response()
                    .putHeader(HttpHeaders.CONTENT_TYPE, type)
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                    .end(body);
        });
    }

    /** The content type of a name that may be looked up; null for any other. */
    static String type(String name) {
        if (name.length() > 256 || !NAME.matcher(name).matches()) {
            return null;
        }
        int dot = name.lastIndexOf('.');
        int slash = name.lastIndexOf('/');
        return dot <= slash + 1 ? null : TYPES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** The classpath file's bytes; null when there is no such regular file. */
    private static Buffer read(String name) throws IOException {
        URL url = ConsoleFiles.class.getClassLoader().getResource("console/" + name);
        if (url == null) {
            return null;
        }
        if ("file".equals(url.getProtocol())) {
            try {
                if (!Files.isRegularFile(Path.of(url.toURI()))) {
                    return null;
                }
            } catch (URISyntaxException e) {
                return null;
            }
        }
        try (InputStream in = url.openStream()) {
            return Buffer.buffer(in.readAllBytes());
        }
    }
}
