package dev.inlet.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.Inlet;
import dev.inlet.config.ConfigLoader;
import dev.inlet.config.InletConfig;
import dev.inlet.history.HistoryKeys;
import dev.inlet.history.Outcomes;
import dev.inlet.queue.EventFields;
import dev.inlet.queue.StreamEntry;
import dev.inlet.queue.StreamEntryCodec;
import dev.inlet.queue.StreamNames;
import dev.inlet.support.Http;
import dev.inlet.support.TestRedis;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The workers write each attempt's outcome into the endpoint's history (its outcomes set), through a
 * real Inlet, a real Redis and a real receiver: retried then delivered, dead, nothing bound, a rule
 * and a step skipped by their conditions, history off, a replay.
 */
@ExtendWith(VertxExtension.class)
class OutcomeHistoryTest {
    static final String FLAKY = "b0000000000000000000000000000001";
    static final String DOOMED = "b0000000000000000000000000000002";
    static final String UNBOUND = "b0000000000000000000000000000003";
    static final String RULES = "b0000000000000000000000000000004";
    static final String OFF = "b0000000000000000000000000000005";
    static final String OK = "b0000000000000000000000000000006";
    static final Duration WITHIN = Duration.ofSeconds(15);

    static Vertx receiverVertx;
    static Receiver receiver;
    static Inlet inlet;
    static InletConfig config;
    static HistoryKeys keys;

    Http http;
    Redis redis;

    @BeforeAll
    static void start() throws Exception {
        receiverVertx = Vertx.vertx();
        receiver = Receiver.start(receiverVertx)
                .toCompletionStage()
                .toCompletableFuture()
                .get();
        receiver.respond("/flaky", (req, nth) -> nth == 1 ? 500 : 200);
        receiver.respond("/down", (req, nth) -> 503);
        String stream = "test:outcomes:" + UUID.randomUUID();
        String base = receiver.url("");
        String yaml =
                """
        server: { port: 0, host: 127.0.0.1 }
        redis: { url: "%s", stream: "%s" }
        workers: { instances: 1, batchSize: 8, maxAttempts: 2, backoff: 20ms }
        services: [{ id: shop }]
        endpoints:
          - { id: %s, service: shop, auth: none, format: json, history: on, flows: [flaky] }
          - { id: %s, service: shop, auth: none, format: json, history: on, flows: [down] }
          - { id: %s, service: shop, auth: none, format: json, history: on }
          - { id: %s, service: shop, auth: none, format: json, history: on, rules: [big], flows: [maybe] }
          - { id: %s, service: shop, auth: none, format: json, history: off, flows: [ok] }
          - { id: %s, service: shop, auth: none, format: json, history: on, flows: [ok] }
        flows:
          - id: flaky
            steps: [ { action: http, url: "%s/flaky" } ]
          - id: down
            steps: [ { action: http, url: "%s/down/$data.id" } ]
          - id: ok
            steps: [ { action: http, url: "%s/ok" } ]
          - id: maybe
            steps:
              - { action: log, message: "order $data.id", when: "$data.id == 'never'" }
              - { action: log, message: "order $data.id" }
        rules:
          - id: big
            when: "$data.amount > 100"
            actions: [ { action: http, url: "%s/big" } ]
        """
                        .formatted(
                                TestRedis.url(),
                                stream,
                                FLAKY,
                                DOOMED,
                                UNBOUND,
                                RULES,
                                OFF,
                                OK,
                                base,
                                base,
                                base,
                                base);
        config = new ConfigLoader(Map.of()).parse(yaml);
        keys = HistoryKeys.of(stream);
        inlet = Inlet.start(config);
    }

    @AfterAll
    static void stop() throws Exception {
        if (inlet != null) {
            inlet.stop();
        }
        receiverVertx.close().toCompletionStage().toCompletableFuture().get();
    }

    @BeforeEach
    void clients(Vertx vertx) {
        http = new Http(vertx, inlet.port());
        redis = Redis.createClient(vertx, inlet.redisUrl());
    }

    @AfterEach
    void close() {
        redis.close();
    }

    private Future<String> send(String endpoint, String body) {
        return http.post("/v1/webhooks/" + endpoint, Http.headers("Content-Type", "application/json"), body)
                .map(res -> {
                    if (res.statusCode() != 202) {
                        throw new AssertionError("not queued: " + res.statusCode() + " " + res.bodyAsString());
                    }
                    return res.bodyAsJsonObject().getString("transid");
                });
    }

    /** Every member kept for {@code transid}, in the order the attempts ran. */
    private Future<List<String>> members(String endpoint, String transid) {
        return redis.send(Request.cmd(Command.XRANGE)
                        .arg(keys.outcomes(endpoint))
                        .arg("-")
                        .arg("+"))
                .map(r -> Outcomes.readAll(r).stream()
                        .filter(m -> Outcomes.transid(m).equals(transid))
                        .toList());
    }

    /** Until {@code count} attempts of {@code transid} are kept; their outcome JSON. */
    private Future<List<JsonObject>> outcomes(Vertx vertx, String endpoint, String transid, int count) {
        return Poll.until(vertx, () -> members(endpoint, transid), l -> l.size() >= count, WITHIN)
                .map(l -> l.stream().map(Outcomes::outcome).toList());
    }

    private static JsonObject run(JsonObject outcome, int index) {
        JsonArray runs = outcome.getJsonArray("runs");
        return runs.getJsonObject(index);
    }

    @Test
    void aFailedThenDeliveredEventKeepsBothAttempts(Vertx vertx, VertxTestContext ctx) {
        send(FLAKY, "{\"data\": {\"id\": 1}}")
                .compose(transid -> outcomes(vertx, FLAKY, transid, 2))
                .onComplete(ctx.succeeding(list -> ctx.verify(() -> {
                    assertThat(list).hasSize(2);
                    JsonObject first = list.get(0);
                    assertThat(first.getInteger("attempt")).isEqualTo(1);
                    assertThat(first.getString("state")).isEqualTo("retrying");
                    assertThat(first.getString("replay")).isEmpty();
                    assertThat(first.getString("error")).contains("answered 500");
                    assertThat(first.getJsonArray("runs")).hasSize(1);
                    JsonObject failed = run(first, 0);
                    assertThat(failed.getString("flow")).isEqualTo("flaky");
                    assertThat(failed.getString("action")).isEqualTo("http");
                    assertThat(failed.getBoolean("ran")).isTrue();
                    assertThat(failed.getInteger("status")).isEqualTo(500);
                    assertThat(failed.getString("error")).contains("answered 500");
                    assertThat(failed.getDouble("millis")).isNotNull();
                    JsonObject second = list.get(1);
                    assertThat(second.getInteger("attempt")).isEqualTo(2);
                    assertThat(second.getString("state")).isEqualTo("delivered");
                    assertThat(second.containsKey("error")).isFalse();
                    assertThat(run(second, 0).getInteger("status")).isEqualTo(200);
                    assertThat(run(second, 0).containsKey("error")).isFalse();
                    assertThat(second.getDouble("millis")).isNotNull();
                    ctx.completeNow();
                })));
    }

    @Test
    void theLastFailedAttemptIsDead(Vertx vertx, VertxTestContext ctx) {
        send(DOOMED, "{\"data\": {\"id\": 2}}")
                .compose(transid -> outcomes(vertx, DOOMED, transid, 2))
                .onComplete(ctx.succeeding(list -> ctx.verify(() -> {
                    assertThat(list).extracting(o -> o.getString("state")).containsExactly("retrying", "dead");
                    assertThat(run(list.get(1), 0).getInteger("status")).isEqualTo(503);
                    // Error messages name the url template, never a rendered value.
                    assertThat(list.get(1).getString("error")).contains("/down/$data.id");
                    ctx.completeNow();
                })));
    }

    @Test
    void anEndpointBoundToNothingKeepsNone(Vertx vertx, VertxTestContext ctx) {
        send(UNBOUND, "{\"data\": {\"id\": 3}}")
                .compose(transid -> outcomes(vertx, UNBOUND, transid, 1))
                .onComplete(ctx.succeeding(list -> ctx.verify(() -> {
                    assertThat(list).hasSize(1);
                    assertThat(list.get(0).getString("state")).isEqualTo("none");
                    assertThat(list.get(0).getJsonArray("runs")).isEmpty();
                    ctx.completeNow();
                })));
    }

    @Test
    void aFalseConditionShowsItsActionSkippedWithTheCondition(Vertx vertx, VertxTestContext ctx) {
        send(RULES, "{\"data\": {\"id\": \"o-4\", \"amount\": 5}}")
                .compose(transid -> outcomes(vertx, RULES, transid, 1))
                .onComplete(ctx.succeeding(list -> ctx.verify(() -> {
                    JsonObject outcome = list.get(0);
                    assertThat(outcome.getString("state")).isEqualTo("delivered");
                    assertThat(outcome.getJsonArray("runs")).hasSize(3);
                    JsonObject rule = run(outcome, 0);
                    assertThat(rule.getString("rule")).isEqualTo("big");
                    assertThat(rule.getString("action")).isEqualTo("http");
                    assertThat(rule.getBoolean("ran")).isFalse();
                    assertThat(rule.getString("skipped")).isEqualTo("$data.amount > 100");
                    JsonObject step = run(outcome, 1);
                    assertThat(step.getString("flow")).isEqualTo("maybe");
                    assertThat(step.getBoolean("ran")).isFalse();
                    assertThat(step.getString("skipped")).isEqualTo("$data.id == 'never'");
                    JsonObject ran = run(outcome, 2);
                    assertThat(ran.getString("action")).isEqualTo("log");
                    assertThat(ran.getBoolean("ran")).isTrue();
                    assertThat(ran.containsKey("skipped")).isFalse();
                    assertThat(ran.containsKey("status")).isFalse();
                    ctx.completeNow();
                })));
    }

    @Test
    void historyOffKeepsNothing(Vertx vertx, VertxTestContext ctx) {
        // The event with history off is processed first; one with history on, sent after it, is kept:
        // by then the first one's outcome would have been written too.
        send(OFF, "{\"data\": {\"id\": 5}}")
                .compose(off -> Poll.untilValue(vertx, () -> receiver.withTransid(off), l -> !l.isEmpty(), WITHIN)
                        .compose(l -> send(OK, "{\"data\": {\"id\": 6}}"))
                        .compose(on -> outcomes(vertx, OK, on, 1))
                        .compose(l -> redis.send(Request.cmd(Command.EXISTS).arg(keys.outcomes(OFF)))))
                .onComplete(ctx.succeeding(exists -> ctx.verify(() -> {
                    assertThat(exists.toInteger()).isZero();
                    ctx.completeNow();
                })));
    }

    @Test
    void aReplayKeepsItsAttemptUnderTheSameTransidWithReplaySet(Vertx vertx, VertxTestContext ctx) {
        String historyId = "1764547200000-7";
        String stream = StreamNames.of(config.redis()).shard(0).stream();
        send(OK, "{\"data\": {\"id\": 7}}")
                .compose(transid -> outcomes(vertx, OK, transid, 1).compose(first -> {
                    StreamEntry replay = StreamEntry.toAppend(
                            transid,
                            OK,
                            "shop",
                            System.currentTimeMillis(),
                            "application/json",
                            dev.inlet.config.PayloadFormat.JSON,
                            "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                            "",
                            "{\"data\": {\"id\": 7}}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    Request xadd = StreamEntryCodec.addFields(
                                    Request.cmd(Command.XADD).arg(stream).arg("*"), replay)
                            .arg(EventFields.REPLAY_OF)
                            .arg(historyId);
                    return redis.send(xadd).compose(id -> outcomes(vertx, OK, transid, 2));
                }))
                .onComplete(ctx.succeeding(list -> ctx.verify(() -> {
                    assertThat(list).hasSize(2);
                    assertThat(list.get(0).getString("replay")).isEmpty();
                    assertThat(list.get(1).getString("replay")).isEqualTo(historyId);
                    assertThat(list.get(1).getInteger("attempt")).isEqualTo(1);
                    assertThat(list.get(1).getString("state")).isEqualTo("delivered");
                    ctx.completeNow();
                })));
    }
}
