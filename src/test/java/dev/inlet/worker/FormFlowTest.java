package dev.inlet.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.Inlet;
import dev.inlet.config.ConfigLoader;
import dev.inlet.support.Http;
import dev.inlet.support.RawHttp;
import dev.inlet.support.TestRedis;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Form and multipart deliveries shaped as real senders post them (Twilio SMS and MMS, a Slack
 * slash command and an interactive action, a Mailgun route and a SendGrid Inbound Parse post),
 * through a real Inlet with workers, a real Redis and a real receiver: queued (1002), their
 * variables in templates, comparisons and JsonPath conditions, and the raw body byte-exact in the
 * stream and when forwarded.
 */
@ExtendWith(VertxExtension.class)
class FormFlowTest {
    static final String TOKEN = "admin-token-for-form-tests";
    static final String TWILIO = "f0000000000000000000000000000001";
    static final String SLASH = "f0000000000000000000000000000002";
    static final String INTERACTIVE = "f0000000000000000000000000000003";
    static final String MAILGUN = "f0000000000000000000000000000004";
    static final String INBOUND = "f0000000000000000000000000000005";
    static final String BOUNDARY = "------------------------5e5d3d2b0f9a3c1e";
    static final Duration WITHIN = Duration.ofSeconds(10);

    static Vertx receiverVertx;
    static Receiver receiver;
    static Inlet inlet;
    static String stream;

    Http http;
    Redis redis;

    @BeforeAll
    static void start() throws Exception {
        receiverVertx = Vertx.vertx();
        receiver = Receiver.start(receiverVertx)
                .toCompletionStage()
                .toCompletableFuture()
                .get();
        stream = "test:forms:" + UUID.randomUUID();
        String base = receiver.url("");
        String yaml =
                """
        server: { port: 0, host: 127.0.0.1 }
        admin: { token: %s }
        redis: { url: "%s", stream: "%s" }
        workers: { instances: 2, batchSize: 8, maxAttempts: 2, backoff: 50ms }
        services: [{ id: senders }]
        endpoints:
          - { id: %s, service: senders, auth: none, format: form, flows: [sms], rules: [mms] }
          - { id: %s, service: senders, auth: none, format: auto, flows: [slash] }
          - { id: %s, service: senders, auth: none, format: form, jsonFields: [payload], rules: [approve] }
          - { id: %s, service: senders, auth: none, format: multipart, maxBodySize: 1MiB,
              jsonFields: [message-headers], flows: [mail, raw] }
          - { id: %s, service: senders, auth: none, format: auto, jsonFields: [envelope, charsets],
              flows: [inbound] }
        flows:
          - id: sms
            steps:
              - action: http
                url: "%s/sms/$MessageSid"
                when: "$NumMedia == 0"
                body: '{"from": "$From", "body": "$Body", "city": "$FromCity", "zip": "$ToZip"}'
          - id: slash
            steps:
              - action: http
                url: "%s/slash"
                headers: { Content-Type: application/x-www-form-urlencoded }
                body: "command=$command&text=$text&user=$user_name&team=$team_id"
          - id: mail
            steps:
              - action: http
                url: "%s/mail"
                body: '{"subject": "$subject", "plain": "$body-plain", "file": "$attachment-1.filename", "type": "$attachment-1.contentType", "size": $attachment-1.size, "count": $attachment-count, "sid": "$message-headers[0][1]"}'
          - id: raw
            steps:
              - { action: http, url: "%s/raw-mail" }
          - id: inbound
            steps:
              - action: http
                url: "%s/inbound"
                body: '{"from": "$envelope.from", "to": "$envelope.to[0]", "subject": "$subject", "file": "$attachment1.filename", "size": $attachment1.size, "charset": "$charsets.subject"}'
        rules:
          - id: mms
            when: "$.MediaUrl0"
            actions:
              - { action: http, url: "%s/mms", body: '{"media": "$MediaUrl0", "type": "$MediaContentType0"}' }
          - id: approve
            when: "$.payload.actions[?(@.value == 'approve')]"
            actions:
              - action: http
                url: "%s/approved/$payload.user.id"
                body: '{"type": "$payload.type", "user": "$payload.user.name", "action": "$payload.actions[0].action_id", "team": "$payload.team.domain"}'
        """
                        .formatted(
                                TOKEN,
                                TestRedis.url(),
                                stream,
                                TWILIO,
                                SLASH,
                                INTERACTIVE,
                                MAILGUN,
                                INBOUND,
                                base,
                                base,
                                base,
                                base,
                                base,
                                base,
                                base);
        inlet = Inlet.start(new ConfigLoader(Map.of()).parse(yaml));
    }

    @AfterAll
    static void stop() throws Exception {
        if (inlet != null) {
            inlet.stop();
        }
        receiverVertx.close().toCompletionStage().toCompletableFuture().get();
    }

    @BeforeEach
    void clients(Vertx vertx) {
        http = new Http(vertx, inlet.port());
        redis = Redis.createClient(vertx, inlet.redisUrl());
    }

    @AfterEach
    void close() {
        redis.close();
    }

    /** Posts a delivery; its transid once it was queued (1002). */
    private Future<String> send(String endpoint, String contentType, byte[] body) {
        return http.send(
                        HttpMethod.POST,
                        "/v1/webhooks/" + endpoint,
                        Http.headers("Content-Type", contentType),
                        Buffer.buffer(body))
                .map(res -> {
                    JsonObject answer = new JsonObject(res.bodyAsString());
                    if (res.statusCode() != 202 || !"1002".equals(answer.getString("code"))) {
                        throw new AssertionError("not queued: " + res.statusCode() + " " + res.bodyAsString());
                    }
                    return answer.getString("transid");
                });
    }

    private Future<List<Receiver.Received>> delivered(Vertx vertx, String transid, int count) {
        return Poll.untilValue(vertx, () -> receiver.withTransid(transid), l -> l.size() >= count, WITHIN);
    }

    private Future<Long> allAcknowledged(Vertx vertx) {
        return Poll.until(vertx, () -> Streams.unfinished(redis, stream), n -> n == 0, WITHIN);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String encoded(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A Twilio Messaging webhook as Twilio posts it (fields from Twilio's "TwiML for Programmable SMS"). */
    private static String twilioSms(String sid, String extra) {
        return "ToCountry=US&ToState=CA&SmsMessageSid=" + sid + "&NumMedia=" + (extra.isEmpty() ? "0" : "1")
                + "&ToCity=&FromZip=94105&SmsSid=" + sid + "&FromState=CA&SmsStatus=received"
                + "&FromCity=SAN+FRANCISCO&Body=Hello+from+Twilio+%F0%9F%91%8B+%26+caf%C3%A9&FromCountry=US"
                + "&To=%2B15005550006&ToZip=&NumSegments=1&MessageSid=" + sid
                + "&AccountSid=AC00000000000000000000000000000000&From=%2B14155550100&ApiVersion=2010-04-01"
                + extra;
    }

    @Test
    void aTwilioSmsIsQueuedAndItsFieldsFillTheTemplateWhileTheMmsRuleStaysQuiet(Vertx vertx, VertxTestContext ctx) {
        send(TWILIO, "application/x-www-form-urlencoded", utf8(twilioSms("SM1111", "")))
                .compose(transid -> delivered(vertx, transid, 1)
                        .compose(got -> allAcknowledged(vertx).map(n -> transid)))
                .onComplete(ctx.succeeding(transid -> ctx.verify(() -> {
                    List<Receiver.Received> got = receiver.withTransid(transid);
                    assertThat(got).hasSize(1);
                    assertThat(got.get(0).path()).isEqualTo("/sms/SM1111");
                    assertThat(new JsonObject(got.get(0).body()))
                            .isEqualTo(new JsonObject()
                                    .put("from", "+14155550100")
                                    .put("body", "Hello from Twilio \uD83D\uDC4B & café")
                                    .put("city", "SAN FRANCISCO")
                                    .put("zip", ""));
                    ctx.completeNow();
                })));
    }

    @Test
    void aTwilioMmsSkipsTheSmsStepAndFiresTheJsonPathRule(Vertx vertx, VertxTestContext ctx) {
        String media = "&MediaContentType0=image%2Fjpeg&MediaUrl0=https%3A%2F%2Fapi.twilio.com%2F2010-04-01"
                + "%2FAccounts%2FAC0%2FMessages%2FMM2222%2FMedia%2FME1";
        send(TWILIO, "application/x-www-form-urlencoded; charset=UTF-8", utf8(twilioSms("MM2222", media)))
                .compose(transid -> delivered(vertx, transid, 1)
                        .compose(got -> allAcknowledged(vertx).map(n -> transid)))
                .onComplete(ctx.succeeding(transid -> ctx.verify(() -> {
                    List<Receiver.Received> got = receiver.withTransid(transid);
                    assertThat(got).as("the rule only: NumMedia is 1").hasSize(1);
                    assertThat(got.get(0).path()).isEqualTo("/mms");
                    assertThat(new JsonObject(got.get(0).body()))
                            .isEqualTo(new JsonObject()
                                    .put(
                                            "media",
                                            "https://api.twilio.com/2010-04-01/Accounts/AC0/Messages/MM2222/Media/ME1")
                                    .put("type", "image/jpeg"));
                    ctx.completeNow();
                })));
    }

    /** Slack's own example of a slash command ("Enabling interactivity with Slash Commands"), by an auto endpoint. */
    @Test
    void aSlackSlashCommandIsReadByAnAutoEndpointAndFormEncodedAgain(Vertx vertx, VertxTestContext ctx) {
        String body = "token=gIkuvaNzQIHg97ATvDxqgjtO&team_id=T0001&team_domain=example&enterprise_id=E0001"
                + "&enterprise_name=Globular%20Construct%20Inc&channel_id=C2147483705&channel_name=test"
                + "&user_id=U2147483697&user_name=Steve&command=/weather&text=94070+%26+more"
                + "&response_url=https://hooks.slack.com/commands/1234/5678"
                + "&trigger_id=13345224609.738474920.8088930838d88f008e0&api_app_id=A123456";
        send(SLASH, "application/x-www-form-urlencoded", utf8(body))
                .compose(transid -> delivered(vertx, transid, 1))
                .onComplete(ctx.succeeding(got -> ctx.verify(() -> {
                    assertThat(got.get(0).path()).isEqualTo("/slash");
                    assertThat(got.get(0).text())
                            .isEqualTo("command=%2Fweather&text=94070+%26+more&user=Steve&team=T0001");
                    ctx.completeNow();
                })));
    }

    /** Slack's block_actions payload (from "Reference: interaction payloads"), as the one form field payload=. */
    @Test
    void aSlackInteractivePayloadIsFlattenedUnderItsNameAndMatchedByJsonPath(Vertx vertx, VertxTestContext ctx) {
        String payload = "{\"type\":\"block_actions\",\"user\":{\"id\":\"U0CA5\",\"username\":\"Amy McGee\","
                + "\"name\":\"Amy McGee\",\"team_id\":\"T3MDE\"},\"api_app_id\":\"A0CA5\",\"token\":\"Shh_its_a_seekrit\","
                + "\"container\":{\"type\":\"message\",\"text\":\"The contents of the original message\"},"
                + "\"trigger_id\":\"12466734323.1395872398\",\"team\":{\"id\":\"T0CAG\",\"domain\":\"acme-creamery\"},"
                + "\"response_url\":\"https://www.postresponsestome.com/T123567/1509734234\","
                + "\"actions\":[{\"type\":\"button\",\"block_id\":\"actionblock789\",\"action_id\":\"27S\","
                + "\"text\":{\"type\":\"plain_text\",\"text\":\"Link Button\"},\"value\":\"%s\","
                + "\"action_ts\":\"1576336396.000000\"}]}";
        Future<String> approved = send(
                INTERACTIVE,
                "application/x-www-form-urlencoded",
                utf8("payload=" + encoded(payload.formatted("approve"))));
        Future<String> declined = approved.compose(a -> send(
                INTERACTIVE,
                "application/x-www-form-urlencoded",
                utf8("payload=" + encoded(payload.formatted("decline")))));
        declined.compose(d -> allAcknowledged(vertx))
                .compose(n -> delivered(vertx, approved.result(), 1))
                .onComplete(ctx.succeeding(got -> ctx.verify(() -> {
                    assertThat(got).hasSize(1);
                    assertThat(got.get(0).path()).isEqualTo("/approved/U0CA5");
                    assertThat(new JsonObject(got.get(0).body()))
                            .isEqualTo(new JsonObject()
                                    .put("type", "block_actions")
                                    .put("user", "Amy McGee")
                                    .put("action", "27S")
                                    .put("team", "acme-creamery"));
                    assertThat(receiver.withTransid(declined.result()))
                            .as("declined: the rule is false")
                            .isEmpty();
                    ctx.completeNow();
                })));
    }

    /** Over 64 KiB: checked on ingest's check pool and parsed on the workers' payload pool, not on an event loop. */
    static final int ATTACHMENT_BYTES = 100_000;

    /** A Mailgun route's multipart post (fields from Mailgun's "Routes: receiving messages"), with a binary attachment. */
    static byte[] mailgunRoute() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        part(out, "recipient", "orders@mg.example.com");
        part(out, "sender", "bob@example.org");
        part(out, "from", "Bob <bob@example.org>");
        part(out, "subject", "Re: order 17 – café");
        part(out, "body-plain", "Hi,\r\nthe invoice is attached.\r\n--\r\nBob\r\n");
        part(out, "attachment-count", "1");
        part(out, "message-headers", "[[\"X-Mailgun-Sid\", \"WyIwNjQ5ZiJd\"], [\"Subject\", \"Re: order 17\"]]");
        part(out, "timestamp", "1718000000");
        part(out, "token", "5c3e1f0a9b8d7e6f");
        part(out, "signature", "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0");
        out.writeBytes(utf8("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"attachment-1\"; "
                + "filename=\"invoice 17.pdf\"\r\nContent-Type: application/pdf\r\n\r\n"));
        for (int i = 0; i < ATTACHMENT_BYTES; i++) {
            out.write(i % 256);
        }
        out.writeBytes(utf8("\r\n--" + BOUNDARY + "--\r\n"));
        return out.toByteArray();
    }

    private static void part(ByteArrayOutputStream out, String name, String value) {
        out.writeBytes(utf8("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n"
                + value + "\r\n"));
    }

    @Test
    void aMailgunRouteIsQueuedWithItsPartsAsVariablesAndItsBodyByteExact(Vertx vertx, VertxTestContext ctx) {
        byte[] body = mailgunRoute();
        String type = "multipart/form-data; boundary=" + BOUNDARY;
        send(MAILGUN, type, body)
                .compose(transid -> delivered(vertx, transid, 2).map(got -> transid))
                .compose(transid -> entryBody(transid).map(stored -> Map.entry(transid, stored)))
                .onComplete(ctx.succeeding(sent -> ctx.verify(() -> {
                    assertThat(sent.getValue()).as("the stream entry's body").isEqualTo(body);
                    List<Receiver.Received> got = receiver.withTransid(sent.getKey());
                    Receiver.Received mail = got.stream()
                            .filter(r -> r.path().equals("/mail"))
                            .findFirst()
                            .orElseThrow();
                    assertThat(new JsonObject(mail.body()))
                            .isEqualTo(new JsonObject()
                                    .put("subject", "Re: order 17 – café")
                                    .put("plain", "Hi,\r\nthe invoice is attached.\r\n--\r\nBob\r\n")
                                    .put("file", "invoice 17.pdf")
                                    .put("type", "application/pdf")
                                    .put("size", ATTACHMENT_BYTES)
                                    .put("count", 1)
                                    .put("sid", "WyIwNjQ5ZiJd"));
                    Receiver.Received raw = got.stream()
                            .filter(r -> r.path().equals("/raw-mail"))
                            .findFirst()
                            .orElseThrow();
                    assertThat(raw.body().getBytes())
                            .as("forwarded as received")
                            .isEqualTo(body);
                    assertThat(raw.headers().get("Content-Type"))
                            .isEqualTo("multipart/form-data; boundary=\"" + BOUNDARY + "\"");
                    ctx.completeNow();
                })));
    }

    /** SendGrid Inbound Parse (fields from its "Default parameters"), by an auto endpoint with JSON fields. */
    @Test
    void aSendGridInboundParsePostGivesItsJsonFieldsAndItsFile(Vertx vertx, VertxTestContext ctx) {
        String boundary = "xYzZY";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(utf8("--" + boundary + "\r\nContent-Disposition: form-data; name=\"headers\"\r\n\r\n"
                + "Received: by mx0047p1mdw1.sendgrid.net\r\nSubject: Hello\r\n\r\n"));
        String[][] fields = {
            {"dkim", "{@example.com : pass}"},
            {"to", "inbound@parse.example.com"},
            {"from", "Alice <alice@example.org>"},
            {"text", "Hello from SendGrid"},
            {"sender_ip", "192.0.2.10"},
            {"envelope", "{\"to\":[\"inbound@parse.example.com\"],\"from\":\"alice@example.org\"}"},
            {"attachments", "1"},
            {"subject", "Hello"},
            {"attachment-info", "{\"attachment1\":{\"filename\":\"notes.txt\",\"type\":\"text/plain\"}}"},
            {"charsets", "{\"to\":\"UTF-8\",\"subject\":\"UTF-8\",\"from\":\"UTF-8\",\"text\":\"utf-8\"}"},
            {"SPF", "pass"},
        };
        for (String[] f : fields) {
            out.writeBytes(utf8("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f[0] + "\"\r\n\r\n"
                    + f[1] + "\r\n"));
        }
        out.writeBytes(utf8("--" + boundary + "\r\nContent-Disposition: form-data; name=\"attachment1\"; "
                + "filename=\"notes.txt\"\r\nContent-Type: text/plain\r\n\r\nremember the milk\r\n--" + boundary
                + "--\r\n"));
        send(INBOUND, "multipart/form-data; boundary=" + boundary, out.toByteArray())
                .compose(transid -> delivered(vertx, transid, 1))
                .onComplete(ctx.succeeding(got -> ctx.verify(() -> {
                    assertThat(new JsonObject(got.get(0).body()))
                            .isEqualTo(new JsonObject()
                                    .put("from", "alice@example.org")
                                    .put("to", "inbound@parse.example.com")
                                    .put("subject", "Hello")
                                    .put("file", "notes.txt")
                                    .put("size", 17)
                                    .put("charset", "UTF-8"));
                    ctx.completeNow();
                })));
    }

    @Test
    void theParseRouteFlattensFormAndMultipartSamples(Vertx vertx, VertxTestContext ctx) {
        Future<JsonObject> form = parse(
                INTERACTIVE,
                "application/x-www-form-urlencoded",
                utf8("payload=%7B%22user%22%3A%7B%22id%22%3A%22U1%22%7D%7D&tag=a&tag=b"));
        Future<JsonObject> notJson =
                form.compose(f -> parse(INTERACTIVE, "application/x-www-form-urlencoded", utf8("payload=%7Bnot+json")));
        Future<JsonObject> multipart =
                notJson.compose(n -> parse(MAILGUN, "multipart/form-data; boundary=" + BOUNDARY, mailgunRoute()));
        multipart.onComplete(ctx.succeeding(m -> ctx.verify(() -> {
            assertThat(form.result().getJsonObject("variables").getMap())
                    .containsExactly(
                            Map.entry("payload.user.id", "U1"), Map.entry("tag[0]", "a"), Map.entry("tag[1]", "b"));
            assertThat(form.result().containsKey("notes")).isFalse();
            assertThat(notJson.result().getJsonObject("variables").getMap())
                    .containsExactly(Map.entry("payload", "{not json"));
            assertThat(notJson.result().getString("notes")).isEqualTo("jsonFields payload: not JSON, kept as text");
            JsonObject variables = m.getJsonObject("variables");
            assertThat(variables.getString("attachment-1.filename")).isEqualTo("invoice 17.pdf");
            assertThat(variables.getString("attachment-1.size")).isEqualTo(String.valueOf(ATTACHMENT_BYTES));
            assertThat(variables.getString("message-headers[1][0]")).isEqualTo("Subject");
            assertThat(variables.getString("subject")).isEqualTo("Re: order 17 – café");
            ctx.completeNow();
        })));
    }

    /**
     * The parse route reads its sample itself (vertx-web's BodyHandler keeps no multipart byte),
     * bounded by the largest maxBodySize (1 MiB here): a declared length over it is refused before
     * any byte is read, a chunked body while it streams.
     */
    @ParameterizedTest(name = "chunked={0}")
    @ValueSource(booleans = {false, true})
    void aSampleOverTheLargestBodyLimitIs7040(boolean chunked) throws java.io.IOException {
        int total = 16 * 1024 * 1024;
        try (java.net.Socket socket = RawHttp.connect(inlet.port(), 5_000)) {
            java.io.OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/endpoints/" + MAILGUN + "/parse HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                            + TOKEN + "\r\nContent-Type: multipart/form-data; boundary=b\r\n"
                            + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + total + "\r\n")
                            + "\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) 'a');
            int sent = 0;
            // Write until the server answers or stops reading; it must not wait for all 16 MiB.
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
                } catch (java.io.IOException refused) {
                    break;
                }
            }
            RawHttp.Answer answer = RawHttp.read(socket);
            assertThat(sent).as("bytes written before the answer").isLessThan(total);
            assertThat(answer.status()).isEqualTo(413);
            assertThat(new JsonObject(answer.body()).getString("code")).isEqualTo("7040");
        }
    }

    private Future<JsonObject> parse(String endpoint, String contentType, byte[] body) {
        return http.send(
                        HttpMethod.POST,
                        "/v1/endpoints/" + endpoint + "/parse",
                        Http.headers("Authorization", "Bearer " + TOKEN, "Content-Type", contentType),
                        Buffer.buffer(body))
                .map(res -> {
                    if (res.statusCode() != 200) {
                        throw new AssertionError("parse: " + res.statusCode() + " " + res.bodyAsString());
                    }
                    return res.bodyAsJsonObject();
                });
    }

    /** The body field of the stream entry with this transid, as stored. */
    private Future<byte[]> entryBody(String transid) {
        return redis.send(Request.cmd(Command.XRANGE).arg(stream).arg("-").arg("+"))
                .map(entries -> {
                    for (Response entry : entries) {
                        Response fields = entry.get(1);
                        byte[] body = null;
                        boolean match = false;
                        for (int i = 0; i + 1 < fields.size(); i += 2) {
                            String name = fields.get(i).toString();
                            if (name.equals("transid")) {
                                match = transid.equals(fields.get(i + 1).toString());
                            } else if (name.equals("body")) {
                                body = fields.get(i + 1).toBytes();
                            }
                        }
                        if (match) {
                            return body;
                        }
                    }
                    throw new AssertionError("no stream entry with transid " + transid);
                });
    }
}
