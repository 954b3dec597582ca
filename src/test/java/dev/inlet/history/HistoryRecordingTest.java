package dev.inlet.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.Inlet;
import dev.inlet.config.ConfigLoader;
import dev.inlet.security.Signatures;
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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What ingest keeps of each request in its endpoint's history, through the real server and a real
 * Redis: the request (client and the proxy it came through, method, path, query and headers with
 * credentials masked or left out, the body up to {@code maxBodyBytes}) and the answer; {@code
 * history: off} keeps nothing; {@code keep} bounds the count; a flood of refusals is rate-bounded
 * and the rest counted.
 */
class HistoryRecordingTest {
    static final String KEY = "svc-key-history-5e4d3c2b";
    static final String GH_SECRET = "gh-secret-history-9a8b7c";
    static final HttpClient CLIENT = HttpClient.newHttpClient();
    static Inlet inlet;
    static SyncRedis redis;
    static HistoryKeys keys;

    @BeforeAll
    static void start() {
        String yaml =
                """
        server: { port: 0, host: 127.0.0.1, trustedProxies: ["127.0.0.1/32"] }
        redis: { url: "%s", stream: "test:history:%s" }
        workers: { instances: 0 }
        services:
          - { id: shop, keys: ["%s"] }
        endpoints:
          - { id: gh, service: shop, auth: none, format: json, signature: { scheme: github, secrets: ["%s"] } }
          - { id: keyed, service: shop, format: json }
          - { id: small, service: shop, format: json, history: { maxBodyBytes: 8 } }
          - { id: early, service: shop, format: json }
          - { id: marker, service: shop, format: json }
          - { id: silent, service: shop, format: json, history: off }
          - { id: few, service: shop, format: json, history: { keep: 3 } }
          - { id: flood, service: shop, format: json, history: { refusals: 2 } }
        """
                        .formatted(TestRedis.url(), UUID.randomUUID(), KEY, GH_SECRET);
        inlet = Inlet.start(new ConfigLoader(Map.of()).parse(yaml));
        redis = SyncRedis.open();
        keys = HistoryKeys.of(inlet.config().redis().stream());
    }

    @AfterAll
    static void stop() {
        if (redis != null) {
            redis.close();
        }
        if (inlet != null) {
            inlet.stop();
        }
    }

    @Test
    void anAcceptedEventIsKeptWithItsAnswerAndItsCredentialsMasked() throws Exception {
        String body = "{\"data\":{\"type\":\"order.created\"}}";
        HttpResponse<String> answer = send(HttpRequest.newBuilder(url("gh", "?token=abc123&page=2"))
                .header("X-Hub-Signature-256", Signatures.github(GH_SECRET, body.getBytes(StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer not-for-history")
                .header("Cookie", "session=not-for-history")
                .header("X-Forwarded-For", "198.51.100.7")
                .header("X-Custom", "kept")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(answer.statusCode()).isEqualTo(202);
        String transid = new JsonObject(answer.body()).getString("transid");

        HistoryRecord r = newest("gh", 1).get(0);
        assertThat(r.code()).isEqualTo(1002);
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.transid()).isEqualTo(transid);
        assertThat(r.diagnosis()).isEmpty();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/v1/webhooks/gh");
        assertThat(r.query()).isEqualTo("token=(masked)&page=2");
        assertThat(r.client()).isEqualTo("198.51.100.7");
        assertThat(r.peer()).isEqualTo("127.0.0.1");
        assertThat(r.service()).isEqualTo("shop");
        assertThat(r.format()).isEqualTo("json");
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(body);
        assertThat(r.bodyBytes()).isEqualTo(body.length());
        assertThat(r.bodyWhole()).isTrue();
        assertThat(r.receivedAt()).isPositive();
        assertThat(r.micros()).isNotNegative();
        JsonObject headers = new JsonObject(new String(r.headers(), StandardCharsets.UTF_8));
        assertThat(headers.getString("x-hub-signature-256")).isEqualTo("(masked, 71 chars)");
        assertThat(headers.getString("x-custom")).isEqualTo("kept");
        assertThat(headers.fieldNames()).doesNotContain("authorization", "cookie");
        String all = r + r.query() + headers.encode();
        assertThat(all)
                .doesNotContain(GH_SECRET)
                .doesNotContain(Signatures.github(GH_SECRET, body.getBytes(StandardCharsets.UTF_8))
                        .substring(7))
                .doesNotContain("not-for-history")
                .doesNotContain("abc123");
    }

    @Test
    void theServiceKeyIsNeverKept() throws Exception {
        send(HttpRequest.newBuilder(url("keyed", ""))
                .header("key", KEY)
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        send(HttpRequest.newBuilder(url("keyed", ""))
                .header("key", "wrong-" + KEY)
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        List<HistoryRecord> both = newest("keyed", 2);
        assertThat(both).extracting(HistoryRecord::code).containsExactly(7001, 1002);
        assertThat(both.get(0).diagnosis()).contains("key");
        for (HistoryRecord r : both) {
            assertThat(new String(r.headers(), StandardCharsets.UTF_8) + r).doesNotContain(KEY);
        }
    }

    @Test
    void aBodyOverMaxBodyBytesIsCountedNotKept() throws Exception {
        String body = "{\"a\":\"0123456789abcdef\"}";
        send(HttpRequest.newBuilder(url("small", ""))
                .header("key", KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        HistoryRecord r = newest("small", 1).get(0);
        assertThat(r.bodyBytes()).isEqualTo(body.length());
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(body.substring(0, 8));
        assertThat(r.bodyWhole()).isFalse();
    }

    @Test
    void aRequestRefusedBeforeItsBodyHasNoBody() throws Exception {
        send(HttpRequest.newBuilder(url("early", "")).POST(HttpRequest.BodyPublishers.ofString("{}")));
        HistoryRecord r = newest("early", 1).get(0);
        assertThat(r.code()).isEqualTo(7002);
        assertThat(r.bodyBytes()).isEqualTo(-1);
        assertThat(r.body()).isEmpty();
        assertThat(r.format()).isEmpty();
        assertThat(r.diagnosis()).isNotEmpty();
    }

    @Test
    void historyOffKeepsNothing() throws Exception {
        send(HttpRequest.newBuilder(url("silent", ""))
                .header("key", KEY)
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        // A record of another endpoint written after it shows the first had its chance.
        send(HttpRequest.newBuilder(url("marker", ""))
                .header("key", KEY)
                .POST(HttpRequest.BodyPublishers.ofString("{\"after\":1}")));
        newest("marker", 1);
        assertThat(redis.send(Request.cmd(Command.EXISTS).arg(keys.records("silent")))
                        .toInteger())
                .isZero();
    }

    @Test
    void keepBoundsTheCount() throws Exception {
        List<String> transids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> a = send(HttpRequest.newBuilder(url("few", ""))
                    .header("key", KEY)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"n\":" + i + "}")));
            transids.add(new JsonObject(a.body()).getString("transid"));
        }
        waitFor(() -> newestTransid("few").equals(transids.get(4)));
        assertThat(redis.send(Request.cmd(Command.XLEN).arg(keys.records("few")))
                        .toLong())
                .isEqualTo(3);
        assertThat(newest("few", 3))
                .extracting(HistoryRecord::transid)
                .containsExactly(transids.get(4), transids.get(3), transids.get(2));
    }

    @Test
    void aFloodOfRefusalsIsRateBoundedAndTheRestCounted() throws Exception {
        int sent = 40;
        long started = System.currentTimeMillis();
        for (int i = 0; i < sent; i++) {
            send(HttpRequest.newBuilder(url("flood", "")).POST(HttpRequest.BodyPublishers.ofString("{}")));
        }
        long seconds = (System.currentTimeMillis() - started) / 1000 + 1;
        // The last refusals are counted by the next pass of the history, within its period.
        waitFor(() -> recordedAndCounted("flood") == sent);
        long recorded = records("flood");
        assertThat(recorded).isBetween(1L, 2 * (seconds + 1));
        Response counted = redis.send(Request.cmd(Command.GET).arg(keys.unrecorded("flood")));
        assertThat(counted.toLong()).isEqualTo(sent - recorded);
    }

    private static long recordedAndCounted(String endpoint) {
        long recorded = records(endpoint);
        Response counted = redis.send(Request.cmd(Command.GET).arg(keys.unrecorded(endpoint)));
        return recorded + (counted == null ? 0 : counted.toLong());
    }

    /** How many records {@code endpoint}'s history holds, in all its entries. */
    private static long records(String endpoint) {
        long n = 0;
        for (Response e : redis.send(
                Request.cmd(Command.XRANGE).arg(keys.records(endpoint)).arg("-").arg("+"))) {
            n += HistoryRecord.readAll(e).size();
        }
        return n;
    }

    private static String newestTransid(String endpoint) {
        Response newest = redis.send(Request.cmd(Command.XREVRANGE)
                .arg(keys.records(endpoint))
                .arg("+")
                .arg("-")
                .arg("COUNT")
                .arg(1));
        if (newest.size() == 0) {
            return "";
        }
        // The newest entry's last record is the newest.
        List<HistoryRecord> all = HistoryRecord.readAll(newest.get(0));
        return all.get(all.size() - 1).transid();
    }

    /** The newest {@code count} records of {@code endpoint}, newest first, waited for. */
    private static List<HistoryRecord> newest(String endpoint, int count) throws InterruptedException {
        List<HistoryRecord> out = new ArrayList<>();
        waitFor(() -> {
            out.clear();
            Response rs = redis.send(Request.cmd(Command.XREVRANGE)
                    .arg(keys.records(endpoint))
                    .arg("+")
                    .arg("-")
                    .arg("COUNT")
                    .arg(count));
            rs.forEach(e -> {
                List<HistoryRecord> all = HistoryRecord.readAll(e);
                for (int i = all.size() - 1; i >= 0; i--) {
                    out.add(all.get(i));
                }
            });
            if (out.size() > count) {
                out.subList(count, out.size()).clear();
            }
            return out.size() == count;
        });
        return out;
    }

    private static void waitFor(java.util.function.BooleanSupplier done) throws InterruptedException {
        for (int i = 0; i < 2000; i++) {
            if (done.getAsBoolean()) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("not done in 20 s");
    }

    private static URI url(String endpoint, String query) {
        return URI.create("http://127.0.0.1:" + inlet.port() + "/v1/webhooks/" + endpoint + query);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
