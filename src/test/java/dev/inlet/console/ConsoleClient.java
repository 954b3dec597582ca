package dev.inlet.console;

import dev.inlet.support.Http;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

/** Signs in to a running Inlet's console and calls its API with the session, as the page does. */
final class ConsoleClient {
    /** A signed-in session: the cookie value and the CSRF token the sign-in answered. */
    record Signed(String cookie, String csrf) {}

    private final Http http;

    ConsoleClient(Http http) {
        this.http = http;
    }

    Future<HttpResponse<Buffer>> signIn(String token, String... headers) {
        MultiMap h = Http.headers("Content-Type", "application/json");
        for (int i = 0; i < headers.length; i += 2) {
            h.add(headers[i], headers[i + 1]);
        }
        return http.send(
                HttpMethod.POST,
                "/console/api/session",
                h,
                new JsonObject().put("token", token).toBuffer());
    }

    /** Signs in with the right token; fails unless the answer is 200 with a cookie. */
    Future<Signed> signedIn(String token) {
        return signIn(token).map(res -> {
            if (res.statusCode() != 200) {
                throw new AssertionError("sign-in: " + res.statusCode() + " " + res.bodyAsString());
            }
            String cookie = res.getHeader("Set-Cookie");
            String value = cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
            return new Signed(value, res.bodyAsJsonObject().getString("csrf"));
        });
    }

    Future<HttpResponse<Buffer>> get(Signed s, String path) {
        return http.send(HttpMethod.GET, path, headers(s, null), null);
    }

    /** A state-changing call with the session's cookie and {@code csrf} (null: no header). */
    Future<HttpResponse<Buffer>> send(Signed s, HttpMethod method, String path, String csrf, Buffer body) {
        MultiMap h = headers(s, csrf);
        if (body != null) {
            h.add("Content-Type", "application/json");
        }
        return http.send(method, path, h, body);
    }

    Future<HttpResponse<Buffer>> post(Signed s, String path, JsonObject body) {
        return send(s, HttpMethod.POST, path, s.csrf(), body == null ? null : body.toBuffer());
    }

    private static MultiMap headers(Signed s, String csrf) {
        MultiMap h = MultiMap.caseInsensitiveMultiMap();
        if (s != null) {
            h.add("Cookie", ConsoleSession.COOKIE + "=" + s.cookie());
        }
        if (csrf != null) {
            h.add(ConsoleSession.CSRF_HEADER, csrf);
        }
        return h;
    }
}
