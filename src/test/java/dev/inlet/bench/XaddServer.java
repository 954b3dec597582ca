package dev.inlet.bench;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;

/**
 * Benchmark reference: the design's floor cost. XADDs each body to a Redis stream with one plain
 * pooled vertx-redis-client call per request (no checks, no batching) and answers 202 once Redis
 * acknowledged. {@code java ... dev.inlet.bench.XaddServer PORT REDIS_URL}
 */
public final class XaddServer extends VerticleBase {
    private final int port;
    private final String redisUrl;

    XaddServer(int port, String redisUrl) {
        this.port = port;
        this.redisUrl = redisUrl;
    }

    @Override
    public Future<?> start() {
        Redis redis = Redis.createClient(
                vertx,
                new RedisOptions()
                        .setConnectionString(redisUrl)
                        .setMaxPoolSize(8)
                        .setMaxPoolWaiting(4096)
                        .setMaxWaitingHandlers(4096));
        return vertx.createHttpServer()
                .requestHandler(req -> req.body()
                        .compose(body -> redis.send(Request.cmd(Command.XADD)
                                .arg("bench:minimal")
                                .arg("MAXLEN")
                                .arg("~")
                                .arg(1_000_000)
                                .arg("*")
                                .arg("body")
                                .arg(body)))
                        .onComplete(ar -> {
                            if (ar.succeeded()) {
                                req.response()
                                        .setStatusCode(202)
                                        .putHeader("Content-Type", "application/json")
                                        .end("{\"code\":\"1002\",\"description\":\"Queued\",\"transid\":\"x\"}");
                            } else {
                                req.response().setStatusCode(503).end("{\"code\":\"7005\"}");
                            }
                        }))
                .listen(port);
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        String redisUrl = args[1];
        BenchVertx.deploy(() -> new XaddServer(port, redisUrl), "xadd server on " + port);
    }
}
