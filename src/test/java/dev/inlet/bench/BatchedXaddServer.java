package dev.inlet.bench;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark reference: the design's ceiling. No checks and no router: the bodies an event loop
 * reads in one round are written as one pipeline of XADDs with the same eight fields Inlet stores,
 * and each request is answered 202 once Redis acknowledged the pipeline. What Inlet costs beyond
 * this is its checks and plumbing. {@code java ... dev.inlet.bench.BatchedXaddServer PORT REDIS_URL}
 */
public final class BatchedXaddServer extends VerticleBase {
    private static final String ANSWER = "{\"code\":\"1002\",\"description\":\"Queued\",\"transid\":\"x\"}";
    private final int port;
    private final String redisUrl;
    private Redis redis;
    private List<Request> adds = new ArrayList<>();
    private List<HttpServerRequest> waiting = new ArrayList<>();
    private long sequence;

    BatchedXaddServer(int port, String redisUrl) {
        this.port = port;
        this.redisUrl = redisUrl;
    }

    @Override
    public Future<?> start() {
        redis = Redis.createClient(
                vertx,
                new RedisOptions()
                        .setConnectionString(redisUrl)
                        .setMaxPoolSize(8)
                        .setMaxPoolWaiting(4096)
                        .setMaxWaitingHandlers(4096));
        return vertx.createHttpServer()
                .requestHandler(req -> req.body().onSuccess(body -> {
                    adds.add(Request.cmd(Command.XADD)
                            .arg("bench:batched")
                            .arg("*")
                            .arg("transid")
                            .arg(Long.toString(sequence++))
                            .arg("endpoint")
                            .arg("bench")
                            .arg("service")
                            .arg("bench")
                            .arg("received")
                            .arg(System.currentTimeMillis())
                            .arg("contentType")
                            .arg("application/json")
                            .arg("format")
                            .arg("json")
                            .arg("headers")
                            .arg("{}")
                            .arg("body")
                            .arg(body));
                    waiting.add(req);
                    if (adds.size() == 1) {
                        context.runOnContext(v -> flush());
                    }
                }))
                .listen(port);
    }

    private void flush() {
        List<HttpServerRequest> answered = waiting;
        redis.batch(adds)
                .onComplete(ar -> answered.forEach(req -> req.response()
                        .setStatusCode(ar.succeeded() ? 202 : 503)
                        .putHeader("Content-Type", "application/json")
                        .end(ar.succeeded() ? ANSWER : "{\"code\":\"7005\"}")));
        adds = new ArrayList<>();
        waiting = new ArrayList<>();
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        String redisUrl = args[1];
        BenchVertx.deploy(() -> new BatchedXaddServer(port, redisUrl), "batched xadd server on " + port);
    }
}
