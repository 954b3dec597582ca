package dev.inlet.ingest;

import static dev.inlet.support.SyncRedis.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.Inlet;
import dev.inlet.config.ConfigLoader;
import dev.inlet.support.RawHttp;
import dev.inlet.support.SyncRedis;
import dev.inlet.support.TestRedis;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code Expect: 100-continue} through the real server, over a raw socket that sends the head, waits
 * for the answer and only then the body: {@code 100 Continue} once the checks that need no body
 * passed, else the final refusal at once, with the body never sent, nothing queued and the
 * connection closed. No read here waits for a timeout to pass: each waits for bytes that must come.
 */
class ExpectContinueTest {
    static final String KEY = "expect-key";
    static final String OPEN = "e0b1c2d3e4f5061728394a5b6c7d8e9f";
    static final String FENCED = "e1b1c2d3e4f5061728394a5b6c7d8e9f";
    static final String SIGNED = "e2b1c2d3e4f5061728394a5b6c7d8e9f";
    static final String SMALL = "e3b1c2d3e4f5061728394a5b6c7d8e9f";
    static final String INACTIVE = "e4b1c2d3e4f5061728394a5b6c7d8e9f";
    static final String BODY = "{\"order\":42}";
    static final int TIMEOUT_MS = 10_000;

    static Inlet inlet;
    static SyncRedis redis;
    static String stream;

    @BeforeAll
    static void start() {
        stream = "test:expect:" + UUID.randomUUID();
        String yaml =
                """
        server: { port: 0, host: 127.0.0.1 }
        redis: { url: "%s", stream: "%s", timeout: 2s }
        workers: { instances: 0 }
        services:
          - { id: shop, keys: ["%s"] }
          - { id: off, active: false, keys: ["%s"] }
        endpoints:
          - { id: %s, service: shop, format: json }
          - { id: %s, service: shop, format: json, allowIps: ["203.0.113.0/24"] }
          - { id: %s, service: shop, format: json, signature: { scheme: github, secrets: [s] } }
          - { id: %s, service: shop, format: json, maxBodySize: 64 }
          - { id: %s, service: off, format: json }
        """
                        .formatted(TestRedis.url(), stream, KEY, KEY, OPEN, FENCED, SIGNED, SMALL, INACTIVE);
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

    private static String head(String version, String path, String headers, int length) {
        return "POST " + path + " " + version + "\r\nHost: x\r\nContent-Type: application/json\r\n" + headers
                + "Content-Length: " + length + "\r\n\r\n";
    }

    private static void write(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void assertAnswer(RawHttp.Answer answer, ResponseCode expected) {
        assertThat(answer.status()).as(answer.statusLine()).isEqualTo(expected.httpStatus());
        JsonObject json = new JsonObject(answer.body());
        assertThat(json.getString("code")).isEqualTo(expected.code());
        assertThat(json.getString("description")).isEqualTo(expected.description());
    }

    /** Sends the head, waits for 100 Continue, sends the body, and returns the final answer. */
    private static RawHttp.Answer continued(Socket socket, String path, String expect) throws IOException {
        write(socket, head("HTTP/1.1", path, "key: " + KEY + "\r\nExpect: " + expect + "\r\n", BODY.length()));
        RawHttp.Answer interim = RawHttp.readHead(socket);
        assertThat(interim.statusLine()).as("the answer to the head alone").isEqualTo("HTTP/1.1 100 Continue");
        write(socket, BODY);
        return RawHttp.read(socket);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"100-continue", "100-Continue", "100-continue, "})
    void anAcceptableHeadIsAnswered100ThenTheEventIsQueued(String expect) throws IOException {
        long before = streamLength();
        try (Socket socket = RawHttp.connect(inlet.port(), TIMEOUT_MS)) {
            RawHttp.Answer answer = continued(socket, "/v1/webhooks/" + OPEN, expect);
            assertAnswer(answer, ResponseCode.QUEUED);
            assertThat(answer.closed()).as("the connection stays open").isFalse();
            // The same connection serves the next request, with or without Expect.
            assertAnswer(continued(socket, "/v1/webhooks/" + OPEN, expect), ResponseCode.QUEUED);
        }
        assertThat(streamLength()).isEqualTo(before + 2);
    }

    @Test
    void aPathThatNeedsDecodingGoesThroughTheRouterAndIsAnswered100Too() throws IOException {
        String encoded = "/v1/webhooks/%" + Integer.toHexString(OPEN.charAt(0)) + OPEN.substring(1);
        try (Socket socket = RawHttp.connect(inlet.port(), TIMEOUT_MS)) {
            assertAnswer(continued(socket, encoded, "100-continue"), ResponseCode.QUEUED);
        }
    }

    static Stream<Arguments> refusedOnTheHead() {
        String open = "/v1/webhooks/" + OPEN;
        String key = "key: " + KEY + "\r\n";
        String expect = "100-continue";
        int large = 10 * 1024 * 1024;
        return Stream.of(
                Arguments.of(
                        "unknown endpoint",
                        "POST",
                        "/v1/webhooks/nope",
                        key,
                        large,
                        expect,
                        ResponseCode.UNKNOWN_ENDPOINT),
                Arguments.of(
                        "service inactive",
                        "POST",
                        "/v1/webhooks/" + INACTIVE,
                        key,
                        large,
                        expect,
                        ResponseCode.SERVICE_INACTIVE),
                Arguments.of(
                        "IP not allowed",
                        "POST",
                        "/v1/webhooks/" + FENCED,
                        key,
                        large,
                        expect,
                        ResponseCode.IP_NOT_ALLOWED),
                Arguments.of("no credential", "POST", open, "", large, expect, ResponseCode.SERVICE_KEY_MISSING),
                Arguments.of(
                        "no signature",
                        "POST",
                        "/v1/webhooks/" + SIGNED,
                        key,
                        large,
                        expect,
                        ResponseCode.SIGNATURE_MISSING),
                Arguments.of(
                        "declared over maxBodySize",
                        "POST",
                        "/v1/webhooks/" + SMALL,
                        key,
                        65,
                        expect,
                        ResponseCode.PAYLOAD_TOO_LARGE),
                Arguments.of(
                        "another expectation",
                        "POST",
                        open,
                        key,
                        BODY.length(),
                        "100-continue, x-inlet-test",
                        ResponseCode.EXPECTATION_FAILED),
                Arguments.of("wrong method", "PUT", open, key, large, expect, ResponseCode.METHOD_NOT_ALLOWED));
    }

    /** The head alone is refused with the final answer: no 100, the body never sent, nothing queued, closed. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedOnTheHead")
    void aRefusedHeadGetsItsFinalAnswerWithout100(
            String name, String method, String path, String headers, int length, String expect, ResponseCode expected)
            throws IOException {
        String head = head("HTTP/1.1", path, headers + "Expect: " + expect + "\r\n", length)
                .replaceFirst("^POST", method);
        long before = streamLength();
        try (Socket socket = RawHttp.connect(inlet.port(), TIMEOUT_MS)) {
            write(socket, head);
            RawHttp.Answer answer = RawHttp.read(socket);
            assertAnswer(answer, expected);
            assertThat(answer.header("Connection")).isEqualToIgnoringCase("close");
            assertThat(answer.closed()).as("closed: the body was never read").isTrue();
        }
        assertThat(streamLength()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"x-inlet-test", "100-continue=1", "100-continue, x-inlet-test"})
    void anyOtherExpectationIs417(String expect) throws IOException {
        try (Socket socket = RawHttp.connect(inlet.port(), TIMEOUT_MS)) {
            write(
                    socket,
                    head("HTTP/1.1", "/v1/webhooks/" + OPEN, "key: " + KEY + "\r\nExpect: " + expect + "\r\n", 2));
            RawHttp.Answer answer = RawHttp.read(socket);
            assertAnswer(answer, ResponseCode.EXPECTATION_FAILED);
            assertThat(answer.closed()).isTrue();
        }
    }

    /** HTTP/1.0 has no 100 (RFC 9110, 10.1.1): its Expect is ignored, so the first answer is the final one. */
    @Test
    void anHttp10ExpectationIsIgnored() throws IOException {
        long before = streamLength();
        for (String expect : new String[] {"100-continue", "x-inlet-test"}) {
            try (Socket socket = RawHttp.connect(inlet.port(), TIMEOUT_MS)) {
                write(
                        socket,
                        head(
                                        "HTTP/1.0",
                                        "/v1/webhooks/" + OPEN,
                                        "key: " + KEY + "\r\nExpect: " + expect + "\r\n",
                                        BODY.length())
                                + BODY);
                RawHttp.Answer answer = RawHttp.read(socket);
                assertThat(answer.statusLine()).startsWith("HTTP/1.");
                assertAnswer(answer, ResponseCode.QUEUED);
            }
        }
        assertThat(streamLength()).isEqualTo(before + 2);
    }

    /** Head and body in one write, without Expect: the first answer is the final one, and the connection is kept. */
    @Test
    void aRequestWithoutExpectIsAnsweredAsBefore() throws IOException {
        try (Socket socket = RawHttp.connect(inlet.port(), TIMEOUT_MS)) {
            for (int i = 0; i < 2; i++) {
                write(socket, head("HTTP/1.1", "/v1/webhooks/" + OPEN, "key: " + KEY + "\r\n", BODY.length()) + BODY);
                RawHttp.Answer answer = RawHttp.read(socket);
                assertAnswer(answer, ResponseCode.QUEUED);
                assertThat(answer.closed()).isFalse();
            }
        }
    }

    /**
     * The JDK's own client with {@code expectContinue(true)}: it sends the body only after the 100.
     * (JDK 17's never completed here when a refusal came instead of the 100, its own request timeout
     * notwithstanding, so refusals are left to the raw socket above.)
     */
    @Test
    void theJdkClientThatWaitsForThe100IsServed() throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        HttpResponse<String> accepted = client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + inlet.port() + "/v1/webhooks/" + OPEN))
                        .expectContinue(true)
                        .header("key", KEY)
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(BODY))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(new JsonObject(accepted.body()).getString("code")).isEqualTo(ResponseCode.QUEUED.code());
    }

    /** HTTP/2 carries a 100 as an interim HEADERS frame; Vert.x's client sends the body on it. */
    @Test
    void anHttp2ClientIsAnswered100Too() {
        var client = redis.vertx()
                .createHttpClient(new HttpClientOptions()
                        .setProtocolVersion(HttpVersion.HTTP_2)
                        .setHttp2ClearTextUpgrade(false));
        try {
            Promise<Void> continued = Promise.promise();
            // One chain on the client's event loop, so the answer's body cannot pass before it is read.
            JsonObject answer = await(client.request(new RequestOptions()
                            .setMethod(HttpMethod.POST)
                            .setHost("127.0.0.1")
                            .setPort(inlet.port())
                            .setURI("/v1/webhooks/" + OPEN)
                            .putHeader("key", KEY)
                            .putHeader("Content-Type", "application/json")
                            .putHeader("Expect", "100-continue"))
                    .compose(req -> {
                        req.continueHandler(v -> {
                            continued.tryComplete();
                            req.end(Buffer.buffer(BODY));
                        });
                        return req.sendHead().compose(v -> req.response());
                    })
                    .compose(res -> res.body().map(body -> new JsonObject()
                            .put("version", res.version().name())
                            .put("status", res.statusCode())
                            .put("body", new JsonObject(body)))));
            assertThat(continued.future().isComplete())
                    .as("100 Continue received")
                    .isTrue();
            assertThat(answer.getString("version")).isEqualTo(HttpVersion.HTTP_2.name());
            assertThat(answer.getInteger("status")).isEqualTo(202);
            assertThat(answer.getJsonObject("body").getString("code")).isEqualTo(ResponseCode.QUEUED.code());
        } finally {
            await(client.close());
        }
    }
}
