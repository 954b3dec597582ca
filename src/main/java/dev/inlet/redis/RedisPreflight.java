package dev.inlet.redis;

import dev.inlet.config.RedisConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up check of the Redis Inlet is about to use: its {@code maxmemory-policy} must be
 * {@code noeviction}. Any {@code allkeys-*} policy may evict stream entries that were already
 * answered 1002; any {@code volatile-*} policy may evict idempotency and limit keys (they carry a
 * TTL), letting repeats through and limits reset. Under {@code noeviction} a full Redis refuses
 * writes instead, which Inlet answers with 7005, so nothing acknowledged is dropped silently.
 */
public final class RedisPreflight {
    private static final Logger LOG = LoggerFactory.getLogger(RedisPreflight.class);
    static final String REQUIRED_POLICY = "noeviction";

    private RedisPreflight() {}

    /** {@link #check(Redis)} on a client of its own for {@code url}, closed afterwards: the start-up call. */
    public static Future<Void> check(Vertx vertx, RedisConfig config, String url) {
        Redis probe = RedisConnector.create(vertx, config, url, 1);
        return check(probe).eventually(probe::close);
    }

    /**
     * Succeeds when the policy is {@code noeviction}, or when the server does not let clients read
     * its configuration (a managed Redis with CONFIG disabled: warned, then trusted); fails with one
     * line naming the policy and the fix otherwise. A Redis that cannot be reached fails too.
     */
    public static Future<Void> check(Redis redis) {
        return redis.send(Request.cmd(Command.CONFIG).arg("GET").arg("maxmemory-policy"))
                .transform(ar -> {
                    if (ar.failed()) {
                        return configUnreadable(ar.cause());
                    }
                    String policy = policy(ar.result());
                    if (policy == null) {
                        LOG.warn(
                                "Redis did not report its maxmemory-policy; make sure it is {} (see README, Reliability)",
                                REQUIRED_POLICY);
                        return Future.succeededFuture();
                    }
                    if (!REQUIRED_POLICY.equals(policy)) {
                        return Future.failedFuture(new IllegalStateException("Redis maxmemory-policy is " + policy
                                + ": it may evict " + (policy.startsWith("allkeys") ? "queued events and " : "")
                                + "idempotency and limit keys; set maxmemory-policy noeviction on that Redis"));
                    }
                    return Future.succeededFuture();
                });
    }

    private static Future<Void> configUnreadable(Throwable cause) {
        String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        // A server error reply (unknown or renamed command, no permission) means CONFIG is switched off
        // by the provider; anything else (no connection, timeout) is a Redis we cannot use at all.
        if (cause instanceof Response reply && reply.type() == ResponseType.ERROR) {
            LOG.warn(
                    "cannot read Redis maxmemory-policy ({}); make sure it is {} (see README, Reliability)",
                    message,
                    REQUIRED_POLICY);
            return Future.succeededFuture();
        }
        return Future.failedFuture(cause);
    }

    /** The policy from CONFIG GET's reply: a flat [name, value] array (RESP2) or a map (RESP3). */
    private static String policy(Response reply) {
        if (reply == null) {
            return null;
        }
        Response value = reply.containsKey("maxmemory-policy") ? reply.get("maxmemory-policy") : null;
        return value == null ? null : value.toString().toLowerCase(Locale.ROOT);
    }
}
