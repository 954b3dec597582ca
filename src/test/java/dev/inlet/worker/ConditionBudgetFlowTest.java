package dev.inlet.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.Inlet;
import dev.inlet.actions.ConditionDocuments;
import dev.inlet.config.ConfigLoader;
import dev.inlet.support.HostileBodies;
import dev.inlet.support.Http;
import dev.inlet.support.TestRedis;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 14's costly rule through a real Inlet, one worker, a real Redis and a real receiver: a
 * 250 KiB body that makes the rule quadratic fails after one attempt with the budget error and goes
 * to the dead-letter stream, while the other events the same worker reads are delivered.
 */
@ExtendWith(VertxExtension.class)
class ConditionBudgetFlowTest {
    private static final String TOKEN = "admin-token-for-tests";
    private static final String ENDPOINT = "b0000000000000000000000000000014";
    private static final Duration WITHIN = Duration.ofSeconds(20);
    private static final String BUDGET_ERROR = "rule blocked-skus: condition \"" + ConditionDocuments.QUADRATIC_XPATH
            + "\" exceeded its budget of 1,500,000 steps";

    static Vertx receiverVertx;
    static Receiver receiver;
    static Inlet inlet;

    @BeforeAll
    static void start() throws Exception {
        receiverVertx = Vertx.vertx();
        receiver = Receiver.start(receiverVertx)
                .toCompletionStage()
                .toCompletableFuture()
                .get();
        String yaml =
                """
        server: { port: 0, host: 127.0.0.1 }
        admin: { token: %s }
        redis: { url: "%s", stream: "test:budget:%s" }
        workers: { instances: 1, batchSize: 8, maxAttempts: 5, backoff: 50ms }
        services: [{ id: shop }]
        endpoints:
          - { id: %s, service: shop, auth: none, format: xml, rules: [blocked-skus], flows: [forward] }
        rules:
          - id: blocked-skus
            when: "%s"
            actions:
              - { action: http, url: "%s" }
        flows:
          - id: forward
            steps:
              - { action: http, url: "%s" }
        """
                        .formatted(
                                TOKEN,
                                TestRedis.url(),
                                UUID.randomUUID(),
                                ENDPOINT,
                                ConditionDocuments.QUADRATIC_XPATH,
                                receiver.url("/blocked"),
                                receiver.url("/forward"));
        inlet = Inlet.start(new ConfigLoader(Map.of()).parse(yaml));
    }

    @AfterAll
    static void stop() throws Exception {
        if (inlet != null) {
            inlet.stop();
        }
        receiverVertx.close().toCompletionStage().toCompletableFuture().get();
    }

    @Test
    void aBodyThatMakesTheRuleQuadraticIsDeadLetteredAfterOneAttemptAndTheOthersAreDelivered(
            Vertx vertx, VertxTestContext ctx) {
        Http http = new Http(vertx, inlet.port());
        String hostile = HostileBodies.itemsAndBlocked(250 * 1024);
        // Large but linear for the rule: a few items and a long note, tested ahead on a payload thread.
        String largeLegit =
                "<order><item sku=\"a\"/><blocked sku=\"z\"/><note>" + "n".repeat(200 * 1024) + "</note></order>";
        List<Future<String>> hostiles = new ArrayList<>();
        List<Future<String>> legit = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            hostiles.add(send(http, hostile));
            for (int k = 0; k < 4; k++) {
                legit.add(
                        send(http, "<order id=\"" + i + "-" + k + "\"><item sku=\"a\"/><blocked sku=\"b\"/></order>"));
            }
        }
        Future<String> blocked = send(http, "<order><item sku=\"x\"/><blocked sku=\"x\"/></order>");
        legit.add(send(http, largeLegit));
        Future.all(List.of(Future.all(hostiles), Future.all(legit), blocked))
                .compose(sent -> Poll.until(
                        vertx,
                        () -> deadLetters(http),
                        letters -> hostiles.stream().allMatch(h -> find(letters, h.result()) != null),
                        WITHIN))
                .compose(letters -> Poll.untilValue(
                                vertx,
                                () -> legit.stream()
                                        .map(t -> receiver.withTransid(t.result()))
                                        .toList(),
                                got -> got.stream().allMatch(l -> l.size() == 1),
                                WITHIN)
                        .map(got -> letters))
                .onComplete(ctx.succeeding(letters -> ctx.verify(() -> {
                    for (Future<String> sent : hostiles) {
                        JsonObject letter = find(letters, sent.result());
                        assertThat(letter.getInteger("attempts"))
                                .as("no retry: the budget would run out again")
                                .isEqualTo(1);
                        assertThat(letter.getString("error")).isEqualTo(BUDGET_ERROR);
                        // The flow ran once, beside the rule, in the event's one attempt; the rule's action never did.
                        assertThat(receiver.withTransid(sent.result()))
                                .extracting(Receiver.Received::path)
                                .containsExactly("/forward");
                    }
                    for (Future<String> sent : legit) {
                        assertThat(find(letters, sent.result())).isNull();
                        assertThat(receiver.withTransid(sent.result()))
                                .extracting(Receiver.Received::path)
                                .containsExactly("/forward");
                    }
                    assertThat(find(letters, blocked.result())).isNull();
                    assertThat(receiver.withTransid(blocked.result()))
                            .extracting(Receiver.Received::path)
                            .containsExactlyInAnyOrder("/forward", "/blocked");
                    ctx.completeNow();
                })));
    }

    private static Future<String> send(Http http, String body) {
        return http.post("/v1/webhooks/" + ENDPOINT, Http.headers("Content-Type", "application/xml"), body)
                .map(res -> {
                    if (res.statusCode() != 202) {
                        throw new AssertionError("not queued: " + res.statusCode() + " " + res.bodyAsString());
                    }
                    return res.bodyAsJsonObject().getString("transid");
                });
    }

    private static Future<JsonArray> deadLetters(Http http) {
        return http.send(
                        HttpMethod.GET,
                        "/v1/admin/dead-letters?count=100",
                        Http.headers("Authorization", "Bearer " + TOKEN),
                        null)
                .map(res -> res.bodyAsJsonObject().getJsonArray("deadLetters"));
    }

    private static JsonObject find(JsonArray letters, String transid) {
        for (int i = 0; i < letters.size(); i++) {
            if (transid.equals(letters.getJsonObject(i).getString("transid"))) {
                return letters.getJsonObject(i);
            }
        }
        return null;
    }
}
