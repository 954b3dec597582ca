package dev.inlet.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.inlet.Inlet;
import dev.inlet.config.ConfigLoader;
import dev.inlet.redis.EmbeddedRedis;
import dev.inlet.support.Http;
import dev.inlet.support.Waits;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/** Redis going away: 7005 with Retry-After in bounded time, and 1002 again once Redis is back. */
@ExtendWith(VertxExtension.class)
class RedisOutageTest {
    static final String ENDPOINT = "9a8b7c6d5e4f30211203a4b5c6d7e8f9";

    EmbeddedRedis redis;
    Inlet inlet;

    @BeforeEach
    void start() {
        redis = EmbeddedRedis.start();
        String yaml =
                """
        server: { port: 0, host: 127.0.0.1 }
        redis: { url: "%s", timeout: 1s }
        workers: { instances: 0 }
        services: [ { id: s, keys: [k] } ]
        endpoints: [ { id: %s, service: s, format: json, limit: { rate: 1000, per: 1s } } ]
        """
                        .formatted(redis.url(), ENDPOINT);
        inlet = Inlet.start(new ConfigLoader(Map.of()).parse(yaml));
    }

    @AfterEach
    void stop() {
        inlet.stop();
        redis.stop();
    }

    private Future<HttpResponse<Buffer>> post(Http http) {
        MultiMap headers = Http.headers("key", "k", "Content-Type", "application/json");
        return http.post("/v1/webhooks/" + ENDPOINT, headers, "{\"a\":1}");
    }

    @Test
    void redisDownIs7005ThenRecoversWhenRedisReturns(Vertx vertx, VertxTestContext tc) {
        Logger exchanges = (Logger) LoggerFactory.getLogger(Exchange.class);
        Level level = exchanges.getLevel();
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        exchanges.addAppender(log);
        exchanges.setLevel(Level.DEBUG);
        Http http = new Http(vertx, inlet.port());
        post(http)
                .compose(ok -> {
                    tc.verify(() -> assertThat(ok.statusCode()).isEqualTo(202));
                    return vertx.executeBlocking(() -> {
                        redis.stop();
                        return System.nanoTime();
                    });
                })
                .compose(stoppedAt -> post(http).map(down -> {
                    long tookMs = (System.nanoTime() - stoppedAt) / 1_000_000;
                    tc.verify(() -> {
                        assertThat(down.statusCode()).isEqualTo(503);
                        assertThat(down.bodyAsJsonObject().getString("code")).isEqualTo("7005");
                        assertThat(down.bodyAsJsonObject().containsKey("transid"))
                                .isFalse();
                        assertThat(down.getHeader("Retry-After")).isEqualTo("1");
                        // A bound against hanging, far above redis.timeout so a busy machine cannot flake it.
                        assertThat(tookMs).isLessThan(15_000);
                    });
                    return down;
                }))
                // The operator's diagnosis says what Redis failed to do (the limit check comes first).
                .compose(down -> Waits.until(vertx, () -> diagnosed(log), 10_000, "the 7005 diagnosis"))
                .onComplete(d -> {
                    exchanges.detachAppender(log);
                    exchanges.setLevel(level);
                })
                .compose(down -> vertx.executeBlocking(() -> {
                    redis = EmbeddedRedis.start(redis.port(), redis.dir(), false);
                    return null;
                }))
                .compose(up -> untilQueued(vertx, http, 40))
                .onComplete(tc.succeeding(back -> tc.verify(() -> {
                    assertThat(back.bodyAsJsonObject().getString("code")).isEqualTo("1002");
                    tc.completeNow();
                })));
    }

    private static boolean diagnosed(ListAppender<ILoggingEvent> log) {
        synchronized (log) {
            return log.list.stream()
                    .map(ILoggingEvent::getFormattedMessage)
                    .anyMatch(m ->
                            m.matches("endpoint=\\S+ code=7005 refused: the transaction limit could not be checked in"
                                    + " Redis \\(\\w+\\); not waived"));
        }
    }

    /** Retries every 250 ms until a 1002, as a sender would; fails after {@code tries}. */
    private Future<HttpResponse<Buffer>> untilQueued(Vertx vertx, Http http, int tries) {
        return post(http).compose(res -> {
            if (res.statusCode() == 202 || tries <= 1) {
                return Future.succeededFuture(res);
            }
            Promise<Void> later = Promise.promise();
            vertx.setTimer(250, t -> later.complete());
            return later.future().compose(v -> untilQueued(vertx, http, tries - 1));
        });
    }
}
