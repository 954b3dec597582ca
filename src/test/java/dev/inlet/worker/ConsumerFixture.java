package dev.inlet.worker;

import dev.inlet.config.ConfigLoader;
import dev.inlet.config.InletConfig;
import dev.inlet.queue.ConsumerGroup;
import dev.inlet.queue.EventFields;
import dev.inlet.queue.StreamNames;
import dev.inlet.queue.WorkerMemory;
import dev.inlet.support.TestRedis;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the consumer tests share: a stream of their own in a real Redis, the process-wide memory budget
 * a real Inlet passes to its workers (one per test here), and helpers that deploy a worker verticle
 * with a scripted processor, add entries, and play a consumer that read entries and died.
 */
abstract class ConsumerFixture {
    static final Duration WITHIN = Duration.ofSeconds(10);

    String stream;
    Redis redis;
    /** The process-wide budget a real Inlet passes to its workers; one per test here. */
    final WorkerMemory memory = new WorkerMemory(1024 * 1024);

    @BeforeEach
    void setUp(Vertx vertx) {
        stream = "test:consumer:" + UUID.randomUUID();
        redis = Redis.createClient(vertx, TestRedis.url());
    }

    @AfterEach
    void tearDown() {
        redis.close();
    }

    InletConfig config(int maxAttempts, String claimIdle) {
        return new ConfigLoader(Map.of())
                .parse(
                        """
        redis: { url: "%s", stream: "%s" }
        workers: { instances: 1, batchSize: 4, maxAttempts: %d, claimIdle: %s, backoff: 20ms }
        """
                                .formatted(TestRedis.url(), stream, maxAttempts, claimIdle));
    }

    Future<String> deploy(Vertx vertx, InletConfig config, String consumer, EventProcessor processor) {
        return vertx.deployVerticle(
                new WorkerVerticle(config, TestRedis.url(), consumer, memory, (v, r) -> processor),
                new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER));
    }

    Future<List<String>> add(int count) {
        List<Future<String>> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(redis.send(Request.cmd(Command.XADD)
                            .arg(stream)
                            .arg("*")
                            .arg(EventFields.TRANSID)
                            .arg("t" + i)
                            .arg(EventFields.ENDPOINT)
                            .arg("e")
                            .arg(EventFields.FORMAT)
                            .arg("json")
                            .arg(EventFields.BODY)
                            .arg("{\"n\":" + i + "}"))
                    .map(Response::toString));
        }
        return Future.all(ids).map(f -> f.list());
    }

    /** Delivers entries to {@code consumer} without acknowledging them, as a worker that then died. */
    Future<Void> readAs(String consumer, int count) {
        return ConsumerGroup.ensure(redis, stream)
                .compose(v -> redis.send(Request.cmd(Command.XREADGROUP)
                        .arg("GROUP")
                        .arg(StreamNames.GROUP)
                        .arg(consumer)
                        .arg("COUNT")
                        .arg(count)
                        .arg("STREAMS")
                        .arg(stream)
                        .arg(">")))
                .mapEmpty();
    }

    Future<Long> hashSize(String key) {
        return redis.send(Request.cmd(Command.HLEN).arg(key)).map(Response::toLong);
    }
}
