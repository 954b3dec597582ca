package dev.inlet.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.Inlet;
import dev.inlet.config.ConfigLoader;
import dev.inlet.support.RawHttp;
import dev.inlet.support.SyncRedis;
import dev.inlet.support.TestRedis;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Verification handshakes through the real server: each answered byte-exact, at once, and never
 * queued; a forged or unverified one refused with the usual code; any other GET still 7044; an
 * ordinary event on the same endpoint queued as before. Slack runs under its own scheme; the other
 * handshakes are chosen with {@code signature.handshake} on an {@code hmac} endpoint (the body
 * signed in {@code X-Signature}), which is how a custom sender reuses one, so these tests hold
 * whatever scheme a provider's preset uses. The bodies and expected answers are the providers'
 * documented examples, as collected with their sources under each case.
 */
class HandshakeTest {
    static final String KEY = "handshake-key";
    static final String SLACK = "b0c1c2d3e4f5061728394a5b6c7d8e9f";
    static final String ZOOM = "b1c1c2d3e4f5061728394a5b6c7d8e9f";
    static final String TWITCH = "b2c1c2d3e4f5061728394a5b6c7d8e9f";
    static final String DISCORD = "b3c1c2d3e4f5061728394a5b6c7d8e9f";
    static final String META = "b4c1c2d3e4f5061728394a5b6c7d8e9f";
    static final String GRAPH = "b5c1c2d3e4f5061728394a5b6c7d8e9f";
    static final String PLAIN = "b6c1c2d3e4f5061728394a5b6c7d8e9f";
    static final String SLACK_OFF = "b7c1c2d3e4f5061728394a5b6c7d8e9f";
    static final String WOO = "b8c1c2d3e4f5061728394a5b6c7d8e9f";

    /** Slack's documented example secret (docs.slack.dev, "Verifying requests from Slack"). */
    static final String SLACK_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    /** Slack's url_verification example (docs.slack.dev/reference/events/url_verification). */
    static final String SLACK_CHALLENGE_BODY =
            "{\"token\":\"Jhj5dZrVaK7ZwHHjRyZWjbDl\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\","
                    + "\"type\":\"url_verification\"}";

    static final String ZOOM_SECRET = "inlet_zoom_secret_token_0001";
    /** Zoom's url_validation example (developers.zoom.us/docs/api/webhooks, "Validate your webhook endpoint"). */
    static final String ZOOM_BODY =
            "{\"payload\":{\"plainToken\":\"qgg8vlvZRS6UYooatFL8Aw\"},\"event_ts\":1654503849680,"
                    + "\"event\":\"endpoint.url_validation\"}";
    /** printf %s qgg8vlvZRS6UYooatFL8Aw | openssl dgst -sha256 -hmac inlet_zoom_secret_token_0001 */
    static final String ZOOM_ENCRYPTED = "cd048b2ec92e78f292e2ba6495090470bea150dbf46a9b24086277be5629e7ce";

    static final String SECRET = "handshake-secret";
    /** Twitch's challenge example (dev.twitch.tv/docs/eventsub/handling-webhook-events, "Responding to a challenge request"). */
    static final String TWITCH_BODY =
            "{\"challenge\":\"pogchamp-kappa-360noscope-vohiyo\",\"subscription\":{\"id\":\"f1c2a387-161a-49f9-a165-0f21d7a4e1c4\","
                    + "\"status\":\"webhook_callback_verification_pending\",\"type\":\"channel.follow\",\"version\":\"1\",\"cost\":1,"
                    + "\"condition\":{\"broadcaster_user_id\":\"12826\"},\"transport\":{\"method\":\"webhook\","
                    + "\"callback\":\"https://example.com/webhooks/callback\"},\"created_at\":\"2019-11-16T10:11:12.634234626Z\"}}";

    static Inlet inlet;
    static SyncRedis redis;
    static String stream;
    static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void start() {
        stream = "test:handshake:" + UUID.randomUUID();
        String yaml =
                """
        server: { port: 0, host: 127.0.0.1 }
        redis: { url: "%s", stream: "%s", timeout: 2s }
        workers: { instances: 0 }
        services:
          - { id: shop, keys: ["%s"] }
        endpoints:
          - { id: %s, service: shop, auth: none, signature: { scheme: slack, secrets: ["%s"] } }
          - { id: %s, service: shop, auth: none, signature: { scheme: hmac, handshake: zoom, secrets: ["%s"] } }
          - { id: %s, service: shop, auth: none, signature: { scheme: hmac, handshake: twitch, secrets: ["%s"] } }
          - { id: %s, service: shop, auth: none, signature: { scheme: hmac, handshake: discord, secrets: ["%s"] } }
          - id: %s
            service: shop
            auth: none
            signature: { scheme: hmac, handshake: meta, verifyToken: meatyhamhock, secrets: ["%s"] }
          - { id: %s, service: shop, auth: none, signature: { scheme: hmac, handshake: msgraph, secrets: ["%s"] } }
          - { id: %s, service: shop, auth: none, signature: { scheme: hmac, secrets: ["%s"] } }
          - { id: %s, service: shop, auth: none, signature: { scheme: slack, handshake: none, secrets: ["%s"] } }
          - { id: %s, service: shop, auth: none, signature: { scheme: hmac, handshake: woocommerce, secrets: ["%s"] } }
        """
                        .formatted(
                                TestRedis.url(),
                                stream,
                                KEY,
                                SLACK,
                                SLACK_SECRET,
                                ZOOM,
                                ZOOM_SECRET,
                                TWITCH,
                                SECRET,
                                DISCORD,
                                SECRET,
                                META,
                                SECRET,
                                GRAPH,
                                SECRET,
                                PLAIN,
                                SECRET,
                                SLACK_OFF,
                                SLACK_SECRET,
                                WOO,
                                SECRET);
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

    private static long streamLength() {
        return redis.send(Request.cmd(Command.XLEN).arg(stream)).toLong();
    }

    private static String hmacHex(String secret, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static URI uri(String endpoint, String query) {
        return URI.create(
                "http://127.0.0.1:" + inlet.port() + "/v1/webhooks/" + endpoint + (query == null ? "" : "?" + query));
    }

    private static HttpResponse<String> post(
            String endpoint, String query, String contentType, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(endpoint, query))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A POST signed as scheme hmac signs: hex HMAC-SHA256 of the body in X-Signature. */
    private static HttpResponse<String> signed(String endpoint, String body, String... headers) throws Exception {
        String[] all = new String[headers.length + 2];
        System.arraycopy(headers, 0, all, 0, headers.length);
        all[headers.length] = "X-Signature";
        all[headers.length + 1] = hmacHex(endpoint.equals(ZOOM) ? ZOOM_SECRET : SECRET, body);
        return post(endpoint, null, "application/json", body, all);
    }

    private static HttpResponse<String> slack(String endpoint, String body, String secret) throws Exception {
        String ts = Long.toString(System.currentTimeMillis() / 1000);
        return post(
                endpoint,
                null,
                "application/json",
                body,
                "X-Slack-Request-Timestamp",
                ts,
                "X-Slack-Signature",
                "v0=" + hmacHex(secret, "v0:" + ts + ":" + body));
    }

    private static HttpResponse<String> get(String endpoint, String query) throws Exception {
        return CLIENT.send(
                HttpRequest.newBuilder(uri(endpoint, query))
                        .timeout(Duration.ofSeconds(30))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void assertHandshake(HttpResponse<String> answer, String contentType, String body) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().firstValue("content-type")).hasValue(contentType);
        assertThat(answer.headers().firstValue("x-content-type-options")).hasValue("nosniff");
        assertThat(answer.body()).isEqualTo(body);
    }

    private static void assertCode(HttpResponse<String> answer, ResponseCode code) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(code.httpStatus());
        assertThat(new JsonObject(answer.body()).getString("code")).isEqualTo(code.code());
    }

    @Test
    void slacksUrlVerificationIsAnsweredWithTheChallengeOnceSigned() throws Exception {
        long before = streamLength();
        assertHandshake(
                slack(SLACK, SLACK_CHALLENGE_BODY, SLACK_SECRET),
                "text/plain",
                "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
        assertThat(streamLength()).isEqualTo(before);
    }

    @Test
    void aForgedOrUnsignedHandshakeGetsTheUsualRefusal() throws Exception {
        long before = streamLength();
        assertCode(slack(SLACK, SLACK_CHALLENGE_BODY, "another-secret"), ResponseCode.INVALID_SIGNATURE);
        assertCode(post(SLACK, null, "application/json", SLACK_CHALLENGE_BODY), ResponseCode.SIGNATURE_MISSING);
        assertCode(
                post(ZOOM, null, "application/json", ZOOM_BODY, "X-Signature", hmacHex("wrong", ZOOM_BODY)),
                ResponseCode.INVALID_SIGNATURE);
        assertThat(streamLength()).isEqualTo(before);
    }

    @Test
    void anOrdinaryEventOnAHandshakeEndpointIsQueued() throws Exception {
        long before = streamLength();
        assertCode(
                slack(SLACK, "{\"type\":\"event_callback\",\"event_id\":\"Ev1\"}", SLACK_SECRET), ResponseCode.QUEUED);
        assertCode(signed(DISCORD, "{\"type\":2,\"id\":\"1\"}"), ResponseCode.QUEUED);
        assertThat(streamLength()).isEqualTo(before + 2);
    }

    @Test
    void handshakeNoneQueuesTheChallengeAsAnEvent() throws Exception {
        long before = streamLength();
        assertCode(slack(SLACK_OFF, SLACK_CHALLENGE_BODY, SLACK_SECRET), ResponseCode.QUEUED);
        assertThat(streamLength()).isEqualTo(before + 1);
    }

    @Test
    void zoomsUrlValidationGetsThePlainTokenAndItsHmac() throws Exception {
        HttpResponse<String> answer = signed(ZOOM, ZOOM_BODY);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(answer.body())
                .isEqualTo("{\"plainToken\":\"qgg8vlvZRS6UYooatFL8Aw\",\"encryptedToken\":\"" + ZOOM_ENCRYPTED + "\"}");
    }

    @Test
    void twitchsChallengeIsAnsweredAsRawText() throws Exception {
        assertHandshake(
                signed(TWITCH, TWITCH_BODY, "Twitch-Eventsub-Message-Type", "webhook_callback_verification"),
                "text/plain",
                "pogchamp-kappa-360noscope-vohiyo");
        // The same body as a notification is an event.
        assertCode(signed(TWITCH, TWITCH_BODY, "Twitch-Eventsub-Message-Type", "notification"), ResponseCode.QUEUED);
    }

    @Test
    void discordsPingIsAnsweredPongAndAWebhookEventIsQueued() throws Exception {
        long before = streamLength();
        // An interactions PING as Discord sends it (docs/interactions/receiving-and-responding,
        // "Interaction Object": id, application_id, type, token, version).
        assertHandshake(
                signed(
                        DISCORD,
                        "{\"application_id\":\"1234567890123456789\",\"id\":\"9\",\"token\":\"t\",\"type\":1,"
                                + "\"user\":{\"id\":\"1\"},\"version\":1}"),
                "application/json",
                "{\"type\":1}");
        // A webhook-events delivery of type 1 (docs/events/webhook-events) has no token: an event.
        assertCode(
                signed(DISCORD, "{\"version\":1,\"application_id\":\"1234567890123456789\",\"type\":1,\"event\":{}}"),
                ResponseCode.QUEUED);
        assertThat(streamLength()).isEqualTo(before + 1);
    }

    @Test
    void metasGetIsAnsweredWithTheChallengeOnlyForTheVerifyToken() throws Exception {
        assertHandshake(
                get(META, "hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=meatyhamhock"),
                "text/plain",
                "1158201444");
        assertCode(
                get(META, "hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=guess"),
                ResponseCode.INVALID_SIGNATURE);
        assertCode(get(META, "hub.mode=subscribe&hub.challenge=1158201444"), ResponseCode.INVALID_SIGNATURE);
        assertCode(get(META, "hub.mode=subscribe&hub.verify_token=meatyhamhock"), ResponseCode.BAD_REQUEST);
    }

    @Test
    void anyOtherGetIsStill7044() throws Exception {
        assertCode(get(META, null), ResponseCode.METHOD_NOT_ALLOWED);
        assertCode(
                get(META, "hub.mode=unsubscribe&hub.challenge=1&hub.verify_token=meatyhamhock"),
                ResponseCode.METHOD_NOT_ALLOWED);
        assertCode(
                get(PLAIN, "hub.mode=subscribe&hub.challenge=1&hub.verify_token=meatyhamhock"),
                ResponseCode.METHOD_NOT_ALLOWED);
        assertCode(
                get("ffffffffffffffffffffffffffffffff", "hub.mode=subscribe&hub.challenge=1&hub.verify_token=x"),
                ResponseCode.METHOD_NOT_ALLOWED);
        assertCode(get(SLACK, null), ResponseCode.METHOD_NOT_ALLOWED);
    }

    @Test
    void graphsValidationTokenIsEchoedDecodedAsText() throws Exception {
        long before = streamLength();
        // The token's documented form (learn.microsoft.com/graph/change-notifications-delivery-webhooks,
        // "Notification endpoint validation"), form-encoded as Graph sends it: %3a and + decoded.
        assertHandshake(
                post(
                        GRAPH,
                        "validationToken=Validation%3a+Testing+client+application+reachability+for+subscription+"
                                + "Request-Id%3a+9b0c3a3e-1111-4a4b-8c9d-0123456789ab",
                        "text/plain; charset=utf-8",
                        ""),
                "text/plain",
                "Validation: Testing client application reachability for subscription "
                        + "Request-Id: 9b0c3a3e-1111-4a4b-8c9d-0123456789ab");
        // Without the parameter it is an ordinary request: unsigned, so refused.
        assertCode(post(GRAPH, null, "text/plain", ""), ResponseCode.SIGNATURE_MISSING);
        assertThat(streamLength()).isEqualTo(before);
    }

    @Test
    void anEchoedValueIsBounded() throws Exception {
        String token = "x".repeat(Handshake.MAX_VALUE + 1);
        assertCode(post(GRAPH, "validationToken=" + token, "text/plain", ""), ResponseCode.BAD_REQUEST);
        // An undecodable parameter is no parameter: not the handshake, so the usual checks refuse it.
        RawHttp.Answer undecodable = RawHttp.exchange(
                inlet.port(),
                "POST /v1/webhooks/" + GRAPH + "?validationToken=%ZZ HTTP/1.1\r\nHost: x\r\n"
                        + "Content-Type: text/plain\r\nContent-Length: 0\r\n\r\n",
                10_000);
        assertThat(undecodable.status()).isEqualTo(ResponseCode.SIGNATURE_MISSING.httpStatus());
        assertThat(new JsonObject(undecodable.body()).getString("code"))
                .isEqualTo(ResponseCode.SIGNATURE_MISSING.code());
    }

    /**
     * WooCommerce's ping when a webhook is saved (woocommerce/woocommerce
     * plugins/woocommerce/includes/class-wc-webhook.php, deliver_ping()): unsigned, its user agent,
     * form body {@code webhook_id=<id>}, and exactly 200 required.
     */
    @Test
    void wooCommercesPingIsAnswered200AndAnUnsignedDeliveryIsNot() throws Exception {
        long before = streamLength();
        String agent = "WooCommerce/9.4.2 Hookshot (WordPress/6.7.1)";
        HttpResponse<String> ping =
                post(WOO, null, "application/x-www-form-urlencoded", "webhook_id=42", "User-Agent", agent);
        assertThat(ping.statusCode()).isEqualTo(200);
        // A delivery names its topic: without its signature, refused as any other.
        assertCode(
                post(
                        WOO,
                        null,
                        "application/json",
                        "{\"id\":1}",
                        "User-Agent",
                        agent,
                        "X-WC-Webhook-Topic",
                        "order.created"),
                ResponseCode.SIGNATURE_MISSING);
        assertCode(
                post(WOO, null, "application/x-www-form-urlencoded", "webhook_id=42"), ResponseCode.SIGNATURE_MISSING);
        assertThat(streamLength()).isEqualTo(before);
    }
}
