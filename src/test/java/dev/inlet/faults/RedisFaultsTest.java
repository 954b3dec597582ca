package dev.inlet.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.Inlet;
import dev.inlet.redis.EmbeddedRedis;
import dev.inlet.support.Waits;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * "Accepted means never lost" while Redis fails under load: 16 senders × 100 unique ids against an
 * ingest-only Inlet in this JVM, a fault injected once a quarter of the ids are queued, then every
 * id answered 1002 must be in the stream. Each scenario has its own Redis and Inlet.
 */
@Tag("faults")
@ExtendWith(VertxExtension.class)
class RedisFaultsTest {
    static final int SENDERS = 16;
    static final int PER_SENDER = 100;
    static final int FAULT_AFTER_QUEUED = SENDERS * PER_SENDER / 4;
    /** redis.timeout in these scenarios, and the anti-hang bound on any one answer above it. */
    static final long REDIS_TIMEOUT_MS = 1_000;

    static final long ANSWER_BOUND_MS = REDIS_TIMEOUT_MS + 5_000;

    final String stream = "faults:" + UUID.randomUUID();
    final AtomicReference<EmbeddedRedis> redis = new AtomicReference<>();
    Inlet inlet;

    @AfterEach
    void stop() {
        if (inlet != null) {
            inlet.stop();
        }
        if (redis.get() != null) {
            redis.get().stop();
        }
    }

    private LoadGenerator load(Vertx vertx, LoadGenerator.Options options) {
        return new LoadGenerator(vertx, inlet::port, Ingest.PATH, Ingest.headers(), options);
    }

    private static LoadGenerator.Options retrying() {
        return LoadGenerator.Options.of(SENDERS, PER_SENDER).retrying(100, 100).timeout(ANSWER_BOUND_MS);
    }

    /** Reads the stream from whatever Redis runs now and builds the scenario's report. */
    private Future<FaultReport> report(Vertx vertx, String scenario, LoadResult result) {
        Redis client = Redis.createClient(vertx, redis.get().url());
        return StreamContents.ids(client, stream)
                .map(inStream -> FaultReport.of(scenario, result, inStream).print())
                .eventually(client::close);
    }

    private Future<Void> restartRedis(Vertx vertx, EmbeddedRedis old) {
        return vertx.executeBlocking(() -> {
            old.stop();
            return null;
        });
    }

    private Future<Void> startAgain(Vertx vertx, EmbeddedRedis old) {
        return vertx.executeBlocking(() -> {
            redis.set(EmbeddedRedis.start(old.port(), old.dir(), old.appendOnly(), old.appendFsync()));
            return null;
        });
    }

    @Test
    @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
    void redisStoppedMidLoadThenStartedAgain(Vertx vertx, VertxTestContext tc) {
        EmbeddedRedis first = EmbeddedRedis.startAppendOnly("everysec");
        redis.set(first);
        inlet = Ingest.start(first.url(), stream, REDIS_TIMEOUT_MS + "ms");
        LoadGenerator gen = load(vertx, retrying());
        Future<LoadResult> run = gen.run("stop");
        Future<Void> fault = Waits.until(vertx, () -> gen.queued() >= FAULT_AFTER_QUEUED, 20_000, "a quarter queued")
                .compose(v -> restartRedis(vertx, first))
                .compose(v -> Waits.delay(vertx, 1_500))
                .compose(v -> startAgain(vertx, first));
        Future.all(run, fault)
                .compose(all -> report(vertx, "redis-stopped-then-started", run.result()))
                .onComplete(tc.succeeding(r -> tc.verify(() -> {
                    assertThat(r.lost())
                            .as("answered 1002 but not in the stream")
                            .isEmpty();
                    assertThat(r.count("7005")).as("7005 while Redis was down").isPositive();
                    assertThat(r.acknowledged())
                            .as("every id queued once Redis is back, without restarting Inlet")
                            .isEqualTo(r.ids());
                    assertThat(r.count(LoadResult.TIMEOUT) + r.count(LoadResult.CONNECTION))
                            .as("requests without an answer")
                            .isZero();
                    assertThat(r.slowestMs()).as("slowest answer, ms").isLessThan(ANSWER_BOUND_MS);
                    tc.completeNow();
                })));
    }

    @Test
    @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
    void redisPausedWithSigstopThenContinued(Vertx vertx, VertxTestContext tc) {
        EmbeddedRedis server = EmbeddedRedis.start();
        redis.set(server);
        inlet = Ingest.start(server.url(), stream, REDIS_TIMEOUT_MS + "ms");
        BlockedThreadWatch blocked = new BlockedThreadWatch();
        Redis admin = Redis.createClient(vertx, server.url());
        HttpClient probeClient = vertx.createHttpClient();
        AtomicBoolean paused = new AtomicBoolean();
        AtomicReference<String> probe = new AtomicReference<>();
        LoadGenerator gen = load(vertx, retrying());
        Future<Long> pid = RedisProcess.pid(admin);
        Future<LoadResult> run = pid.compose(p -> gen.run("pause"));
        Future<Void> fault = pid.compose(
                        p -> Waits.until(vertx, () -> gen.queued() >= FAULT_AFTER_QUEUED, 20_000, "a quarter queued"))
                .compose(v -> RedisProcess.signal(vertx, pid.result(), "STOP"))
                .compose(v -> {
                    paused.set(true);
                    // An event loop stuck on Redis would leave this unanswered until SIGCONT.
                    Future<Void> probed = probeClient
                            .request(new RequestOptions()
                                    .setMethod(HttpMethod.GET)
                                    .setHost("127.0.0.1")
                                    .setPort(inlet.port())
                                    .setURI("/no/such/route")
                                    .setIdleTimeout(ANSWER_BOUND_MS))
                            .compose(req -> req.send())
                            .compose(res -> res.body())
                            .map(body -> {
                                probe.set(new JsonObject(body).getString("code")
                                        + (paused.get() ? " while paused" : " after SIGCONT"));
                                return null;
                            });
                    return Future.all(probed, Waits.delay(vertx, 3_000)).<Void>mapEmpty();
                })
                .eventually(
                        () -> RedisProcess.signal(vertx, pid.result(), "CONT").onSuccess(v -> paused.set(false)));
        Future.all(run, fault)
                .compose(all -> report(vertx, "redis-paused-sigstop-3s", run.result()))
                .eventually(() -> admin.close().eventually(probeClient::close))
                .onComplete(tc.succeeding(r -> tc.verify(() -> {
                    blocked.close();
                    assertThat(probe.get()).as("unknown route during the pause").isEqualTo("7043 while paused");
                    assertThat(blocked.warnings()).as("blocked-thread warnings").isEmpty();
                    assertThat(r.lost())
                            .as("answered 1002 but not in the stream")
                            .isEmpty();
                    assertThat(r.count("7005"))
                            .as("7005 while Redis was paused")
                            .isPositive();
                    assertThat(r.count(LoadResult.TIMEOUT) + r.count(LoadResult.CONNECTION))
                            .as("requests without an answer")
                            .isZero();
                    assertThat(r.slowestMs()).as("slowest answer, ms").isLessThan(ANSWER_BOUND_MS);
                    assertThat(r.acknowledged())
                            .as("every id queued after SIGCONT")
                            .isEqualTo(r.ids());
                    tc.completeNow();
                })));
    }

    @Test
    @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
    void redisKilledAndRestartedWithAppendOnlyAlways(Vertx vertx, VertxTestContext tc) {
        EmbeddedRedis first = EmbeddedRedis.startAppendOnly("always");
        redis.set(first);
        inlet = Ingest.start(first.url(), stream, REDIS_TIMEOUT_MS + "ms");
        Redis admin = Redis.createClient(vertx, first.url());
        LoadGenerator gen = load(vertx, retrying());
        Future<Void> group = admin.send(Request.cmd(Command.XGROUP)
                        .arg("CREATE")
                        .arg(stream)
                        .arg("faults")
                        .arg("$")
                        .arg("MKSTREAM"))
                .compose(ok -> admin.send(Request.cmd(Command.CONFIG).arg("GET").arg("appendfsync")))
                .map(conf -> {
                    tc.verify(
                            () -> assertThat(conf.get("appendfsync").toString()).isEqualTo("always"));
                    return (Void) null;
                })
                .eventually(admin::close);
        Future<LoadResult> run = group.compose(v -> gen.run("aof"));
        // stop() kills the process (SIGKILL), as a crash would.
        Future<Void> fault = group.compose(
                        v -> Waits.until(vertx, () -> gen.queued() >= FAULT_AFTER_QUEUED, 20_000, "a quarter queued"))
                .compose(v -> restartRedis(vertx, first))
                .compose(v -> startAgain(vertx, first));
        Future.all(run, fault)
                .compose(all -> report(vertx, "redis-killed-restarted-aof-always", run.result()))
                .compose(r -> groups(vertx).map(g -> {
                    tc.verify(() -> assertThat(g)
                            .as("consumer groups after the restart")
                            .contains("faults"));
                    return r;
                }))
                .onComplete(tc.succeeding(r -> tc.verify(() -> {
                    assertThat(r.lost())
                            .as("answered 1002 but not in the stream after the restart")
                            .isEmpty();
                    assertThat(r.acknowledged())
                            .as("every id queued once Redis is back")
                            .isEqualTo(r.ids());
                    assertThat(r.count(LoadResult.TIMEOUT) + r.count(LoadResult.CONNECTION))
                            .as("requests without an answer")
                            .isZero();
                    tc.completeNow();
                })));
    }

    private Future<String> groups(Vertx vertx) {
        Redis client = Redis.createClient(vertx, redis.get().url());
        return client.send(Request.cmd(Command.XINFO).arg("GROUPS").arg(stream))
                .map(Response::toString)
                .eventually(client::close);
    }

    @Test
    @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
    void redisAtMaxmemoryWithNoevictionAnswers7005(Vertx vertx, VertxTestContext tc) {
        EmbeddedRedis server = EmbeddedRedis.start();
        redis.set(server);
        inlet = Ingest.start(server.url(), stream, "2s");
        Redis admin = Redis.createClient(vertx, server.url());
        // Events of ~4 KiB against 1 MiB of headroom: the 6 MiB of load cannot fit.
        LoadGenerator gen = load(
                vertx,
                LoadGenerator.Options.of(SENDERS, PER_SENDER).padded(4096).timeout(ANSWER_BOUND_MS));
        LoadGenerator warmUp = load(vertx, LoadGenerator.Options.of(SENDERS, 1));
        Future<LoadResult> run = warmUp.run("warm")
                .compose(w -> admin.send(Request.cmd(Command.INFO).arg("memory")))
                .compose(info -> {
                    long used = Long.parseLong(info.toString()
                            .lines()
                            .filter(l -> l.startsWith("used_memory:"))
                            .findFirst()
                            .orElseThrow()
                            .substring("used_memory:".length())
                            .trim());
                    return admin.send(Request.cmd(Command.CONFIG)
                                    .arg("SET")
                                    .arg("maxmemory-policy")
                                    .arg("noeviction"))
                            .compose(ok -> admin.send(Request.cmd(Command.CONFIG)
                                    .arg("SET")
                                    .arg("maxmemory")
                                    .arg(used + 1024 * 1024)));
                })
                .compose(ok -> gen.run("oom"));
        LoadGenerator after = load(vertx, LoadGenerator.Options.of(1, 1));
        run.compose(r -> report(vertx, "redis-maxmemory-noeviction", r))
                .compose(r -> admin.send(Request.cmd(Command.CONFIG)
                                .arg("SET")
                                .arg("maxmemory")
                                .arg(0))
                        .compose(ok -> after.run("freed"))
                        .map(again -> {
                            tc.verify(() -> assertThat(again.acknowledged())
                                    .as("1002 again once memory is available")
                                    .hasSize(1));
                            return r;
                        }))
                .eventually(admin::close)
                .onComplete(tc.succeeding(r -> tc.verify(() -> {
                    assertThat(r.lost())
                            .as("answered 1002 but not in the stream")
                            .isEmpty();
                    assertThat(r.count("7005"))
                            .as("7005 once Redis refuses writes")
                            .isPositive();
                    assertThat(r.unconfirmed())
                            .as("refused with 7005 yet written")
                            .isZero();
                    assertThat(r.outcomes().keySet())
                            .as("only 1002 and 7005")
                            .isSubsetOf(Map.of("1002", 0, "7005", 0).keySet());
                    tc.completeNow();
                })));
    }
}
