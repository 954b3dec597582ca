package dev.inlet.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.inlet.Inlet;
import dev.inlet.config.ConfigLoader;
import dev.inlet.support.RawHttp;
import dev.inlet.support.TestRedis;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Bodies in memory are bounded process-wide: a body that does not fit is answered 7005 (retry later),
 * and the memory of a request comes back when it ends, however it ends. Memory is held for bytes
 * that arrived, never for a declared length alone, and a request its signature headers condemn
 * is refused before its body is read: declaring large bodies locks nobody out.
 */
class BodyMemoryTest {
    static final String KEY = "memory-key";
    static final String ENDPOINT = "d0b1c2d3e4f5061728394a5b6c7d8e9f";
    static final String SIGNED = "d1b1c2d3e4f5061728394a5b6c7d8e9f";
    static final String STRIPE = "d2b1c2d3e4f5061728394a5b6c7d8e9f";
    static final String OPEN = "d3b1c2d3e4f5061728394a5b6c7d8e9f";
    static final int TIMEOUT_MS = 5_000;
    static final int SIZE = 40_000;
    static final int HELD_BACK = 1_000;

    static Inlet inlet;

    @BeforeAll
    static void start() {
        String yaml =
                """
        server: { port: 0, host: 127.0.0.1, maxBodyMemory: 64KiB, idleTimeout: 5s }
        redis: { url: "%s", stream: "test:bodymemory:%s", timeout: 2s }
        workers: { instances: 0 }
        services: [ { id: m, keys: ["%s"] } ]
        endpoints:
          - { id: %s, service: m, format: json, maxBodySize: 64KiB }
          - { id: %s, service: m, auth: none, format: json, maxBodySize: 64KiB, signature: { scheme: hmac, secrets: [s] } }
          - { id: %s, service: m, auth: none, format: json, maxBodySize: 64KiB, signature: { scheme: stripe, secrets: [s] } }
          - { id: %s, service: m, auth: none, format: json, maxBodySize: 64KiB }
        """
                        .formatted(TestRedis.url(), UUID.randomUUID(), KEY, ENDPOINT, SIGNED, STRIPE, OPEN);
        inlet = Inlet.start(new ConfigLoader(Map.of()).parse(yaml));
    }

    @AfterAll
    static void stop() {
        if (inlet != null) {
            inlet.stop();
        }
    }

    private static byte[] body(int size) {
        String filler = "x".repeat(size - 8);
        return ("{\"a\":\"" + filler + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static String head(int length) {
        return head(ENDPOINT, length, "key: " + KEY + "\r\n");
    }

    /** A request head for {@code endpoint} declaring {@code length} body bytes, with {@code more} header lines. */
    private static String head(String endpoint, int length, String more) {
        return "POST /v1/webhooks/" + endpoint + " HTTP/1.1\r\nHost: x\r\n" + more
                + "Content-Type: application/json\r\nContent-Length: " + length + "\r\n\r\n";
    }

    /** Sends the head only and reads the answer, which can only come before the body if no body is awaited. */
    private static RawHttp.Answer headOnly(String endpoint, String more) throws IOException {
        return RawHttp.exchange(inlet.port(), head(endpoint, 60_000, more), TIMEOUT_MS);
    }

    private static Socket sendHead(String endpoint, String more, String bodyStart) throws IOException {
        Socket socket = RawHttp.connect(inlet.port(), TIMEOUT_MS);
        socket.getOutputStream()
                .write((head(endpoint, 64 * 1024, more) + bodyStart).getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return socket;
    }

    private static RawHttp.Answer post(byte[] body) throws IOException {
        byte[] head = head(body.length).getBytes(StandardCharsets.ISO_8859_1);
        byte[] request = new byte[head.length + body.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        return RawHttp.exchange(inlet.port(), request, TIMEOUT_MS);
    }

    /** Sends the head and all of the body but its last {@link #HELD_BACK} bytes, and leaves those for later. */
    private static Socket mostlySent(byte[] body) throws IOException, InterruptedException {
        Socket socket = RawHttp.connect(inlet.port(), TIMEOUT_MS);
        OutputStream out = socket.getOutputStream();
        out.write(head(body.length).getBytes(StandardCharsets.ISO_8859_1));
        out.write(body, 0, body.length - HELD_BACK);
        out.flush();
        Thread.sleep(300);
        return socket;
    }

    private static void assertCode(RawHttp.Answer answer, ResponseCode code) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(code.httpStatus());
        assertThat(answer.body()).contains("\"code\":\"" + code.code() + "\"");
    }

    /** Polls until a full-size body is accepted again: the server noticed a closed connection. */
    private static void assertEventuallyAccepted() throws Exception {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        RawHttp.Answer answer;
        do {
            answer = post(body(SIZE));
            if (answer.status() == 202) {
                return;
            }
            Thread.sleep(50);
        } while (System.currentTimeMillis() < deadline);
        assertCode(answer, ResponseCode.QUEUED);
    }

    @Test
    void aBodyThatDoesNotFitIsAnswered7005AndTheMemoryReturnsWhenTheFirstEnds() throws Exception {
        byte[] first = body(SIZE);
        // The first holds what it received (39 KB at least), so a second 40 KB cannot fit in 64 KiB.
        Logger exchanges = (Logger) LoggerFactory.getLogger(Exchange.class);
        Level level = exchanges.getLevel();
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        exchanges.addAppender(log);
        exchanges.setLevel(Level.DEBUG);
        try (Socket slow = mostlySent(first)) {
            RawHttp.Answer refused = post(body(SIZE));
            assertCode(refused, ResponseCode.INTERNAL_ERROR);
            // The operator's diagnosis (DEBUG, written just after the answer) says why.
            String line = null;
            for (int wait = 0; wait < 1000 && line == null; wait++) {
                synchronized (log) {
                    line = log.list.stream()
                            .map(ILoggingEvent::getFormattedMessage)
                            .filter(m -> m.contains("code=7005"))
                            .findFirst()
                            .orElse(null);
                }
                Thread.sleep(line == null ? 10 : 0);
            }
            assertThat(line)
                    .matches(
                            "endpoint=\\S+ code=7005 refused: the process's body memory \\(65536 bytes\\) is full: \\d+"
                                    + " more bytes for this body \\(holding \\d+\\) did not fit; retry later");
            assertThat(refused.header("Retry-After")).isEqualTo("1");
            assertThat(refused.closed())
                    .as("the unread body ends the connection")
                    .isTrue();
            assertThat(post(body(100)).status()).as("a small body still fits").isEqualTo(202);

            slow.getOutputStream().write(first, first.length - HELD_BACK, HELD_BACK);
            slow.getOutputStream().flush();
            assertCode(RawHttp.read(slow), ResponseCode.QUEUED);
        } finally {
            exchanges.detachAppender(log);
            exchanges.setLevel(level);
        }
        assertCode(post(body(SIZE)), ResponseCode.QUEUED);
    }

    @Test
    void aSenderThatHangsUpMidBodyGivesItsMemoryBack() throws Exception {
        Socket abandoned = mostlySent(body(SIZE));
        abandoned.close();
        assertEventuallyAccepted();
    }

    @Test
    void aChunkedBodyGrowsWithinTheBound() throws Exception {
        byte[] body = body(30_000);
        StringBuilder request = new StringBuilder("POST /v1/webhooks/" + ENDPOINT + " HTTP/1.1\r\nHost: x\r\nkey: "
                + KEY + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
        String text = new String(body, StandardCharsets.ISO_8859_1);
        for (int i = 0; i < text.length(); i += 7_000) {
            String chunk = text.substring(i, Math.min(text.length(), i + 7_000));
            request.append(Integer.toHexString(chunk.length()))
                    .append("\r\n")
                    .append(chunk)
                    .append("\r\n");
        }
        request.append("0\r\n\r\n");
        assertCode(RawHttp.exchange(inlet.port(), request.toString(), TIMEOUT_MS), ResponseCode.QUEUED);
    }

    @Test
    void aChunkedBodyThatOutgrowsTheBoundIsRefused() throws Exception {
        // Two chunked senders of 40 KB each cannot both fit in 64 KiB: one holds its memory, the other hears 7005.
        byte[] body = body(SIZE);
        String head = "POST /v1/webhooks/" + ENDPOINT + " HTTP/1.1\r\nHost: x\r\nkey: " + KEY
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
        try (Socket holder = RawHttp.connect(inlet.port(), TIMEOUT_MS)) {
            OutputStream out = holder.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write((Integer.toHexString(SIZE - 100) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body, 0, SIZE - 100);
            out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            Thread.sleep(300);
            assertCode(post(body(SIZE)), ResponseCode.INTERNAL_ERROR);
            out.write((Integer.toHexString(100) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body, SIZE - 100, 100);
            out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            assertCode(RawHttp.read(holder), ResponseCode.QUEUED);
        }
        assertEventuallyAccepted();
    }

    @Test
    void declaredBodiesThatNeverComeHoldNoMemoryAndLockNobodyOut() throws Exception {
        List<Socket> sockets = new ArrayList<>();
        try {
            // The reproduction: large declared lengths to a signature endpoint, no signature, no body.
            List<Socket> unsigned = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                unsigned.add(sendHead(SIGNED, "", ""));
            }
            sockets.addAll(unsigned);
            for (Socket socket : unsigned) {
                assertCode(RawHttp.read(socket), ResponseCode.SIGNATURE_MISSING);
            }
            // Without a signature to check, heads wait for bodies that never come: they hold nothing.
            for (int i = 0; i < 40; i++) {
                sockets.add(sendHead(OPEN, "", ""));
            }
            // Those that send a byte hold a first chunk, not the 64 KiB they declared.
            for (int i = 0; i < 4; i++) {
                sockets.add(sendHead(OPEN, "", "{"));
            }
            Thread.sleep(300);
            // 64 KiB in all: 40 KB more fits only if the 84 waiting requests hold less than 24 KiB.
            assertCode(post(body(SIZE)), ResponseCode.QUEUED);
            assertCode(post(body(SIZE)), ResponseCode.QUEUED);
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    @Test
    void signatureHeadersAreJudgedBeforeTheBodyIsRead() throws IOException {
        long now = System.currentTimeMillis() / 1000;
        assertCode(headOnly(SIGNED, ""), ResponseCode.SIGNATURE_MISSING);
        assertCode(headOnly(SIGNED, "X-Signature: zz\r\n"), ResponseCode.INVALID_SIGNATURE);
        assertCode(headOnly(STRIPE, "Stripe-Signature: t=" + now + "\r\n"), ResponseCode.INVALID_SIGNATURE);
        assertCode(
                headOnly(STRIPE, "Stripe-Signature: t=" + (now - 3600) + ",v1=" + "0".repeat(64) + "\r\n"),
                ResponseCode.TIMESTAMP_OUT_OF_TOLERANCE);
        // A plausible signature waits for its body and is checked over it.
        String body = "{\"a\":1}";
        String signature = dev.inlet.security.Signatures.hmac(
                dev.inlet.config.SignatureAlgorithm.SHA256,
                dev.inlet.config.SignatureEncoding.HEX,
                "",
                "s",
                body.getBytes(StandardCharsets.UTF_8));
        assertCode(
                RawHttp.exchange(
                        inlet.port(),
                        head(SIGNED, body.length(), "X-Signature: " + signature + "\r\n") + body,
                        TIMEOUT_MS),
                ResponseCode.QUEUED);
        assertCode(
                RawHttp.exchange(
                        inlet.port(),
                        head(SIGNED, body.length(), "X-Signature: " + "0".repeat(64) + "\r\n") + body,
                        TIMEOUT_MS),
                ResponseCode.INVALID_SIGNATURE);
    }
}
