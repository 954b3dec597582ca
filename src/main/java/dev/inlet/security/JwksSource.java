package dev.inlet.security;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.nio.file.Path;

/** Where a JWK set is read from: an http(s) URL fetched with the web client, or a local file. */
final class JwksSource {
    private static final int TIMEOUT_MILLIS = 5_000;
    private static final int MAX_BYTES = 1 << 20;

    private final Vertx vertx;
    private final String url;
    private final WebClient client;

    JwksSource(Vertx vertx, String url) {
        this.vertx = vertx;
        this.url = url.strip();
        boolean http = this.url.startsWith("http://") || this.url.startsWith("https://");
        this.client = http
                ? WebClient.create(
                        vertx,
                        new WebClientOptions()
                                .setConnectTimeout(TIMEOUT_MILLIS)
                                .setFollowRedirects(false)
                                .setUserAgent("inlet-jwks"))
                : null;
    }

    /** The current JWK set document. */
    Future<JsonObject> load() {
        Future<Buffer> body = client != null ? fetch() : vertx.fileSystem().readFile(path());
        return body.compose(buffer -> {
            if (buffer.length() > MAX_BYTES) {
                return Future.failedFuture("JWK set larger than " + MAX_BYTES + " bytes");
            }
            return Future.succeededFuture(new JsonObject(buffer));
        });
    }

    private Future<Buffer> fetch() {
        return client.getAbs(url)
                .timeout(TIMEOUT_MILLIS)
                .send()
                .compose(response -> response.statusCode() == 200
                        ? Future.succeededFuture(
                                response.bodyAsBuffer() == null ? Buffer.buffer() : response.bodyAsBuffer())
                        : Future.failedFuture("HTTP " + response.statusCode()));
    }

    private String path() {
        if (url.startsWith("file://")) {
            return Path.of(URI.create(url)).toString();
        }
        return url.startsWith("file:") ? url.substring("file:".length()) : url;
    }

    @Override
    public String toString() {
        return url;
    }
}
