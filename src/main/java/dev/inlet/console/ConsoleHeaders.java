package dev.inlet.console;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * The headers of every {@code /console} answer, added as its headers are written (so refusals and
 * failures carry them too): a Content-Security-Policy that lets the page load only its own files
 * (no inline script or style, no frames, no other origin), {@code X-Frame-Options: DENY}, {@code
 * nosniff}, no referrer; API answers are also never stored.
 */
final class ConsoleHeaders implements Handler<RoutingContext> {
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    static final String API = "/console/api/";

    @Override
    public void handle(RoutingContext ctx) {
        boolean api = ctx.request().path().startsWith(API);
        ctx.addHeadersEndHandler(v -> {
            MultiMap h = ctx.response().headers();
            h.set("Content-Security-Policy", CSP);
            h.set("X-Frame-Options", "DENY");
            h.set("X-Content-Type-Options", "nosniff");
            h.set("Referrer-Policy", "no-referrer");
            if (api) {
                h.set(HttpHeaders.CACHE_CONTROL, "no-store");
            }
        });
        ctx.next();
    }
}
