package dev.inlet.bench;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * Benchmark reference: the HTTP limit. Reads each body and answers 202 with a small JSON body, on
 * one verticle per core, as Inlet does. {@code java ... dev.inlet.bench.BareServer PORT}
 */
public final class BareServer extends VerticleBase {
    private final int port;

    BareServer(int port) {
        this.port = port;
    }

    @Override
    public Future<?> start() {
        return vertx.createHttpServer()
                .requestHandler(req -> req.body().onComplete(body -> req.response()
                        .setStatusCode(202)
                        .putHeader("Content-Type", "application/json")
                        .end("{\"code\":\"1002\",\"description\":\"Queued\",\"transid\":\"x\"}")))
                .listen(port);
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        BenchVertx.deploy(() -> new BareServer(port), "bare server on " + port);
    }
}
