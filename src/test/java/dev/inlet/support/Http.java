package dev.inlet.support;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/** A small HTTP client for tests against a running Inlet on loopback. */
public final class Http {
    private final WebClient client;
    private final int port;

    public Http(Vertx vertx, int port) {
        this.client = WebClient.create(
                vertx,
                new WebClientOptions()
                        .setDefaultHost("127.0.0.1")
                        .setDefaultPort(port)
                        .setKeepAlive(false));
        this.port = port;
    }

    public int port() {
        return port;
    }

    public Future<HttpResponse<Buffer>> post(String path, MultiMap headers, String body) {
        return send(HttpMethod.POST, path, headers, Buffer.buffer(body));
    }

    public Future<HttpResponse<Buffer>> send(HttpMethod method, String path, MultiMap headers, Buffer body) {
        var req = client.request(method, path);
        if (headers != null) {
            req.putHeaders(headers);
        }
        return body == null ? req.send() : req.sendBuffer(body);
    }

    public static MultiMap headers(String... nameValues) {
        MultiMap m = MultiMap.caseInsensitiveMultiMap();
        for (int i = 0; i < nameValues.length; i += 2) {
            m.add(nameValues[i], nameValues[i + 1]);
        }
        return m;
    }
}
