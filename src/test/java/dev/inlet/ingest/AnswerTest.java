package dev.inlet.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.Inlet;
import dev.inlet.config.ConfigLoader;
import dev.inlet.support.SyncRedis;
import dev.inlet.support.TestRedis;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An endpoint's {@code answer} through the real server: the status, content type and body a sender
 * gets for an accepted event (with its transid where the template says), the same answer for a
 * repeated idempotency key, and refusals that keep the code body whatever the answer is.
 */
class AnswerTest {
    static final String KEY = "answer-key";
    static final String TWIML = "a0c1c2d3e4f5061728394a5b6c7d8e9f";
    static final String TEMPLATED = "a1c1c2d3e4f5061728394a5b6c7d8e9f";
    static final String NO_CONTENT = "a2c1c2d3e4f5061728394a5b6c7d8e9f";
    static final String CODE_BODY_200 = "a3c1c2d3e4f5061728394a5b6c7d8e9f";
    static final String EMPTY_200 = "a4c1c2d3e4f5061728394a5b6c7d8e9f";
    static final String DEFAULT = "a5c1c2d3e4f5061728394a5b6c7d8e9f";

    static Inlet inlet;
    static SyncRedis redis;
    static String stream;
    static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void start() {
        stream = "test:answer:" + UUID.randomUUID();
        String yaml =
                """
        server: { port: 0, host: 127.0.0.1 }
        redis: { url: "%s", stream: "%s", timeout: 2s }
        workers: { instances: 0 }
        services:
          - { id: shop, keys: ["%s"] }
        endpoints:
          - { id: %s, service: shop, answer: { status: 200, contentType: text/xml, body: "<Response/>" } }
          - id: %s
            service: shop
            idempotency: { header: X-Request-Id }
            answer: { status: 200, contentType: application/json, body: '{"ok":true,"id":"$transid","cost":"$$5"}' }
          - { id: %s, service: shop, answer: { status: 204 } }
          - { id: %s, service: shop, answer: { status: 200 } }
          - { id: %s, service: shop, answer: { status: 200, body: "" } }
          - { id: %s, service: shop }
        """
                        .formatted(
                                TestRedis.url(),
                                stream,
                                KEY,
                                TWIML,
                                TEMPLATED,
                                NO_CONTENT,
                                CODE_BODY_200,
                                EMPTY_200,
                                DEFAULT);
        inlet = Inlet.start(new ConfigLoader(Map.of()).parse(yaml));
        redis = SyncRedis.open();
    }

    @AfterAll
    static void stop() {
        if (inlet != null) {
            inlet.stop();
        }
        if (redis != null) {
            redis.close();
        }
    }

    private static HttpResponse<String> post(String endpoint, String key, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + inlet.port() + "/v1/webhooks/" + endpoint))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"order\":42}"));
        if (key != null) {
            request.header("key", key);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String contentType(HttpResponse<?> response) {
        return response.headers().firstValue("content-type").orElse(null);
    }

    /** The transids in the stream, oldest first. */
    private static java.util.List<String> queuedTransids() {
        Response entries =
                redis.send(Request.cmd(Command.XRANGE).arg(stream).arg("-").arg("+"));
        java.util.List<String> transids = new java.util.ArrayList<>();
        for (Response entry : entries) {
            Response fields = entry.get(1);
            for (int i = 0; i + 1 < fields.size(); i += 2) {
                if (fields.get(i).toString().equals("transid")) {
                    transids.add(fields.get(i + 1).toString());
                }
            }
        }
        return transids;
    }

    @Test
    void twilioGetsItsEmptyTwimlWithStatus200() throws Exception {
        HttpResponse<String> answer = post(TWIML, KEY);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(contentType(answer)).isEqualTo("text/xml");
        assertThat(answer.body()).isEqualTo("<Response/>");
    }

    @Test
    void theTemplateCarriesTheTransidOfTheQueuedEventAndRepeatsGetTheFirstOne() throws Exception {
        String requestId = UUID.randomUUID().toString();
        HttpResponse<String> first = post(TEMPLATED, KEY, "X-Request-Id", requestId);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(contentType(first)).isEqualTo("application/json");
        JsonObject body = new JsonObject(first.body());
        String transid = body.getString("id");
        assertThat(body.getBoolean("ok")).isTrue();
        assertThat(body.getString("cost")).isEqualTo("$5");
        assertThat(queuedTransids()).contains(transid);

        HttpResponse<String> repeat = post(TEMPLATED, KEY, "X-Request-Id", requestId);
        assertThat(repeat.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(repeat.body()).getString("id")).isEqualTo(transid);
        assertThat(queuedTransids()).containsOnlyOnce(transid);
    }

    @Test
    void a204HasNeitherBodyNorContentType() throws Exception {
        HttpResponse<String> answer = post(NO_CONTENT, KEY);
        assertThat(answer.statusCode()).isEqualTo(204);
        assertThat(answer.body()).isEmpty();
        assertThat(contentType(answer)).isNull();
    }

    @Test
    void aStatusAloneKeepsTheJsonCodeBody() throws Exception {
        HttpResponse<String> answer = post(CODE_BODY_200, KEY);
        assertThat(answer.statusCode()).isEqualTo(200);
        JsonObject body = new JsonObject(answer.body());
        assertThat(body.getString("code")).isEqualTo(ResponseCode.QUEUED.code());
        assertThat(queuedTransids()).contains(body.getString("transid"));
    }

    @Test
    void anEmptyBodyIsAnEmpty200() throws Exception {
        HttpResponse<String> answer = post(EMPTY_200, KEY);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEmpty();
        assertThat(answer.headers().firstValue("content-length")).hasValue("0");
    }

    @Test
    void withoutAnswerItIs202AndTheCodeBody() throws Exception {
        HttpResponse<String> answer = post(DEFAULT, KEY);
        assertThat(answer.statusCode()).isEqualTo(202);
        assertThat(contentType(answer)).isEqualTo("application/json");
        assertThat(new JsonObject(answer.body()).getString("code")).isEqualTo(ResponseCode.QUEUED.code());
    }

    @Test
    void aRefusalKeepsItsCodeBodyWhateverTheAnswer() throws Exception {
        HttpResponse<String> refused = post(TWIML, "wrong-key");
        assertThat(refused.statusCode()).isEqualTo(ResponseCode.AUTHENTICATION_FAILED.httpStatus());
        assertThat(contentType(refused)).isEqualTo("application/json");
        assertThat(new JsonObject(refused.body()).getString("code"))
                .isEqualTo(ResponseCode.AUTHENTICATION_FAILED.code());
    }
}
