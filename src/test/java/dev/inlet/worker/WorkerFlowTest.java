package dev.inlet.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.Inlet;
import dev.inlet.actions.TallyAction;
import dev.inlet.config.ConfigLoader;
import dev.inlet.support.Http;
import dev.inlet.support.TestRedis;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Events end to end: a real Inlet with workers, a real Redis and a real HTTP receiver. Flows and
 * rules on JSON and XML payloads, retries, dead letters and replay, unbound endpoints, the stream
 * and log actions and a custom action found with ServiceLoader.
 */
@ExtendWith(VertxExtension.class)
class WorkerFlowTest {
    static final String TOKEN = "admin-token-for-tests";
    static final String JSON_FLOW = "a0000000000000000000000000000001";
    static final String XML_FLOW = "a0000000000000000000000000000002";
    static final String RAW = "a0000000000000000000000000000003";
    static final String JSON_RULES = "a0000000000000000000000000000004";
    static final String XML_RULES = "a0000000000000000000000000000005";
    static final String FLAKY = "a0000000000000000000000000000006";
    static final String BROKEN = "a0000000000000000000000000000007";
    static final String UNBOUND = "a0000000000000000000000000000008";
    static final String FANOUT = "a0000000000000000000000000000009";
    static final Duration WITHIN = Duration.ofSeconds(10);

    static Vertx receiverVertx;
    static Receiver receiver;
    static Inlet inlet;
    static String stream;
    static String outStream;
    static final AtomicBoolean brokenHealed = new AtomicBoolean();

    Http http;
    Redis redis;

    @BeforeAll
    static void start() throws Exception {
        receiverVertx = Vertx.vertx();
        receiver = Receiver.start(receiverVertx)
                .toCompletionStage()
                .toCompletableFuture()
                .get();
        receiver.respond("/flaky", (req, nth) -> nth <= 2 ? 500 : 200);
        receiver.respond("/broken", (req, nth) -> brokenHealed.get() ? 200 : 503);
        stream = "test:flows:" + UUID.randomUUID();
        outStream = stream + ":out";
        String base = receiver.url("");
        String yaml =
                """
        server: { port: 0, host: 127.0.0.1 }
        admin: { token: %s }
        redis: { url: "%s", stream: "%s" }
        workers: { instances: 2, batchSize: 8, maxAttempts: 4, backoff: 50ms }
        services: [{ id: shop }]
        endpoints:
          - { id: %s, service: shop, auth: none, format: json, flows: [forward-json] }
          - { id: %s, service: shop, auth: none, format: xml, flows: [forward-xml] }
          - { id: %s, service: shop, auth: none, format: auto, flows: [forward-raw] }
          - { id: %s, service: shop, auth: none, format: json, rules: [big-json], flows: [tally] }
          - { id: %s, service: shop, auth: none, format: xml, rules: [big-xml], flows: [tally] }
          - { id: %s, service: shop, auth: none, format: json, flows: [flaky] }
          - { id: %s, service: shop, auth: none, format: json, flows: [broken] }
          - { id: %s, service: shop, auth: none, format: json }
          - { id: %s, service: shop, auth: none, format: json, flows: [fanout] }
        flows:
          - id: forward-json
            steps:
              - action: http
                url: "%s/json/$data.id"
                method: PUT
                headers: { X-Order: "$data.id", X-Source: inlet }
                body: '{"title": "$data.attributes.title", "id": "$data.id", "first": "$items[0].sku", "missing": "$nope"}'
              - { action: log, message: "order $data.id forwarded" }
          - id: forward-xml
            steps:
              - action: http
                url: "%s/xml"
                body: '{"id": "$order.@id", "first": "$order.item[0].sku", "second": "$order.item[1].sku", "note": "$order.note"}'
          - id: forward-raw
            steps:
              - { action: http, url: "%s/raw" }
          - id: tally
            steps:
              - { action: tally, label: "seen" }
          - id: flaky
            steps:
              - { action: http, url: "%s/flaky", body: "plain $data.id" }
          - id: broken
            steps:
              - { action: http, url: "%s/broken", timeout: 2s }
          - id: fanout
            steps:
              - { action: tally, label: "order $data.id of $data.customer.name" }
              - { action: stream, stream: "%s", maxLength: 100 }
              - { action: http, url: "%s/skipped", when: "$data.id == 'never'" }
              - { action: log }
        rules:
          - id: big-json
            when: "$.data[?(@.amount > 100)]"
            actions:
              - { action: http, url: "%s/big-json", body: '{"amount": "$data.amount"}' }
          - id: big-xml
            when: "/order[@total > 100]"
            actions:
              - { action: http, url: "%s/big-xml", body: '{"total": "$order.@total"}' }
        """
                        .formatted(
                                TOKEN,
                                TestRedis.url(),
                                stream,
                                JSON_FLOW,
                                XML_FLOW,
                                RAW,
                                JSON_RULES,
                                XML_RULES,
                                FLAKY,
                                BROKEN,
                                UNBOUND,
                                FANOUT,
                                base,
                                base,
                                base,
                                base,
                                base,
                                outStream,
                                base,
                                base,
                                base);
        inlet = Inlet.start(new ConfigLoader(Map.of()).parse(yaml));
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

    /** Posts an event and returns its transid. */
    private Future<String> send(String endpoint, String contentType, String body) {
        return http.post("/v1/webhooks/" + endpoint, Http.headers("Content-Type", contentType), body)
                .map(res -> {
                    if (res.statusCode() != 202) {
                        throw new AssertionError("not queued: " + res.statusCode() + " " + res.bodyAsString());
                    }
                    return res.bodyAsJsonObject().getString("transid");
                });
    }

    private Future<List<Receiver.Received>> delivered(Vertx vertx, String transid, int count) {
        return Poll.untilValue(vertx, () -> receiver.withTransid(transid), l -> l.size() >= count, WITHIN);
    }

    /** Until every event in the stream was delivered to a worker and acknowledged. */
    private Future<Long> allAcknowledged(Vertx vertx) {
        return Poll.until(vertx, () -> Streams.unfinished(redis, stream), n -> n == 0, WITHIN);
    }

    @Test
    void aFlowSendsTheTemplatedJsonBodyWithTheTransid(Vertx vertx, VertxTestContext ctx) {
        String body =
                """
        {"data": {"id": "o-17", "attributes": {"title": "He said \\"hi\\"\\n"}}, "items": [{"sku": "A-1"}]}""";
        send(JSON_FLOW, "application/json", body)
                .compose(transid -> delivered(vertx, transid, 1).map(got -> Map.entry(transid, got.get(0))))
                .onComplete(ctx.succeeding(sent -> ctx.verify(() -> {
                    Receiver.Received got = sent.getValue();
                    assertThat(got.method()).isEqualTo("PUT");
                    assertThat(got.path()).isEqualTo("/json/o-17");
                    assertThat(got.transid()).isEqualTo(sent.getKey());
                    assertThat(got.headers().get("X-Order")).isEqualTo("o-17");
                    assertThat(got.headers().get("X-Source")).isEqualTo("inlet");
                    assertThat(got.headers().get("Content-Type")).isEqualTo("application/json");
                    JsonObject json = new JsonObject(got.body());
                    assertThat(json.getString("title")).isEqualTo("He said \"hi\"\n");
                    assertThat(json.getString("id")).isEqualTo("o-17");
                    assertThat(json.getString("first")).isEqualTo("A-1");
                    assertThat(json.getString("missing")).isEmpty();
                    ctx.completeNow();
                })));
    }

    @Test
    void aFlowSendsTheTemplatedBodyOfAnXmlPayload(Vertx vertx, VertxTestContext ctx) {
        String body =
                "<order id=\"7\"><item><sku>A</sku></item><item><sku>B &amp; C</sku></item><note>say \"x\"</note></order>";
        send(XML_FLOW, "application/xml", body)
                .compose(transid -> delivered(vertx, transid, 1))
                .onComplete(ctx.succeeding(got -> ctx.verify(() -> {
                    assertThat(got.get(0).method()).isEqualTo("POST");
                    JsonObject json = new JsonObject(got.get(0).body());
                    assertThat(json.getString("id")).isEqualTo("7");
                    assertThat(json.getString("first")).isEqualTo("A");
                    assertThat(json.getString("second")).isEqualTo("B & C");
                    assertThat(json.getString("note")).isEqualTo("say \"x\"");
                    ctx.completeNow();
                })));
    }

    @Test
    void withoutABodyTheRawPayloadIsForwardedWithTheValidatedMediaType(Vertx vertx, VertxTestContext ctx) {
        String body = "<a  x='1'>caf\u00e9</a>\n";
        send(RAW, "text/xml; charset=utf-8", body)
                .compose(transid -> delivered(vertx, transid, 1))
                .onComplete(ctx.succeeding(got -> ctx.verify(() -> {
                    assertThat(got.get(0).text()).isEqualTo(body);
                    assertThat(got.get(0).headers().get("Content-Type")).isEqualTo("application/xml");
                    ctx.completeNow();
                })));
    }

    @Test
    void aJsonRuleFiresOnlyWhenItsConditionMatches(Vertx vertx, VertxTestContext ctx) {
        ruleFiresOnlyOnMatch(
                vertx,
                ctx,
                JSON_RULES,
                "application/json",
                "/big-json",
                "{\"data\": {\"amount\": 50}}",
                "{\"data\": {\"amount\": 150}}",
                "{\"amount\": \"150\"}");
    }

    @Test
    void anXmlRuleFiresOnlyWhenItsConditionMatches(Vertx vertx, VertxTestContext ctx) {
        ruleFiresOnlyOnMatch(
                vertx,
                ctx,
                XML_RULES,
                "application/xml",
                "/big-xml",
                "<order total=\"50\"/>",
                "<order total=\"150\"/>",
                "{\"total\": \"150\"}");
    }

    /** Over EventPipeline.INLINE_BODY_BYTES: parsed on a worker thread before the rule is tested. */
    private static final String PAD = "p".repeat(20 * 1024);

    @Test
    void aJsonRuleOnALargeBodyFiresOnlyWhenItsConditionMatches(Vertx vertx, VertxTestContext ctx) {
        ruleFiresOnlyOnMatch(
                vertx,
                ctx,
                JSON_RULES,
                "application/json",
                "/big-json",
                "{\"data\": {\"amount\": 50, \"pad\": \"" + PAD + "\"}}",
                "{\"data\": {\"amount\": 150, \"pad\": \"" + PAD + "\"}}",
                "{\"amount\": \"150\"}");
    }

    @Test
    void anXmlRuleOnALargeBodyFiresOnlyWhenItsConditionMatches(Vertx vertx, VertxTestContext ctx) {
        ruleFiresOnlyOnMatch(
                vertx,
                ctx,
                XML_RULES,
                "application/xml",
                "/big-xml",
                "<order total=\"50\"><pad>" + PAD + "</pad></order>",
                "<order total=\"150\"><pad>" + PAD + "</pad></order>",
                "{\"total\": \"150\"}");
    }

    private void ruleFiresOnlyOnMatch(
            Vertx vertx,
            VertxTestContext ctx,
            String endpoint,
            String type,
            String path,
            String small,
            String big,
            String expected) {
        send(endpoint, type, small)
                .compose(smallId -> send(endpoint, type, big).map(bigId -> List.of(smallId, bigId)))
                // The tally flow runs for both events; once both are acknowledged the rule ran or was skipped.
                .compose(ids -> Poll.untilValue(
                                vertx, () -> TallyAction.SEEN, s -> s.keySet().containsAll(ids), WITHIN)
                        .compose(s -> allAcknowledged(vertx))
                        .map(n -> ids))
                .onComplete(ctx.succeeding(ids -> ctx.verify(() -> {
                    assertThat(receiver.withTransid(ids.get(0)))
                            .as("the rule did not fire for the small event")
                            .isEmpty();
                    List<Receiver.Received> fired = receiver.withTransid(ids.get(1));
                    assertThat(fired).hasSize(1);
                    assertThat(fired.get(0).path()).isEqualTo(path);
                    assertThat(new JsonObject(fired.get(0).body())).isEqualTo(new JsonObject(expected));
                    ctx.completeNow();
                })));
    }

    @Test
    void aReceiverFailingTwiceGetsTwoRetriesThenSuccess(Vertx vertx, VertxTestContext ctx) {
        send(FLAKY, "application/json", "{\"data\": {\"id\": 5}}")
                .compose(transid -> delivered(vertx, transid, 3)
                        .compose(got -> allAcknowledged(vertx).map(n -> transid)))
                .onComplete(ctx.succeeding(transid -> ctx.verify(() -> {
                    List<Receiver.Received> got = receiver.withTransid(transid);
                    assertThat(got).hasSize(3).allMatch(r -> r.text().equals("plain 5"));
                    assertThat(got.get(0).headers().get("Content-Type")).startsWith("text/plain");
                    ctx.completeNow();
                })));
    }

    @Test
    void aReceiverThatAlwaysFailsLeadsToADeadLetterThatCanBeReplayed(Vertx vertx, VertxTestContext ctx) {
        Checkpoint replayedDelivery = ctx.checkpoint();
        send(BROKEN, "application/json", "{\"data\": {\"id\": 9}}")
                .compose(transid -> Poll.until(vertx, this::deadLetters, l -> find(l, transid) != null, WITHIN)
                        .map(l -> find(l, transid)))
                .compose(letter -> {
                    String transid = letter.getString("transid");
                    ctx.verify(() -> {
                        assertThat(letter.getString("endpoint")).isEqualTo(BROKEN);
                        assertThat(letter.getInteger("attempts")).isEqualTo(4);
                        assertThat(letter.getString("error"))
                                .contains("/broken")
                                .contains("answered 503");
                        assertThat(letter.containsKey("body"))
                                .as("no body unless asked")
                                .isFalse();
                        assertThat(receiver.withTransid(transid)).hasSize(4);
                    });
                    brokenHealed.set(true);
                    return admin(HttpMethod.POST, "/v1/admin/dead-letters/" + letter.getString("id") + "/replay")
                            .compose(res -> {
                                ctx.verify(() ->
                                        assertThat(res.getString("replayedAs")).isNotBlank());
                                return delivered(vertx, transid, 5);
                            })
                            .compose(got -> allAcknowledged(vertx))
                            .compose(n -> deadLetters())
                            .map(l -> find(l, transid));
                })
                .onComplete(ctx.succeeding(left -> ctx.verify(() -> {
                    assertThat(left).as("replayed, so no longer a dead letter").isNull();
                    replayedDelivery.flag();
                })));
    }

    private Future<JsonObject> admin(HttpMethod method, String path) {
        return http.send(method, path, Http.headers("Authorization", "Bearer " + TOKEN), null)
                .map(res -> {
                    if (res.statusCode() != 200) {
                        throw new AssertionError(
                                method + " " + path + ": " + res.statusCode() + " " + res.bodyAsString());
                    }
                    return res.bodyAsJsonObject();
                });
    }

    private Future<JsonArray> deadLetters() {
        return admin(HttpMethod.GET, "/v1/admin/dead-letters?count=100").map(j -> j.getJsonArray("deadLetters"));
    }

    private static JsonObject find(JsonArray letters, String transid) {
        for (int i = 0; i < letters.size(); i++) {
            if (transid.equals(letters.getJsonObject(i).getString("transid"))) {
                return letters.getJsonObject(i);
            }
        }
        return null;
    }

    @Test
    void anUnboundEndpointsEventsAreAcknowledgedWithoutAction(Vertx vertx, VertxTestContext ctx) {
        send(UNBOUND, "application/json", "{\"data\": {\"id\": 1}}")
                .compose(transid -> allAcknowledged(vertx)
                        .compose(n -> Streams.pending(redis, stream))
                        .map(p -> Map.entry(transid, p)))
                .onComplete(ctx.succeeding(done -> ctx.verify(() -> {
                    assertThat(done.getValue()).as("XPENDING").isZero();
                    assertThat(receiver.withTransid(done.getKey())).isEmpty();
                    assertThat(TallyAction.SEEN).doesNotContainKey(done.getKey());
                    ctx.completeNow();
                })));
    }

    @Test
    void customStreamAndLogActionsRunInOrderAndFalseStepsAreSkipped(Vertx vertx, VertxTestContext ctx) {
        send(FANOUT, "application/json", "{\"data\": {\"id\": \"o-3\", \"customer\": {\"name\": \"Ann\"}}}")
                .compose(transid -> allAcknowledged(vertx).map(n -> transid))
                .compose(transid -> redis.send(Request.cmd(Command.XRANGE)
                                .arg(outStream)
                                .arg("-")
                                .arg("+"))
                        .map(r -> Map.entry(transid, r)))
                .onComplete(ctx.succeeding(done -> ctx.verify(() -> {
                    String transid = done.getKey();
                    assertThat(TallyAction.SEEN).containsEntry(transid, "order o-3 of Ann");
                    // Tally keeps the default blocking(): it runs on a worker thread, the built-ins on the event loop.
                    assertThat(TallyAction.ON_WORKER_THREAD).containsEntry(transid, true);
                    Response out = done.getValue();
                    assertThat(out.size()).isEqualTo(1);
                    Map<String, String> fields = new java.util.HashMap<>();
                    Response kv = out.get(0).get(1);
                    for (int i = 0; i + 1 < kv.size(); i += 2) {
                        fields.put(kv.get(i).toString(), kv.get(i + 1).toString());
                    }
                    assertThat(fields)
                            .containsEntry("transid", transid)
                            .containsEntry("endpoint", FANOUT)
                            .containsEntry("format", "json")
                            .containsEntry("body", "{\"data\": {\"id\": \"o-3\", \"customer\": {\"name\": \"Ann\"}}}");
                    assertThat(new JsonObject(fields.get("variables")).getString("data.customer.name"))
                            .isEqualTo("Ann");
                    assertThat(receiver.received(r -> r.path().equals("/skipped")))
                            .isEmpty();
                    ctx.completeNow();
                })));
    }
}
