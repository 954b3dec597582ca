package dev.inlet.console.browser;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;

/**
 * Temporary, until the server side of the console (branch h-console-api) is merged: the
 * contract's /console routes in front of a real Inlet's admin API, so the pages run in a browser
 * before it. Removed once the real routes are here.
 */
final class StandIn implements AutoCloseable {
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    private final HttpServer server;
    private volatile String session = UUID.randomUUID().toString();
    private final String csrf = UUID.randomUUID().toString();

    private StandIn(Vertx vertx, int inletPort, String token) throws Exception {
        Router router = Router.router(vertx);
        WebClient client = WebClient.create(vertx);
        router.route("/console*").handler(ctx -> {
            HttpServerResponse r = ctx.response();
            r.putHeader("Content-Security-Policy", CSP)
                    .putHeader("X-Frame-Options", "DENY")
                    .putHeader("X-Content-Type-Options", "nosniff")
                    .putHeader("Referrer-Policy", "no-referrer");
            ctx.next();
        });
        router.getWithRegex("/console").handler(ctx -> ctx.redirect("/console/"));
        router.route("/console/api/*").handler(BodyHandler.create());
        router.post("/console/api/session").handler(ctx -> {
            JsonObject body = ctx.body().asJsonObject();
            if (body == null || !token.equals(body.getString("token"))) {
                ctx.response().setStatusCode(401).end("{\"code\":\"7046\",\"description\":\"Unauthorized\"}");
                return;
            }
            ctx.response()
                    .putHeader("Set-Cookie", "inlet_console=" + session + "; Path=/console; HttpOnly; SameSite=Strict");
            ctx.json(new JsonObject().put("csrf", csrf).put("expiresAt", System.currentTimeMillis() + 3_600_000));
        });
        router.route("/console/api/*").handler(ctx -> {
            String cookie = ctx.request().getHeader("Cookie");
            if (cookie == null || !cookie.contains("inlet_console=" + session)) {
                ctx.response().setStatusCode(401).end("{\"code\":\"7046\",\"description\":\"Unauthorized\"}");
            } else if (!ctx.request().method().name().equals("GET")
                    && !csrf.equals(ctx.request().getHeader("X-CSRF-Token"))) {
                ctx.response()
                        .setStatusCode(403)
                        .end("{\"code\":\"7052\",\"description\":\"CSRF token missing or wrong\"}");
            } else {
                ctx.next();
            }
        });
        router.get("/console/api/session")
                .handler(ctx -> ctx.json(new JsonObject().put("csrf", csrf).put("expiresAt", 0)));
        router.delete("/console/api/session").handler(ctx -> {
            session = UUID.randomUUID().toString();
            ctx.response().end();
        });
        router.route("/console/api/v1/*").handler(ctx -> proxy(ctx, client, inletPort, token));
        router.get("/console/*").handler(StandIn::file);
        server = vertx.createHttpServer()
                .requestHandler(router)
                .listen(0, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get();
    }

    static StandIn start(Vertx vertx, int inletPort, String token) throws Exception {
        return new StandIn(vertx, inletPort, token);
    }

    int port() {
        return server.actualPort();
    }

    private static void proxy(RoutingContext ctx, WebClient client, int port, String token) {
        String uri = ctx.request().uri().substring("/console/api".length());
        var req = client.request(ctx.request().method(), port, "127.0.0.1", uri)
                .putHeader("Authorization", "Bearer " + token);
        String type = ctx.request().getHeader("Content-Type");
        if (type != null) {
            req.putHeader("Content-Type", type);
        }
        Buffer body = ctx.body().buffer();
        req.sendBuffer(body == null ? Buffer.buffer() : body).onComplete(ar -> {
            if (ar.failed()) {
                ctx.response().setStatusCode(502).end();
                return;
            }
            ctx.response()
                    .setStatusCode(ar.result().statusCode())
                    .putHeader("Content-Type", "application/json")
                    .end(
                            ar.result().bodyAsBuffer() == null
                                    ? Buffer.buffer()
                                    : ar.result().bodyAsBuffer());
        });
    }

    private static void file(RoutingContext ctx) {
        String path = ctx.request().path().substring("/console/".length());
        if (path.isEmpty()) {
            path = "index.html";
        }
        if (path.contains("..")) {
            ctx.response().setStatusCode(404).end();
            return;
        }
        try (InputStream in = StandIn.class.getClassLoader().getResourceAsStream("console/" + path)) {
            if (in == null) {
                ctx.response().setStatusCode(404).end();
                return;
            }
            String type = path.endsWith(".js")
                    ? "text/javascript"
                    : path.endsWith(".css")
                            ? "text/css"
                            : path.endsWith(".html") ? "text/html" : "application/octet-stream";
            ctx.response()
                    .putHeader("Content-Type", type + "; charset=utf-8")
                    .putHeader("Cache-Control", "no-cache")
                    .end(Buffer.buffer(in.readAllBytes()));
        } catch (IOException e) {
            ctx.response().setStatusCode(500).end();
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
