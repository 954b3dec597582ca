package dev.inlet.queue;

import io.vertx.core.Future;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/** Sends one Redis command: a client's {@code send}, or a {@link CommandBatcher}. */
@FunctionalInterface
public interface CommandSender {
  Future<Response> send(Request request);
}
