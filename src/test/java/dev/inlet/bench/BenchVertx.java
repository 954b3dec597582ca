package dev.inlet.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/** The reference servers' Vert.x: the same network transport as Inlet's (native epoll where it loads). */
final class BenchVertx {
  private BenchVertx() {}

  static Vertx create() {
    Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
    System.out.println("network transport: " + (vertx.isNativeTransportEnabled() ? "native (epoll)" : "Java NIO"));
    return vertx;
  }
}
