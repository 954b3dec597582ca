package dev.inlet.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.Inlet;
import dev.inlet.config.ConfigLoader;
import dev.inlet.redis.EmbeddedRedis;
import dev.inlet.support.Http;
import dev.inlet.worker.Receiver;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A slow receiver with trimming on: the backlog is ten times {@code redis.maxLength}, the workers
 * trim while it drains, and still every event answered 1002 reaches the receiver; once drained the
 * stream is trimmed back.
 */
@Tag("faults")
@ExtendWith(VertxExtension.class)
class SlowReceiverTrimmingTest {
    static final String EP = "5a0c1e2d3f4b5a6c7d8e9f0a1b2c3d4e";
    static final int EVENTS = 400;
    static final int MAX_LENGTH = 20;

    EmbeddedRedis redis;
    Inlet inlet;

    @AfterEach
    void stop() {
        if (inlet != null) {
            inlet.stop();
        }
        if (redis != null) {
            redis.stop();
        }
    }

    static Future<Void> eventually(Vertx vertx, Supplier<Future<Boolean>> check, long deadline) {
        return check.get().compose(ok -> {
            if (ok) {
                return Future.succeededFuture();
            }
            if (System.currentTimeMillis() > deadline) {
                return Future.failedFuture("not done before the deadline");
            }
            Promise<Void> later = Promise.promise();
            vertx.setTimer(100, t -> later.complete());
            return later.future().compose(v -> eventually(vertx, check, deadline));
        });
    }

    @Test
    void nothingUnacknowledgedIsTrimmedAway(Vertx vertx, VertxTestContext tc) {
        redis = EmbeddedRedis.start();
        Receiver receiver =
                Receiver.start(vertx).toCompletionStage().toCompletableFuture().join();
        receiver.delay(10);
        inlet = Inlet.start(new ConfigLoader(Map.of())
                .parse(
                        """
        server: { port: 0, host: 127.0.0.1 }
        redis: { url: "%s", stream: "trim:events", maxLength: %d }
        workers: { instances: 1, batchSize: 4, claimIdle: 1s, backoff: 50ms }
        services: [ { id: s, keys: [k] } ]
        endpoints: [ { id: %s, service: s, format: json, flows: [deliver] } ]
        flows:
          - id: deliver
            steps: [ { action: http, url: "%s", body: '{"n": "$n"}' } ]
        """
                                .formatted(redis.url(), MAX_LENGTH, EP, receiver.url("/slow"))));
        Http http = new Http(vertx, inlet.port());
        Redis client = Redis.createClient(vertx, redis.url());
        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            String n = Integer.toString(i);
            answers.add(http.post(
                            "/v1/webhooks/" + EP,
                            Http.headers("key", "k", "Content-Type", "application/json"),
                            "{\"n\": " + n + "}")
                    .map(r -> r.bodyAsJsonObject().getString("code").equals("1002") ? n : null));
        }
        long maxSeen[] = {0};
        Future.all(answers)
                .compose(all -> {
                    Set<String> accepted = new HashSet<>();
                    answers.forEach(f -> {
                        if (f.result() != null) {
                            accepted.add(f.result());
                        }
                    });
                    return eventually(
                                    vertx,
                                    () -> {
                                        Set<String> delivered = new HashSet<>();
                                        receiver.received(r -> r.path().equals("/slow"))
                                                .forEach(r -> delivered.add(
                                                        new io.vertx.core.json.JsonObject(r.text()).getString("n")));
                                        return client.send(Request.cmd(Command.XLEN)
                                                        .arg("trim:events"))
                                                .map(len -> {
                                                    maxSeen[0] = Math.max(maxSeen[0], len.toLong());
                                                    return delivered.containsAll(accepted);
                                                });
                                    },
                                    System.currentTimeMillis() + 45_000)
                            .map(accepted);
                })
                .compose(accepted -> eventually(
                                vertx,
                                () -> client.send(Request.cmd(Command.XLEN).arg("trim:events"))
                                        .map(len -> len.toLong() <= MAX_LENGTH + 100),
                                System.currentTimeMillis() + 10_000)
                        .map(accepted))
                .onComplete(tc.succeeding(accepted -> tc.verify(() -> {
                    Set<String> delivered = new HashSet<>();
                    receiver.received(r -> r.path().equals("/slow"))
                            .forEach(r -> delivered.add(new io.vertx.core.json.JsonObject(r.text()).getString("n")));
                    Set<String> lost = new HashSet<>(accepted);
                    lost.removeAll(delivered);
                    int duplicates =
                            receiver.received(r -> r.path().equals("/slow")).size() - delivered.size();
                    FaultReport.line(
                            "slow-receiver-trimming",
                            "sent=" + EVENTS + " 1002=" + accepted.size() + " lost=" + lost.size() + " duplicates="
                                    + duplicates + " max stream length seen=" + maxSeen[0] + " maxLength="
                                    + MAX_LENGTH);
                    assertThat(accepted).hasSize(EVENTS);
                    assertThat(lost).as("answered 1002 but never delivered").isEmpty();
                    assertThat(maxSeen[0])
                            .as("the backlog outgrew maxLength, so trimming had something to resist")
                            .isGreaterThan(MAX_LENGTH);
                    tc.completeNow();
                })));
    }
}
