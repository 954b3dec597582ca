package dev.inlet.admin;

import dev.inlet.metrics.InletMetrics;
import dev.inlet.queue.StreamNames;
import dev.inlet.redis.RedisReplies;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.concurrent.TimeUnit;

/**
 * Operations routes on the ingest port: {@code GET /health/live} (the process serves),
 * {@code GET /health/ready} (Redis answers and the workers' consumer group exists; 503 with the
 * reason otherwise), and {@code GET /metrics} (Prometheus text format).
 */
public final class HealthRoutes {
    private static final long READY_TIMEOUT_MILLIS = 1_000;

    private HealthRoutes() {}

    public static void mount(Router router, Redis redis, String stream, InletMetrics metrics) {
        router.get("/health/live").handler(ctx -> json(ctx, 200, new JsonObject().put("status", "UP")));
        router.get("/health/ready").handler(ctx -> ready(ctx, redis, stream));
        router.get("/metrics").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .end(metrics.scrape()));
    }

    private static void ready(RoutingContext ctx, Redis redis, String stream) {
        redis.send(Request.cmd(Command.XINFO).arg("GROUPS").arg(stream))
                .timeout(READY_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                .onComplete(ar -> {
                    if (ar.failed()) {
                        String reason = ar.cause().getMessage() != null
                                        && ar.cause().getMessage().contains("no such key")
                                ? "the stream " + stream + " does not exist yet"
                                : "redis unreachable: " + ar.cause().getMessage();
                        json(ctx, 503, new JsonObject().put("status", "DOWN").put("reason", reason));
                    } else if (!hasGroup(ar.result())) {
                        json(
                                ctx,
                                503,
                                new JsonObject()
                                        .put("status", "DOWN")
                                        .put("reason", "consumer group " + StreamNames.GROUP + " missing"));
                    } else {
                        json(ctx, 200, new JsonObject().put("status", "UP"));
                    }
                });
    }

    private static boolean hasGroup(Response groups) {
        for (Response g : groups) {
            if (StreamNames.GROUP.equals(RedisReplies.field(g, "name"))) {
                return true;
            }
        }
        return false;
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(body.toBuffer());
    }
}
