package dev.inlet.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.config.RedisConfig;
import dev.inlet.config.RedisMode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The start-up check against a real Redis whose policy each test sets with CONFIG SET. */
@ExtendWith(VertxExtension.class)
class RedisPreflightTest {
    static EmbeddedRedis server;

    @BeforeAll
    static void start() {
        server = EmbeddedRedis.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static Future<Void> policy(Redis redis, String policy) {
        return redis.send(Request.cmd(Command.CONFIG)
                        .arg("SET")
                        .arg("maxmemory-policy")
                        .arg(policy))
                .mapEmpty();
    }

    @Test
    void noevictionPasses(Vertx vertx, VertxTestContext tc) {
        Redis redis = Redis.createClient(vertx, server.url());
        policy(redis, "noeviction")
                .compose(v -> RedisPreflight.check(redis))
                .eventually(redis::close)
                .onComplete(tc.succeedingThenComplete());
    }

    @Test
    void theStartUpFormOpensAndClosesItsOwnClient(Vertx vertx, VertxTestContext tc) {
        RedisConfig config =
                new RedisConfig(server.url(), RedisMode.STANDALONE, "s", 0, Duration.ofSeconds(2), 1, 1, "mymaster");
        Redis redis = Redis.createClient(vertx, server.url());
        policy(redis, "volatile-ttl")
                .compose(v -> RedisPreflight.check(vertx, config, server.url()))
                .transform(ar -> policy(redis, "noeviction")
                        .compose(restored -> RedisPreflight.check(vertx, config, server.url()))
                        .map(passes -> {
                            tc.verify(() -> assertThat(ar.failed())
                                    .as("volatile-ttl refused")
                                    .isTrue());
                            return passes;
                        }))
                .eventually(redis::close)
                .onComplete(tc.succeedingThenComplete());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "allkeys-lru",
                "allkeys-lfu",
                "allkeys-random",
                "volatile-lru",
                "volatile-lfu",
                "volatile-random",
                "volatile-ttl"
            })
    void anEvictingPolicyIsRefusedWithOneLineNamingTheFix(String evicting, Vertx vertx, VertxTestContext tc) {
        Redis redis = Redis.createClient(vertx, server.url());
        policy(redis, evicting)
                .compose(v -> RedisPreflight.check(redis))
                .transform(ar -> policy(redis, "noeviction")
                        .compose(restored -> ar.succeeded()
                                ? Future.<Void>succeededFuture()
                                : Future.<Void>failedFuture(ar.cause())))
                .eventually(redis::close)
                .onComplete(ar -> tc.verify(() -> {
                    assertThat(ar.succeeded()).as("check on " + evicting).isFalse();
                    assertThat(ar.cause().getMessage())
                            .contains("maxmemory-policy is " + evicting)
                            .contains("set maxmemory-policy noeviction")
                            .doesNotContain("\n");
                    if (evicting.startsWith("allkeys")) {
                        assertThat(ar.cause().getMessage()).contains("queued events");
                    }
                    tc.completeNow();
                }));
    }

    @Test
    void aRedisThatForbidsConfigIsTrustedWithAWarning(Vertx vertx, VertxTestContext tc) {
        Redis admin = Redis.createClient(vertx, server.url());
        // A managed Redis typically denies CONFIG: an ACL user without it gets the same error reply.
        admin.send(Request.cmd(Command.ACL)
                        .arg("SETUSER")
                        .arg("noconfig")
                        .arg("on")
                        .arg(">pw")
                        .arg("~*")
                        .arg("+@all")
                        .arg("-config"))
                .compose(ok -> {
                    Redis limited = Redis.createClient(vertx, "redis://noconfig:pw@127.0.0.1:" + server.port());
                    return limited.send(Request.cmd(Command.CONFIG).arg("GET").arg("maxmemory-policy"))
                            .transform(denied -> {
                                tc.verify(() -> assertThat(denied.failed())
                                        .as("CONFIG for the limited user")
                                        .isTrue());
                                return RedisPreflight.check(limited);
                            })
                            .eventually(limited::close);
                })
                .eventually(admin::close)
                .onComplete(tc.succeedingThenComplete());
    }

    @Test
    void anUnreachableRedisFails(Vertx vertx, VertxTestContext tc) {
        EmbeddedRedis gone = EmbeddedRedis.start();
        gone.stop();
        Redis redis = Redis.createClient(vertx, gone.url());
        RedisPreflight.check(redis).eventually(redis::close).onComplete(tc.failingThenComplete());
    }
}
