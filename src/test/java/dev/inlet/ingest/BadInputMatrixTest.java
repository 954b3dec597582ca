package dev.inlet.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.Inlet;
import dev.inlet.config.ConfigLoader;
import dev.inlet.support.Http;
import dev.inlet.support.RawHttp;
import dev.inlet.support.TestRedis;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile and unusual requests through the real HTTP server: each gets its defined code (or a 400
 * from the HTTP codec for bytes that are not HTTP), every answer with a body is Inlet's JSON, and
 * the server keeps serving.
 */
@ExtendWith(VertxExtension.class)
class BadInputMatrixTest {
    static final String KEY = "matrix-key";
    static final String JSON = "a0b1c2d3e4f5061728394a5b6c7d8e9f";
    static final String XML = "b0b1c2d3e4f5061728394a5b6c7d8e9f";
    static final String AUTO = "c0b1c2d3e4f5061728394a5b6c7d8e9f";
    static final int TIMEOUT_MS = 5_000;

    static Inlet inlet;

    @BeforeAll
    static void start() {
        String yaml =
                """
        server: { port: 0, host: 127.0.0.1, idleTimeout: 1s }
        redis: { url: "%s", stream: "test:matrix:%s", timeout: 2s }
        workers: { instances: 0 }
        services: [ { id: m, keys: ["%s"] } ]
        endpoints:
          - { id: %s, service: m, format: json }
          - { id: %s, service: m, format: xml, maxBodySize: 1MiB }
          - { id: %s, service: m, format: auto }
        """
                        .formatted(TestRedis.url(), UUID.randomUUID(), KEY, JSON, XML, AUTO);
        inlet = Inlet.start(new ConfigLoader(Map.of()).parse(yaml));
    }

    @AfterAll
    static void stop() {
        if (inlet != null) {
            inlet.stop();
        }
    }

    private static MultiMap headers(String contentType) {
        MultiMap h = Http.headers("key", KEY);
        if (contentType != null) {
            h.add("Content-Type", contentType);
        }
        return h;
    }

    private static void assertAnswer(int status, String body, ResponseCode expected) {
        assertThat(status).isEqualTo(expected.httpStatus());
        JsonObject json = new JsonObject(body);
        assertThat(json.getString("code")).isEqualTo(expected.code());
        assertThat(json.getString("description")).isEqualTo(expected.description());
    }

    static Stream<Arguments> bodies() {
        byte[] invalidUtf8 = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        byte[] invalidUtf8Xml = {'<', 'a', '>', (byte) 0xFF, (byte) 0xFE, '<', '/', 'a', '>'};
        return Stream.of(
                Arguments.of("empty JSON body", JSON, "application/json", new byte[0], ResponseCode.INVALID_JSON),
                Arguments.of("empty XML body", XML, "application/xml", new byte[0], ResponseCode.INVALID_XML),
                Arguments.of(
                        "auto endpoint, text/plain",
                        AUTO,
                        "text/plain",
                        bytes("{\"a\":1}"),
                        ResponseCode.UNSUPPORTED_MEDIA_TYPE),
                Arguments.of(
                        "auto endpoint, no Content-Type",
                        AUTO,
                        null,
                        bytes("{\"a\":1}"),
                        ResponseCode.UNSUPPORTED_MEDIA_TYPE),
                Arguments.of(
                        "auto endpoint, XML sent as JSON",
                        AUTO,
                        "application/json",
                        bytes("<a/>"),
                        ResponseCode.INVALID_JSON),
                Arguments.of(
                        "truncated JSON",
                        JSON,
                        "application/json",
                        bytes("{\"data\":{\"id\":4"),
                        ResponseCode.INVALID_JSON),
                Arguments.of("truncated XML", XML, "application/xml", bytes("<order><item>"), ResponseCode.INVALID_XML),
                Arguments.of("invalid UTF-8 in JSON", JSON, "application/json", invalidUtf8, ResponseCode.INVALID_JSON),
                Arguments.of("invalid UTF-8 in XML", XML, "application/xml", invalidUtf8Xml, ResponseCode.INVALID_XML),
                Arguments.of(
                        "10^5-deep JSON arrays",
                        JSON,
                        "application/json",
                        bytes("[".repeat(100_000) + "]".repeat(100_000)),
                        ResponseCode.INVALID_JSON),
                Arguments.of(
                        "10^5-deep XML",
                        XML,
                        "application/xml",
                        bytes("<a>".repeat(100_000) + "</a>".repeat(100_000)),
                        ResponseCode.INVALID_XML),
                Arguments.of(
                        "1000-digit number",
                        JSON,
                        "application/json",
                        bytes("{\"n\":" + "9".repeat(1000) + "}"),
                        ResponseCode.INVALID_JSON),
                Arguments.of(
                        "huge exponent (well-formed)",
                        JSON,
                        "application/json",
                        bytes("{\"n\":1e999999999}"),
                        ResponseCode.QUEUED),
                Arguments.of(
                        "DOCTYPE with an external entity",
                        XML,
                        "application/xml",
                        bytes("<!DOCTYPE a [<!ENTITY e SYSTEM \"http://127.0.0.1:9/x\">]><a>&e;</a>"),
                        ResponseCode.INVALID_XML),
                Arguments.of(
                        "NUL bytes in JSON",
                        JSON,
                        "application/json",
                        bytes("{\"a\":\"\u0000\"}"),
                        ResponseCode.INVALID_JSON));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodies")
    void eachBadBodyGetsItsCode(
            String name,
            String endpoint,
            String contentType,
            byte[] body,
            ResponseCode expected,
            Vertx vertx,
            VertxTestContext tc) {
        new Http(vertx, inlet.port())
                .send(HttpMethod.POST, "/v1/webhooks/" + endpoint, headers(contentType), Buffer.buffer(body))
                .onComplete(tc.succeeding(res -> tc.verify(() -> {
                    assertAnswer(res.statusCode(), res.bodyAsString(), expected);
                    tc.completeNow();
                })));
    }

    /** 10 MiB against the default 256 KiB limit: refused at once when declared, while streaming when chunked. */
    @ParameterizedTest(name = "chunked={0}")
    @ValueSource(booleans = {false, true})
    void tenMebibyteBodyIs7040(boolean chunked) throws IOException {
        try (Socket socket = RawHttp.connect(inlet.port(), TIMEOUT_MS)) {
            OutputStream out = socket.getOutputStream();
            int total = 10 * 1024 * 1024;
            String head = "POST /v1/webhooks/" + JSON + " HTTP/1.1\r\nHost: x\r\nkey: " + KEY
                    + "\r\nContent-Type: application/json\r\n"
                    + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + total + "\r\n") + "\r\n";
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) ' ');
            int sent = 0;
            // Write until the server answers or stops reading; it must not wait for all 10 MiB.
            while (sent < total && socket.getInputStream().available() == 0) {
                try {
                    if (chunked) {
                        out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    }
                    out.write(chunk);
                    if (chunked) {
                        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    }
                    sent += chunk.length;
                } catch (IOException refused) {
                    break;
                }
            }
            RawHttp.Answer answer = RawHttp.read(socket);
            assertThat(sent).as("bytes written before the answer").isLessThan(total);
            assertAnswer(answer.status(), answer.body(), ResponseCode.PAYLOAD_TOO_LARGE);
            assertThat(answer.closed())
                    .as("connection closed after a refused body")
                    .isTrue();
        }
        assertStillServing();
    }

    static Stream<Arguments> malformedHeads() {
        String path = "/v1/webhooks/" + JSON;
        String tail = "key: " + KEY + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}";
        return Stream.of(
                Arguments.of(
                        "bare CR inside a header value",
                        "POST " + path + " HTTP/1.1\r\nHost: x\r\nX-A: a\rInjected: 1\r\n" + tail),
                Arguments.of(
                        "NUL inside a header value",
                        "POST " + path + " HTTP/1.1\r\nHost: x\r\nX-A: a\u0000b\r\n" + tail),
                Arguments.of(
                        "space inside a header name",
                        "POST " + path + " HTTP/1.1\r\nHost: x\r\nBad Header: 1\r\n" + tail),
                Arguments.of(
                        "CR LF inside the request target",
                        "POST " + path + "\r\nInjected: 1 HTTP/1.1\r\nHost: x\r\n" + tail),
                Arguments.of(
                        "two Content-Lengths that disagree",
                        "POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n" + tail),
                Arguments.of(
                        "Content-Length and chunked together",
                        "POST " + path + " HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n" + tail));
    }

    /**
     * Not HTTP: the codec answers 400 (or closes), nothing is queued, nothing crashes. Content-Length
     * with chunked is read as chunked (RFC 9112), so "{}" is an unfinished chunk: 7045 after idleTimeout.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedHeads")
    void headerInjectionIsABadRequest(String name, String request) throws IOException {
        RawHttp.Answer answer = RawHttp.exchange(inlet.port(), request, TIMEOUT_MS);
        assertThat(answer.status()).as(name + ": " + answer.statusLine()).isIn(0, 400, 408);
        assertJsonWhenThereIsABody(answer);
        assertStillServing();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "/v1/webhooks/..%2F..%2Fetc",
                "/v1/webhooks/%00",
                "/v1/webhooks/..%2f..%2fetc%2fpasswd",
                "/v1/webhooks/../../etc/passwd",
                "/events/%2e%2e%2f%2e%2e%2fetc",
                "/v1/webhooks/%ZZ",
                "/v1/webhooks/a%0d%0aX-Injected:%201"
            })
    void pathTraversalInTheEndpointIdIsUnknown(String path) throws IOException {
        String request = "POST " + path + " HTTP/1.1\r\nHost: x\r\nkey: " + KEY
                + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}";
        RawHttp.Answer answer = RawHttp.exchange(inlet.port(), request, TIMEOUT_MS);
        assertThat(answer.status()).as(path + ": " + answer.statusLine()).isIn(400, 404);
        if (answer.status() == 404) {
            assertThat(new JsonObject(answer.body()).getString("code")).isIn("7008", "7043");
        }
        assertJsonWhenThereIsABody(answer);
    }

    @Test
    void http10ClientGetsACorrectAnswer() throws IOException {
        String body = "{\"v\":\"1.0\"}";
        String request = "POST /v1/webhooks/" + JSON + " HTTP/1.0\r\nkey: " + KEY
                + "\r\nContent-Type: application/json\r\n" + "Content-Length: " + body.length() + "\r\n\r\n" + body;
        RawHttp.Answer answer = RawHttp.exchange(inlet.port(), request, TIMEOUT_MS);
        assertThat(answer.statusLine()).startsWith("HTTP/1.");
        assertAnswer(answer.status(), answer.body(), ResponseCode.QUEUED);
        assertThat(new JsonObject(answer.body()).getString("transid")).isNotBlank();
        assertThat(answer.closed())
                .as("HTTP/1.0 without keep-alive: closed after the answer")
                .isTrue();
    }

    @Test
    void http2PriorKnowledgeClientIsQueued(Vertx vertx, VertxTestContext tc) {
        var client = vertx.createHttpClient(
                new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false));
        client.request(new RequestOptions()
                        .setMethod(HttpMethod.POST)
                        .setHost("127.0.0.1")
                        .setPort(inlet.port())
                        .setURI("/v1/webhooks/" + JSON)
                        .setHeaders(headers("application/json")))
                .compose(req -> req.send(Buffer.buffer("{\"v\":2}")))
                .compose(res -> res.body().map(body -> {
                    tc.verify(() -> {
                        assertThat(res.version()).isEqualTo(HttpVersion.HTTP_2);
                        assertAnswer(res.statusCode(), body.toString(), ResponseCode.QUEUED);
                    });
                    return body;
                }))
                .eventually(client::close)
                .onComplete(tc.succeedingThenComplete());
    }

    /** Headers, then a body that trickles one byte every 200 ms: cut off by idleTimeout (1 s), others still served. */
    @Test
    void slowBodyIsCutOffByTheIdleTimeout(Vertx vertx, VertxTestContext tc) {
        long started = System.nanoTime();
        Future<RawHttp.Answer> slow = vertx.executeBlocking(
                () -> {
                    try (Socket socket = RawHttp.connect(inlet.port(), TIMEOUT_MS)) {
                        OutputStream out = socket.getOutputStream();
                        out.write(("POST /v1/webhooks/" + JSON + " HTTP/1.1\r\nHost: x\r\nkey: " + KEY
                                        + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n")
                                .getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                        for (int i = 0; i < 50 && socket.getInputStream().available() == 0; i++) {
                            try {
                                out.write(' ');
                                out.flush();
                            } catch (IOException closed) {
                                break;
                            }
                            Thread.sleep(200); // the trickle is the attack being simulated
                        }
                        return RawHttp.read(socket);
                    }
                },
                false);
        // While the slow sender holds its connection, an ordinary request is answered.
        Future<HttpResponse<Buffer>> other = new Http(vertx, inlet.port())
                .post("/v1/webhooks/" + JSON, headers("application/json"), "{\"meanwhile\":true}");
        Future.all(slow, other)
                .onComplete(tc.succeeding(all -> tc.verify(() -> {
                    long tookMs = (System.nanoTime() - started) / 1_000_000;
                    RawHttp.Answer answer = slow.result();
                    assertThat(answer.status())
                            .as("slow body: " + answer.statusLine())
                            .isIn(0, 408);
                    if (answer.status() == 408) {
                        assertAnswer(answer.status(), answer.body(), ResponseCode.REQUEST_TIMEOUT);
                    }
                    assertThat(answer.closed()).isTrue();
                    assertThat(tookMs)
                            .as("cut off long before the 10 s trickle ends")
                            .isLessThan(8_000);
                    assertAnswer(other.result().statusCode(), other.result().bodyAsString(), ResponseCode.QUEUED);
                    tc.completeNow();
                })));
    }

    private static void assertJsonWhenThereIsABody(RawHttp.Answer answer) {
        if (!answer.body().isEmpty()) {
            JsonObject json = new JsonObject(answer.body());
            assertThat(json.getString("code")).isNotBlank();
            assertThat(json.getString("description")).isNotBlank();
        }
    }

    private static void assertStillServing() throws IOException {
        String body = "{\"after\":true}";
        RawHttp.Answer answer = RawHttp.exchange(
                inlet.port(),
                "POST /v1/webhooks/" + JSON + " HTTP/1.1\r\nHost: x\r\nkey: " + KEY
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                        + "\r\nConnection: close\r\n\r\n" + body,
                TIMEOUT_MS);
        assertAnswer(answer.status(), answer.body(), ResponseCode.QUEUED);
    }
}
