package dev.inlet.bench;

import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.function.Supplier;

/** Starts a reference server: the same network transport as Inlet's (native epoll where it loads), one instance per core. */
final class BenchVertx {
    private BenchVertx() {}

    /** Deploys one instance per core, as Inlet does, and prints {@code started} once they listen; exits on failure. */
    static void deploy(Supplier<? extends Deployable> server, String started) {
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
        System.out.println("network transport: " + (vertx.isNativeTransportEnabled() ? "native (epoll)" : "Java NIO"));
        vertx.deployVerticle(
                        server,
                        new DeploymentOptions()
                                .setInstances(Runtime.getRuntime().availableProcessors()))
                .onSuccess(id -> System.out.println(started))
                .onFailure(err -> {
                    err.printStackTrace();
                    System.exit(1);
                });
    }
}
