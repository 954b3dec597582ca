package dev.inlet.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/** Sends one Redis command: a client's {@code send}, or a {@link CommandBatcher}. */
@FunctionalInterface
public interface CommandSender {
    Future<Response> send(Request request);

    /**
     * Sends a command whose keys all live in the cluster slot of {@code key} (null: a command without
     * keys). A {@link CommandBatcher} talking to a Redis Cluster batches commands by it; a plain client
     * needs no hint.
     */
    default Future<Response> send(Request request, String key) {
        return send(request);
    }
}
