package dev.inlet.admin;

import io.vertx.ext.web.RoutingContext;

/** Query and path parameters shared by the admin routes. */
final class AdminParams {
    private AdminParams() {}

    /** {@code ?count=}: the default when absent, null when not a number from 1 to {@code max}. */
    static Integer count(RoutingContext ctx, int dflt, int max) {
        String raw = ctx.queryParams().get("count");
        if (raw == null || raw.isEmpty()) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(raw);
            return n >= 1 && n <= max ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
