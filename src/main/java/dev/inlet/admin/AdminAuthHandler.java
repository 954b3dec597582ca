package dev.inlet.admin;

import dev.inlet.ingest.ResponseCode;
import dev.inlet.ingest.Responses;
import dev.inlet.security.ConstantTime;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Lets a request through only with {@code Authorization: Bearer <admin.token>}, compared in
 * constant time; anything else ends with 7046 / 401. The token is never logged.
 */
public final class AdminAuthHandler implements Handler<RoutingContext> {
    private static final String BEARER = "Bearer ";

    private final String token;

    private AdminAuthHandler(String token) {
        this.token = token;
    }

    /** @param token the configured admin token, not empty */
    public static AdminAuthHandler create(String token) {
        if (token == null || token.isEmpty()) {
            throw new IllegalArgumentException("an empty admin token turns the admin API off; do not mount it");
        }
        return new AdminAuthHandler(token);
    }

    @Override
    public void handle(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        String presented = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? header.substring(BEARER.length()).trim()
                : null;
        if (presented != null && ConstantTime.equals(presented, token)) {
            ctx.next();
            return;
        }
        ctx.response().putHeader("WWW-Authenticate", "Bearer");
        Responses.send(ctx, ResponseCode.ADMIN_UNAUTHORIZED);
    }
}
