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
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
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
    static final String FORM = "d0b1c2d3e4f5061728394a5b6c7d8e9f";
    static final String MULTIPART = "e0b1c2d3e4f5061728394a5b6c7d8e9f";
    static final String BOUNDARY = "----inletMatrix7MA4YWxkTrZu0gW";
    static final String MULTIPART_TYPE = "multipart/form-data; boundary=" + BOUNDARY;
    static final int TIMEOUT_MS = 5_000;

    static Inlet inlet;
    static String stream;

    @BeforeAll
    static void start() {
        stream = "test:matrix:" + UUID.randomUUID();
        String yaml =
                """
        server: { port: 0, host: 127.0.0.1, idleTimeout: 1s }
        redis: { url: "%s", stream: "%s", timeout: 2s }
        workers: { instances: 0 }
        services: [ { id: m, keys: ["%s"] } ]
        endpoints:
          - { id: %s, service: m, format: json }
          - { id: %s, service: m, format: xml, maxBodySize: 1MiB }
          - { id: %s, service: m, format: auto }
          - { id: %s, service: m, format: form, maxBodySize: 5MiB }
          - { id: %s, service: m, format: multipart, maxBodySize: 1MiB }
        """
                        .formatted(TestRedis.url(), stream, KEY, JSON, XML, AUTO, FORM, MULTIPART);
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

    /** One multipart text part. */
    private static String part(String name, String value) {
        return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    }

    private static final String CLOSE = "--" + BOUNDARY + "--\r\n";

    static Stream<Arguments> formBodies() {
        byte[] rawInvalidUtf8 = {'a', '=', (byte) 0xC3, (byte) 0x28};
        String form = "application/x-www-form-urlencoded";
        return Stream.of(
                Arguments.of("empty form: no fields", FORM, form, new byte[0], ResponseCode.QUEUED),
                Arguments.of("a=&b", FORM, form, bytes("a=&b"), ResponseCode.QUEUED),
                Arguments.of("bad percent escape", FORM, form, bytes("a=%zz&b=1"), ResponseCode.INVALID_FORM),
                Arguments.of("escape cut by the end", FORM, form, bytes("a=%4"), ResponseCode.INVALID_FORM),
                Arguments.of("escaped invalid UTF-8", FORM, form, bytes("a=%C3%28"), ResponseCode.INVALID_FORM),
                Arguments.of("escaped overlong UTF-8", FORM, form, bytes("a=%C0%AF"), ResponseCode.INVALID_FORM),
                Arguments.of("raw invalid UTF-8", FORM, form, rawInvalidUtf8, ResponseCode.INVALID_FORM),
                Arguments.of("10,001 fields", FORM, form, bytes("a=1&".repeat(10_001)), ResponseCode.INVALID_FORM),
                Arguments.of("10,000 fields", FORM, form, bytes("a=1&".repeat(10_000)), ResponseCode.QUEUED),
                Arguments.of("4,097-byte name", FORM, form, bytes("n".repeat(4097) + "=1"), ResponseCode.INVALID_FORM),
                Arguments.of(
                        "value over 4 MiB (checked off the event loop)",
                        FORM,
                        form,
                        bytes("v=" + "x".repeat(4 * 1024 * 1024 + 1)),
                        ResponseCode.INVALID_FORM),
                Arguments.of(
                        "auto endpoint, form", AUTO, form + "; charset=utf-8", bytes("a=%"), ResponseCode.INVALID_FORM),
                Arguments.of("auto endpoint, good form", AUTO, form, bytes("a=1"), ResponseCode.QUEUED),
                Arguments.of(
                        "multipart, well-formed",
                        MULTIPART,
                        MULTIPART_TYPE,
                        bytes(part("a", "1") + CLOSE),
                        ResponseCode.QUEUED),
                Arguments.of(
                        "multipart, empty body",
                        MULTIPART,
                        MULTIPART_TYPE,
                        new byte[0],
                        ResponseCode.INVALID_MULTIPART),
                Arguments.of(
                        "multipart, no boundary parameter",
                        MULTIPART,
                        "multipart/form-data",
                        bytes(part("a", "1") + CLOSE),
                        ResponseCode.INVALID_MULTIPART),
                Arguments.of(
                        "multipart, 71-character boundary",
                        MULTIPART,
                        "multipart/form-data; boundary=" + "b".repeat(71),
                        bytes("--" + "b".repeat(71) + "--"),
                        ResponseCode.INVALID_MULTIPART),
                Arguments.of(
                        "multipart, no closing delimiter",
                        MULTIPART,
                        MULTIPART_TYPE,
                        bytes(part("a", "1")),
                        ResponseCode.INVALID_MULTIPART),
                Arguments.of(
                        "multipart, LF line ends",
                        MULTIPART,
                        MULTIPART_TYPE,
                        bytes((part("a", "1") + CLOSE).replace("\r\n", "\n")),
                        ResponseCode.INVALID_MULTIPART),
                Arguments.of(
                        "multipart, a bare CR injecting a part header",
                        MULTIPART,
                        MULTIPART_TYPE,
                        bytes("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=a\rContent-Type: text/html"
                                + "\r\n\r\n1\r\n" + CLOSE),
                        ResponseCode.INVALID_MULTIPART),
                Arguments.of(
                        "multipart, folded header",
                        MULTIPART,
                        MULTIPART_TYPE,
                        bytes("--" + BOUNDARY + "\r\nContent-Disposition: form-data;\r\n name=a\r\n\r\n1\r\n" + CLOSE),
                        ResponseCode.INVALID_MULTIPART),
                Arguments.of(
                        "multipart, 9 KiB part header",
                        MULTIPART,
                        MULTIPART_TYPE,
                        bytes("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=a\r\nX-Pad: "
                                + "p".repeat(9 * 1024) + "\r\n\r\n1\r\n" + CLOSE),
                        ResponseCode.INVALID_MULTIPART),
                Arguments.of(
                        "multipart, 1,001 parts",
                        MULTIPART,
                        MULTIPART_TYPE,
                        bytes(part("a", "").repeat(1001) + CLOSE),
                        ResponseCode.INVALID_MULTIPART),
                Arguments.of(
                        "multipart, a part without Content-Disposition",
                        MULTIPART,
                        MULTIPART_TYPE,
                        bytes("--" + BOUNDARY + "\r\nContent-Type: text/plain\r\n\r\n1\r\n" + CLOSE),
                        ResponseCode.INVALID_MULTIPART),
                Arguments.of(
                        "multipart, invalid UTF-8 in a text part",
                        MULTIPART,
                        MULTIPART_TYPE,
                        concat(
                                bytes("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=a\r\n\r\n"),
                                rawInvalidUtf8,
                                bytes("\r\n" + CLOSE)),
                        ResponseCode.INVALID_MULTIPART),
                Arguments.of(
                        "auto endpoint, multipart without a boundary",
                        AUTO,
                        "multipart/form-data",
                        bytes(part("a", "1") + CLOSE),
                        ResponseCode.INVALID_MULTIPART),
                Arguments.of(
                        "auto endpoint, multipart/mixed",
                        AUTO,
                        "multipart/mixed; boundary=" + BOUNDARY,
                        bytes(part("a", "1") + CLOSE),
                        ResponseCode.UNSUPPORTED_MEDIA_TYPE));
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Each body gets its code, and only a 1002 adds an entry to the stream: nothing is queued for a refusal. */
    @ParameterizedTest(name = "{0}")
    @MethodSource({"bodies", "formBodies"})
    void eachBadBodyGetsItsCode(
            String name,
            String endpoint,
            String contentType,
            byte[] body,
            ResponseCode expected,
            Vertx vertx,
            VertxTestContext tc) {
        Redis redis = Redis.createClient(vertx, inlet.redisUrl());
        Request xlen = Request.cmd(Command.XLEN).arg(stream);
        redis.send(xlen)
                .compose(before -> new Http(vertx, inlet.port())
                        .send(HttpMethod.POST, "/v1/webhooks/" + endpoint, headers(contentType), Buffer.buffer(body))
                        .compose(res -> redis.send(xlen).map(after -> {
                            tc.verify(() -> {
                                assertAnswer(res.statusCode(), res.bodyAsString(), expected);
                                assertThat(length(after) - length(before))
                                        .as("entries queued")
                                        .isEqualTo(expected == ResponseCode.QUEUED ? 1 : 0);
                            });
                            return res;
                        })))
                .eventually(redis::close)
                .onComplete(tc.succeedingThenComplete());
    }

    private static long length(Response xlen) {
        return xlen == null ? 0 : xlen.toLong();
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
