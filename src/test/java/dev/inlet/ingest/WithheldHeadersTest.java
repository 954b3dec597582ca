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
 * A plain-token signature's header is a credential: never stored with the event (so never a
 * variable either), as {@code key} and {@code Authorization} are not; a MAC header is stored.
 */
class WithheldHeadersTest {
    static final String GITLAB = "d0c1c2d3e4f5061728394a5b6c7d8e9f";
    static final String TOKEN = "gitlab-secret-token";

    static Inlet inlet;
    static SyncRedis redis;
    static String stream;

    @BeforeAll
    static void start() {
        stream = "test:withheld:" + UUID.randomUUID();
        String yaml =
                """
        server: { port: 0, host: 127.0.0.1 }
        redis: { url: "%s", stream: "%s", timeout: 2s }
        workers: { instances: 0 }
        services: [{ id: code }]
        endpoints:
          - { id: %s, service: code, auth: none, signature: { scheme: gitlab, secrets: ["%s"] } }
        """
                        .formatted(TestRedis.url(), stream, GITLAB, TOKEN);
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

    @Test
    void gitlabsTokenIsNotStoredButItsOtherHeadersAre() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + inlet.port() + "/v1/webhooks/" + GITLAB))
                                .timeout(Duration.ofSeconds(30))
                                .header("Content-Type", "application/json")
                                .header("X-Gitlab-Token", TOKEN)
                                .header("X-Gitlab-Event", "Push Hook")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"object_kind\":\"push\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        Response entries =
                redis.send(Request.cmd(Command.XRANGE).arg(stream).arg("-").arg("+"));
        assertThat(entries.size()).isEqualTo(1);
        Response fields = entries.get(0).get(1);
        JsonObject headers = null;
        for (int i = 0; i + 1 < fields.size(); i += 2) {
            if (fields.get(i).toString().equals("headers")) {
                headers = new JsonObject(fields.get(i + 1).toString());
            }
        }
        assertThat(headers).isNotNull();
        assertThat(headers.getString("x-gitlab-event")).isEqualTo("Push Hook");
        assertThat(headers.fieldNames()).doesNotContain("x-gitlab-token");
        assertThat(headers.encode()).doesNotContain(TOKEN);
    }
}
