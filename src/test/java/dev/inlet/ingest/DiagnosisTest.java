package dev.inlet.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.inlet.Inlet;
import dev.inlet.config.ConfigLoader;
import dev.inlet.history.HistoryKeys;
import dev.inlet.history.HistoryRecord;
import dev.inlet.security.Signatures;
import dev.inlet.support.RawHttp;
import dev.inlet.support.SyncRedis;
import dev.inlet.support.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Every refusal code through the real server, and the diagnosis it yields, read from the DEBUG
 * line the exchange logs when it refuses ({@code endpoint=… code=… refused: <diagnosis>}),
 * captured by a logback {@link ListAppender} on the root logger with {@code dev.inlet.ingest} at
 * DEBUG for the test. The sender's answer stays the code's short body. No secret, service key,
 * expected MAC, JWT, verify token or payload value appears in a diagnosis or in any line logged
 * during the test ({@link #nothingSecretWasLogged}). Each refusal's record in its endpoint's
 * history has the same code and diagnosis, and no secret in any of its fields ({@link #recorded}).
 */
class DiagnosisTest {
    static final String SERVICE_KEY = "svc-key-7f3a9c1e55d04b2a";
    static final String GH_SECRET = "gh-secret-0e9d8c7b6a5f";
    static final String GH_OLD_SECRET = "gh-secret-old-1a2b3c4d";
    static final String WHSEC = "whsec_"
            + Base64.getEncoder().encodeToString("diagnosis-standard-secret-32byte".getBytes(StandardCharsets.UTF_8));
    static final String JWT_SECRET = "jwt-secret-diagnosis-long-enough-for-hs256-0123456789abcdef";
    static final String VERIFY_TOKEN = "verify-tok-5c6d7e8f";
    /** A value only the payloads hold: never in a diagnosis. */
    static final String PAYLOAD_VALUE = "payload-value-q8w7e6";

    static final HttpClient CLIENT = HttpClient.newHttpClient();
    static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();
    static final Logger INGEST = (Logger) LoggerFactory.getLogger("dev.inlet.ingest");
    static final List<String> SECRETS = new ArrayList<>();

    static Level ingestLevel;
    static Inlet inlet;

    @BeforeAll
    static void start() {
        ingestLevel = INGEST.getLevel();
        INGEST.setLevel(Level.DEBUG);
        LOG.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(LOG);
        SECRETS.addAll(List.of(SERVICE_KEY, GH_SECRET, GH_OLD_SECRET, WHSEC, JWT_SECRET, VERIFY_TOKEN));
        String yaml =
                """
        server:
          port: 0
          host: 127.0.0.1
          idleTimeout: 1s
          trustedProxies: ["127.0.0.1/32"]
          history: { refusals: 100000 }
        redis: { url: "%s", stream: "test:diagnosis:%s", timeout: 2s }
        workers: { instances: 0 }
        services:
          - { id: shop, keys: ["%s"] }
          - { id: sleepy, active: false, keys: ["%s"] }
          - { id: fenced, keys: ["%s"], allowIps: ["203.0.113.0/24"] }
          - { id: own, jwt: { secret: "%s", audience: inlet } }
          - { id: metered, keys: ["%s"], limit: { rate: 1, per: 1h, burst: 1 } }
        endpoints:
          - { id: plain, service: shop, format: json, maxBodySize: 100 }
          - { id: auto, service: shop, format: auto }
          - { id: xml, service: shop, format: xml }
          - { id: form, service: shop, format: form }
          - { id: multi, service: shop, format: multipart }
          - { id: asleep, service: sleepy, format: json }
          - { id: fenced-ep, service: fenced, format: json }
          - { id: jwt-ep, service: own, auth: jwt, format: json }
          - { id: metered-ep, service: metered, format: json }
          - { id: daily-ep, service: shop, format: json, limit: { daily: 1 } }
          - { id: gh, service: shop, auth: none, format: json, signature: { scheme: github, secrets: ["%s", "%s"] } }
          - { id: std, service: shop, auth: none, format: json, signature: { scheme: standard, secrets: ["%s"] } }
          - id: meta
            service: shop
            auth: none
            signature: { scheme: hmac, handshake: meta, verifyToken: "%s", secrets: ["%s"] }
        """
                        .formatted(
                                TestRedis.url(),
                                UUID.randomUUID(),
                                SERVICE_KEY,
                                SERVICE_KEY,
                                SERVICE_KEY,
                                JWT_SECRET,
                                SERVICE_KEY,
                                GH_SECRET,
                                GH_OLD_SECRET,
                                WHSEC,
                                VERIFY_TOKEN,
                                GH_SECRET);
        inlet = Inlet.start(new ConfigLoader(Map.of()).parse(yaml));
    }

    @AfterAll
    static void stop() {
        try {
            nothingSecretWasLogged();
        } finally {
            if (inlet != null) {
                inlet.stop();
            }
            ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(LOG);
            INGEST.setLevel(ingestLevel);
        }
    }

    /** No line logged while the test ran, message or exception, holds a secret. */
    static void nothingSecretWasLogged() {
        for (String line : lines()) {
            for (String secret : SECRETS) {
                assertThat(line).as("a logged line").doesNotContain(secret);
            }
        }
    }

    private static List<String> lines() {
        List<String> lines = new ArrayList<>();
        synchronized (LOG) {
            for (ILoggingEvent e : LOG.list) {
                StringBuilder line = new StringBuilder(e.getFormattedMessage());
                for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                    line.append(' ').append(t.getMessage());
                }
                lines.add(line.toString());
            }
        }
        return lines;
    }

    private static int port() {
        return inlet.port();
    }

    /**
     * The diagnosis of the refusal {@code code} of endpoint {@code endpoint} logged after {@code
     * before} lines, waited for (the line is written just after the answer).
     */
    private static String diagnosis(int before, String endpoint, ResponseCode code) throws InterruptedException {
        Pattern line = Pattern.compile("endpoint=" + Pattern.quote(endpoint) + " code=" + code.code()
                + " refused(?: \\(connection gone, no answer sent\\))?: (.*)");
        for (int wait = 0; wait < 1000; wait++) {
            List<String> lines = lines();
            for (String l : lines.subList(Math.min(before, lines.size()), lines.size())) {
                var m = line.matcher(l);
                if (m.matches()) {
                    String diagnosis = m.group(1);
                    for (String secret : SECRETS) {
                        assertThat(diagnosis).doesNotContain(secret);
                    }
                    assertThat(diagnosis).doesNotContain(PAYLOAD_VALUE);
                    recorded(endpoint, code, diagnosis, !l.contains("(connection gone, no answer sent)"));
                    return diagnosis;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no diagnosis of " + code.code() + " for " + endpoint + " in " + lines());
    }

    /**
     * The newest record of {@code endpoint}'s history (waited for: it is written after the answer)
     * has {@code code} and {@code diagnosis}, and none of its fields holds a secret.
     */
    private static void recorded(String endpoint, ResponseCode code, String diagnosis, boolean answered)
            throws InterruptedException {
        if (inlet.config().endpoints().stream().noneMatch(e -> e.id().equals(endpoint))) {
            return;
        }
        String key = HistoryKeys.of(inlet.config().redis().stream()).records(endpoint);
        try (SyncRedis redis = SyncRedis.open()) {
            for (int wait = 0; wait < 1000; wait++) {
                Response newest = redis.send(Request.cmd(Command.XREVRANGE)
                        .arg(key)
                        .arg("+")
                        .arg("-")
                        .arg("COUNT")
                        .arg(1));
                // The newest entry's last record is the newest.
                List<HistoryRecord> entry = newest.size() == 0 ? List.of() : HistoryRecord.readAll(newest.get(0));
                HistoryRecord r = entry.isEmpty() ? null : entry.get(entry.size() - 1);
                if (r != null && r.diagnosis().equals(diagnosis)) {
                    assertThat(r.code()).isEqualTo(Integer.parseInt(code.code()));
                    assertThat(r.status()).isEqualTo(answered ? code.httpStatus() : 0);
                    String all = r.toString()
                            + r.query()
                            + new String(r.headers(), StandardCharsets.UTF_8)
                            + new String(r.body(), StandardCharsets.UTF_8);
                    for (String secret : SECRETS) {
                        assertThat(all).as("a history record").doesNotContain(secret);
                    }
                    return;
                }
                Thread.sleep(10);
            }
        }
        throw new AssertionError("no history record of " + code.code() + " for " + endpoint + ": " + diagnosis);
    }

    private static HttpRequest.Builder post(String endpoint, String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + "/v1/webhooks/" + endpoint))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    /** Sends {@code request}, asserts the answer is exactly {@code code}'s short body, and returns its diagnosis. */
    private static String refused(HttpRequest.Builder request, String endpoint, ResponseCode code) throws Exception {
        int before = lines().size();
        HttpResponse<String> answer = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(code.httpStatus());
        assertThat(answer.body()).isEqualTo(code.encodedBody(null).toString());
        return diagnosis(before, endpoint, code);
    }

    private static String raw(String request, String endpoint, ResponseCode code) throws Exception {
        int before = lines().size();
        RawHttp.Answer answer = RawHttp.exchange(port(), request, 10_000);
        assertThat(answer.status()).isEqualTo(code.httpStatus());
        assertThat(answer.body()).isEqualTo(code.encodedBody(null).toString());
        return diagnosis(before, endpoint, code);
    }

    private static String json() {
        return "{\"v\":\"" + PAYLOAD_VALUE + "\"}";
    }

    @Test
    void unknownEndpointInactiveServiceAndClientAddress() throws Exception {
        assertThat(refused(post("nope", json()), "\"nope\"", ResponseCode.UNKNOWN_ENDPOINT))
                .isEqualTo("no endpoint \"nope\" is configured");
        assertThat(refused(post("asleep", json()).header("key", SERVICE_KEY), "asleep", ResponseCode.SERVICE_INACTIVE))
                .isEqualTo("service sleepy is inactive (active: false)");
        assertThat(refused(
                        post("fenced-ep", json()).header("key", SERVICE_KEY).header("X-Forwarded-For", "198.51.100.7"),
                        "fenced-ep",
                        ResponseCode.IP_NOT_ALLOWED))
                .isEqualTo("client 198.51.100.7 (via trusted proxy 127.0.0.1) is not in service fenced's allow list"
                        + " 203.0.113.0/24");
    }

    @Test
    void credentials() throws Exception {
        assertThat(refused(post("plain", json()), "plain", ResponseCode.SERVICE_KEY_MISSING))
                .isEqualTo("no credential in header key or Authorization (auth: any)");
        assertThat(refused(
                        post("plain", json()).header("key", "wrong-key"), "plain", ResponseCode.AUTHENTICATION_FAILED))
                .isEqualTo("the 9-character credential in header key matches none of service shop's 1 key");
        assertThat(refused(
                        post("plain", json()).header("Authorization", "Bearer wrong-key"),
                        "plain",
                        ResponseCode.AUTHENTICATION_FAILED))
                .isEqualTo("the 9-character credential in Authorization matches none of service shop's 1 key");
    }

    @Test
    void jwtRefusalsSayWhyAndNeverShowTheToken() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        String expired = token(
                JWT_SECRET,
                new JsonObject().put("iss", "own").put("aud", "inlet").put("exp", now - 3600));
        String audience = token(JWT_SECRET, new JsonObject().put("iss", "own").put("aud", "elsewhere"));
        String forged = token(
                "another-secret-long-enough-for-hs256-0123456789abcdef-xyz",
                new JsonObject().put("iss", "own").put("aud", "inlet"));
        SECRETS.addAll(List.of(expired, audience, forged));
        assertThat(refused(post("jwt-ep", json()).header("key", expired), "jwt-ep", ResponseCode.AUTHENTICATION_FAILED))
                .startsWith("JWT refused for service own: ")
                .containsIgnoringCase("expired");
        assertThat(refused(
                        post("jwt-ep", json()).header("key", audience), "jwt-ep", ResponseCode.AUTHENTICATION_FAILED))
                .startsWith("JWT refused for service own: ")
                .containsIgnoringCase("audience");
        assertThat(refused(
                        post("jwt-ep", json()).header("Authorization", "Bearer " + forged),
                        "jwt-ep",
                        ResponseCode.AUTHENTICATION_FAILED))
                .startsWith("JWT refused for service own: ")
                .containsIgnoringCase("signature");
        for (String t : List.of(expired, audience, forged)) {
            for (String part : t.split("\\.")) {
                SECRETS.add(part);
            }
        }
        nothingSecretWasLogged();
    }

    private static String token(String secret, JsonObject claims) {
        Vertx v = Vertx.vertx();
        try {
            return JWTAuth.create(
                            v,
                            new JWTAuthOptions()
                                    .addPubSecKey(new PubSecKeyOptions()
                                            .setAlgorithm("HS256")
                                            .setBuffer(secret)))
                    .generateToken(
                            claims, new JWTOptions().setAlgorithm("HS256").setIgnoreExpiration(true));
        } finally {
            v.close();
        }
    }

    @Test
    void bodySizeTimeAndExpectations() throws Exception {
        String big = "{\"v\":\"" + PAYLOAD_VALUE + "x".repeat(150) + "\"}";
        assertThat(refused(post("plain", big).header("key", SERVICE_KEY), "plain", ResponseCode.PAYLOAD_TOO_LARGE))
                .isEqualTo("Content-Length " + big.length() + " bytes is over the endpoint's maxBodySize 100 bytes;"
                        + " the body was not read");
        String chunk = Integer.toHexString(big.length());
        assertThat(raw(
                        "POST /v1/webhooks/plain HTTP/1.1\r\nHost: x\r\nkey: " + SERVICE_KEY
                                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk
                                + "\r\n" + big + "\r\n0\r\n\r\n",
                        "plain",
                        ResponseCode.PAYLOAD_TOO_LARGE))
                .isEqualTo("the body streamed past the endpoint's maxBodySize 100 bytes (no Content-Length);"
                        + " the rest was not read");
        // As in BadInputMatrixTest, the 408 may not reach the client before the connection closes (the
        // idle timeout is the same setting); the refusal and its diagnosis are there either way.
        int before = lines().size();
        RawHttp.Answer slow = RawHttp.exchange(
                port(),
                "POST /v1/webhooks/plain HTTP/1.1\r\nHost: x\r\nkey: " + SERVICE_KEY
                        + "\r\nContent-Type: application/json\r\nContent-Length: 50\r\n\r\n{\"v\":",
                10_000);
        assertThat(slow.status()).isIn(0, 408);
        String timedOut = diagnosis(before, "plain", ResponseCode.REQUEST_TIMEOUT);
        // The body timer and the connection's idle timeout are the same setting: whichever fires first
        // refuses it, and says which.
        assertThat(timedOut)
                .matches("the body did not arrive within server\\.idleTimeout \\(1000 ms\\): 5 bytes received of the 50"
                        + " declared|the connection ended before the body arrived \\(\\w+\\): 5 bytes received of the"
                        + " 50 declared; the client went away, or server\\.idleTimeout \\(1000 ms\\) closed it first");
        assertThat(raw(
                        "POST /v1/webhooks/plain HTTP/1.1\r\nHost: x\r\nkey: " + SERVICE_KEY
                                + "\r\nContent-Type: application/json\r\nExpect: 200-ok\r\nContent-Length: 2\r\n\r\n",
                        "plain",
                        ResponseCode.EXPECTATION_FAILED))
                .isEqualTo("Expect \"200-ok\" is not 100-continue; the body was not read");
    }

    @Test
    void aBodyCutOffByTheClientIsStillRefusedWithItsDiagnosis() throws Exception {
        int before = lines().size();
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port())) {
            socket.getOutputStream()
                    .write(("POST /v1/webhooks/plain HTTP/1.1\r\nHost: x\r\nkey: " + SERVICE_KEY
                                    + "\r\nContent-Type: application/json\r\nContent-Length: 50\r\n\r\n{\"v\":")
                            .getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            Thread.sleep(100);
        }
        assertThat(diagnosis(before, "plain", ResponseCode.REQUEST_TIMEOUT))
                .startsWith("the connection ended before the body arrived (")
                .contains("5 bytes received of the 50 declared");
    }

    @Test
    void formatsAndSyntax() throws Exception {
        assertThat(refused(
                        post("auto", json())
                                .header("key", SERVICE_KEY)
                                .header("Content-Type", "text/plain; x=\"a\tb\""),
                        "auto",
                        ResponseCode.UNSUPPORTED_MEDIA_TYPE))
                .isEqualTo("Content-Type \"text/plain; x=\\\"a\\tb\\\"\" is none of JSON, XML, form or multipart"
                        + " (endpoint format: auto)");
        assertThat(refused(
                        post("plain", "{\"v\":\"" + PAYLOAD_VALUE).header("key", SERVICE_KEY),
                        "plain",
                        ResponseCode.INVALID_JSON))
                .startsWith("JSON: unexpected end of input at line 1, column ");
        assertThat(refused(
                        post("xml", "<a>" + PAYLOAD_VALUE + "<b></a>").header("key", SERVICE_KEY),
                        "xml",
                        ResponseCode.INVALID_XML))
                .startsWith("XML: ");
        assertThat(refused(
                        post("form", "v=" + PAYLOAD_VALUE + "%zz").header("key", SERVICE_KEY),
                        "form",
                        ResponseCode.INVALID_FORM))
                .startsWith("form: ");
        assertThat(refused(
                        post("multi", "--b\r\n" + PAYLOAD_VALUE)
                                .header("key", SERVICE_KEY)
                                .header("Content-Type", "multipart/form-data; boundary=b"),
                        "multi",
                        ResponseCode.INVALID_MULTIPART))
                .startsWith("multipart: ");
    }

    @Test
    void limitSpent() throws Exception {
        HttpResponse<String> first = CLIENT.send(
                post("metered-ep", json()).header("key", SERVICE_KEY).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(refused(
                        post("metered-ep", json()).header("key", SERVICE_KEY),
                        "metered-ep",
                        ResponseCode.LIMIT_REACHED))
                .matches("service metered's limit 1/1h spent; retry in \\d+ s");
        HttpResponse<String> daily = CLIENT.send(
                post("daily-ep", json()).header("key", SERVICE_KEY).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(daily.statusCode()).isEqualTo(202);
        assertThat(refused(post("daily-ep", json()).header("key", SERVICE_KEY), "daily-ep", ResponseCode.LIMIT_REACHED))
                .matches("endpoint daily-ep's daily limit 1 spent; retry in \\d+ s");
    }

    @Test
    void signatures() throws Exception {
        String body = json();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String expected = Signatures.github(GH_SECRET, bytes);
        String expectedOld = Signatures.github(GH_OLD_SECRET, bytes);
        String forged = Signatures.github("not-the-secret", bytes);
        SECRETS.addAll(List.of(expected.substring(7), expectedOld.substring(7)));
        assertThat(refused(
                        post("gh", body).header("X-Hub-Signature-256", forged), "gh", ResponseCode.INVALID_SIGNATURE))
                .isEqualTo("X-Hub-Signature-256 present; HMAC-SHA256 over the " + bytes.length
                        + " body bytes with each of 2 secrets; none matched")
                .doesNotContain(forged.substring(7));
        assertThat(refused(post("gh", body), "gh", ResponseCode.SIGNATURE_MISSING))
                .isEqualTo("X-Hub-Signature-256 is absent or blank");
        assertThat(refused(
                        post("gh", body).header("X-Hub-Signature-256", "sha256=abc"),
                        "gh",
                        ResponseCode.INVALID_SIGNATURE))
                .isEqualTo("X-Hub-Signature-256 present; the signature is not 32 bytes as hex after \"sha256=\"");
        assertThat(refused(
                        post("gh", body).header("X-Hub-Signature-256", "sha1=abc"),
                        "gh",
                        ResponseCode.INVALID_SIGNATURE))
                .isEqualTo("X-Hub-Signature-256 present; no value starts with \"sha256=\"");

        long stale = System.currentTimeMillis() / 1000 - 412;
        String id = "msg_" + UUID.randomUUID();
        assertThat(refused(
                        post("std", body)
                                .header("webhook-id", id)
                                .header("webhook-timestamp", Long.toString(stale))
                                .header("webhook-signature", Signatures.standard(WHSEC, id, stale, bytes)),
                        "std",
                        ResponseCode.TIMESTAMP_OUT_OF_TOLERANCE))
                .matches(Pattern.quote("webhook-timestamp|svix-timestamp " + stale + " is ") + "41[1-4]"
                        + Pattern.quote(" s old; tolerance 300 s"));
    }

    @Test
    void handshakes() throws Exception {
        HttpRequest.Builder wrongToken = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port()
                        + "/v1/webhooks/meta?hub.mode=subscribe&hub.challenge=1&hub.verify_token=guess"))
                .GET();
        assertThat(refused(wrongToken, "meta", ResponseCode.INVALID_SIGNATURE))
                .isEqualTo("meta handshake: query parameter hub.verify_token matches none of the endpoint's 1 verify"
                        + " token");
        HttpRequest.Builder noChallenge = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port()
                        + "/v1/webhooks/meta?hub.mode=subscribe&hub.verify_token=" + VERIFY_TOKEN))
                .GET();
        assertThat(refused(noChallenge, "meta", ResponseCode.BAD_REQUEST))
                .startsWith("meta handshake: query parameter hub.challenge is missing");
        HttpRequest.Builder get = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port() + "/v1/webhooks/plain"))
                .GET();
        assertThat(refused(get, "\"plain\"", ResponseCode.METHOD_NOT_ALLOWED))
                .isEqualTo("GET to endpoint plain, whose signature has no GET handshake; webhooks are POSTed");
    }
}
