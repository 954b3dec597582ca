package dev.inlet.admin;

import dev.inlet.ingest.ResponseCode;
import io.vertx.ext.web.RoutingContext;

/** Refusals of the admin API that say why: the usual code body with a {@code reason}. */
public final class AdminAnswers {
    private AdminAnswers() {}

    /**
     * Ends the request with {@code code}'s status and body plus {@code reason}: text for the operator,
     * made of the request's own parameters and the server's facts, never a payload value or a secret.
     */
    public static void refuse(RoutingContext ctx, ResponseCode code, String reason) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(code.httpStatus());
        ctx.json(code.body(null).put("reason", reason));
    }
}
