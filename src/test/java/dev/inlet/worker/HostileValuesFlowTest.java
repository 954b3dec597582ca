package dev.inlet.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.Inlet;
import dev.inlet.config.ConfigLoader;
import dev.inlet.support.Http;
import dev.inlet.support.TestRedis;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.w3c.dom.Document;

/**
 * The attacker's values from issue 14, through a real Inlet with a worker, a real Redis and a real
 * receiver: in a url path or query they stay one encoded component or fail permanently (dead
 * letter after one attempt, nothing sent); in XML, form and JSON bodies they arrive inert; raw
 * forwarding names the validated media type; a stream of never-valid events to one destination
 * neither dead-letters nor retries the legitimate events to the same destination.
 */
@ExtendWith(VertxExtension.class)
class HostileValuesFlowTest {
    static final String TOKEN = "admin-token-for-hostile-values";
    static final String PATH = "b0000000000000000000000000000001";
    static final String XML = "b0000000000000000000000000000002";
    static final String FORM = "b0000000000000000000000000000003";
    static final String JSON = "b0000000000000000000000000000004";
    static final String RAW_JSON = "b0000000000000000000000000000005";
    static final String RAW_AUTO = "b0000000000000000000000000000006";
    static final String HEADER = "b0000000000000000000000000000007";
    static final Duration WITHIN = Duration.ofSeconds(20);

    static Vertx receiverVertx;
    static Receiver receiver;
    static Inlet inlet;

    Http http;

    @BeforeAll
    static void start() throws Exception {
        receiverVertx = Vertx.vertx();
        receiver = Receiver.start(receiverVertx)
                .toCompletionStage()
                .toCompletableFuture()
                .get();
        String base = receiver.url("");
        String yaml =
                """
        server: { port: 0, host: 127.0.0.1 }
        admin: { token: %s }
        redis: { url: "%s", stream: "%s" }
        workers: { instances: 1, batchSize: 32, maxAttempts: 4, backoff: 50ms }
        services: [{ id: shop }]
        endpoints:
          - { id: %s, service: shop, auth: none, format: json, flows: [path] }
          - { id: %s, service: shop, auth: none, format: json, flows: [xml-body] }
          - { id: %s, service: shop, auth: none, format: json, flows: [form-body] }
          - { id: %s, service: shop, auth: none, format: json, flows: [json-body] }
          - { id: %s, service: shop, auth: none, format: json, flows: [raw] }
          - { id: %s, service: shop, auth: none, format: auto, flows: [raw] }
          - { id: %s, service: shop, auth: none, format: json, flows: [header] }
        flows:
          - id: path
            steps: [{ action: http, url: "%s/hooks/$data.id?src=$data.src" }]
          - id: xml-body
            steps:
              - action: http
                url: "%s/xml"
                body: '<order><title>$data.title</title><note><![CDATA[$data.note]]></note></order>'
          - id: form-body
            steps:
              - action: http
                url: "%s/form"
                headers: { Content-Type: application/x-www-form-urlencoded }
                body: "qty=$data.qty&sku=$data.sku"
          - id: json-body
            steps:
              - { action: http, url: "%s/json", body: '{"qty": $data.qty, "sku": "$data.sku", "gift": $data.gift, "none": $data.none}' }
          - id: raw
            steps: [{ action: http, url: "%s/raw" }]
          - id: header
            steps: [{ action: http, url: "%s/header", headers: { X-Order: "$data.id" } }]
        """
                        .formatted(
                                TOKEN,
                                TestRedis.url(),
                                "test:hostile:" + UUID.randomUUID(),
                                PATH,
                                XML,
                                FORM,
                                JSON,
                                RAW_JSON,
                                RAW_AUTO,
                                HEADER,
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
    void client(Vertx vertx) {
        http = new Http(vertx, inlet.port());
    }

    private Future<String> send(String endpoint, String contentType, String body) {
        return http.post("/v1/webhooks/" + endpoint, Http.headers("Content-Type", contentType), body)
                .map(res -> {
                    if (res.statusCode() != 202) {
                        throw new AssertionError("not queued: " + res.statusCode() + " " + res.bodyAsString());
                    }
                    return res.bodyAsJsonObject().getString("transid");
                });
    }

    private Future<String> sendJson(String endpoint, JsonObject data) {
        return send(
                endpoint, "application/json", new JsonObject().put("data", data).encode());
    }

    private Future<Receiver.Received> delivered(Vertx vertx, String transid) {
        return Poll.untilValue(vertx, () -> receiver.withTransid(transid), l -> !l.isEmpty(), WITHIN)
                .map(l -> l.get(0));
    }

    private Future<JsonArray> deadLetters() {
        return http.send(
                        HttpMethod.GET,
                        "/v1/admin/dead-letters?count=1000",
                        Http.headers("Authorization", "Bearer " + TOKEN),
                        null)
                .map(res -> res.bodyAsJsonObject().getJsonArray("deadLetters"));
    }

    private Future<JsonObject> deadLetter(Vertx vertx, String transid) {
        return Poll.until(vertx, this::deadLetters, l -> find(l, transid) != null, WITHIN)
                .map(l -> find(l, transid));
    }

    private static JsonObject find(JsonArray letters, String transid) {
        for (int i = 0; i < letters.size(); i++) {
            if (transid.equals(letters.getJsonObject(i).getString("transid"))) {
                return letters.getJsonObject(i);
            }
        }
        return null;
    }

    @Test
    void hostileIdsInAUrlPathArriveAsOneEncodedSegment(Vertx vertx, VertxTestContext ctx) {
        List<String> ids = List.of("order 1", "../../admin?x=1#f", "x?injected=1");
        List<Future<Receiver.Received>> got = new ArrayList<>();
        for (String id : ids) {
            got.add(sendJson(PATH, new JsonObject().put("id", id).put("src", "a&role=admin#x"))
                    .compose(t -> delivered(vertx, t)));
        }
        Future.all(got)
                .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
                    assertThat(got.get(0).result().uri()).isEqualTo("/hooks/order%201?src=a%26role%3Dadmin%23x");
                    assertThat(got.get(1).result().uri())
                            .isEqualTo("/hooks/..%2F..%2Fadmin%3Fx%3D1%23f?src=a%26role%3Dadmin%23x");
                    assertThat(got.get(2).result().uri()).isEqualTo("/hooks/x%3Finjected%3D1?src=a%26role%3Dadmin%23x");
                    for (int i = 0; i < ids.size(); i++) {
                        String path = got.get(i).result().path();
                        assertThat(path.split("/", -1)).as(path).hasSize(3);
                        assertThat(URLDecoder.decode(path.substring("/hooks/".length()), StandardCharsets.UTF_8))
                                .isEqualTo(ids.get(i));
                    }
                    ctx.completeNow();
                })));
    }

    @Test
    void anIdThatCanNeverMakeAValidUrlIsDeadLetteredAfterOneAttemptAndNothingIsSent(Vertx vertx, VertxTestContext ctx) {
        Future<JsonObject> dots =
                sendJson(PATH, new JsonObject().put("id", "..").put("src", "s")).compose(t -> deadLetter(vertx, t));
        Future<JsonObject> empty =
                sendJson(PATH, new JsonObject().put("id", "").put("src", "s")).compose(t -> deadLetter(vertx, t));
        String prefix = "flow path step 1 (http): http POST " + receiver.url("/hooks/$data.id") + ": ";
        Future.all(dots, empty)
                .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
                    assertThat(dots.result().getInteger("attempts")).isEqualTo(1);
                    assertThat(dots.result().getString("error"))
                            .isEqualTo(prefix + "the rendered url has a path segment . or ..");
                    assertThat(empty.result().getInteger("attempts")).isEqualTo(1);
                    assertThat(empty.result().getString("error"))
                            .isEqualTo(prefix + "$data.id renders empty in a url path segment");
                    assertThat(receiver.withTransid(dots.result().getString("transid")))
                            .isEmpty();
                    assertThat(receiver.withTransid(empty.result().getString("transid")))
                            .isEmpty();
                    ctx.completeNow();
                })));
    }

    @Test
    void xmlInjectionArrivesAsText(Vertx vertx, VertxTestContext ctx) {
        String title = "</title><admin>true</admin><title>";
        String note = "]]><admin>true</admin><![CDATA[";
        sendJson(XML, new JsonObject().put("title", title).put("note", note))
                .compose(t -> delivered(vertx, t))
                .onComplete(ctx.succeeding(got -> ctx.verify(() -> {
                    assertThat(got.headers().get("Content-Type")).isEqualTo("application/xml; charset=utf-8");
                    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                    Document doc = factory.newDocumentBuilder()
                            .parse(new ByteArrayInputStream(got.body().getBytes()));
                    assertThat(doc.getElementsByTagName("admin").getLength()).isZero();
                    assertThat(doc.getElementsByTagName("title").item(0).getTextContent())
                            .isEqualTo(title);
                    assertThat(doc.getElementsByTagName("note").item(0).getTextContent())
                            .isEqualTo(note);
                    ctx.completeNow();
                })));
    }

    @Test
    void formInjectionArrivesAsOneField(Vertx vertx, VertxTestContext ctx) {
        sendJson(FORM, new JsonObject().put("qty", "3&role=admin").put("sku", "a b+é"))
                .compose(t -> delivered(vertx, t))
                .onComplete(ctx.succeeding(got -> ctx.verify(() -> {
                    assertThat(got.headers().get("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
                    assertThat(got.text()).isEqualTo("qty=3%26role%3Dadmin&sku=a+b%2B%C3%A9");
                    String[] fields = got.text().split("&");
                    assertThat(fields).hasSize(2);
                    assertThat(URLDecoder.decode(fields[0].substring(4), StandardCharsets.UTF_8))
                            .isEqualTo("3&role=admin");
                    ctx.completeNow();
                })));
    }

    @Test
    void unquotedJsonSlotsTakeJsonValuesNeverRawText(Vertx vertx, VertxTestContext ctx) {
        Future<Receiver.Received> hostile = sendJson(
                        JSON,
                        new JsonObject()
                                .put("qty", "1, \"admin\": true")
                                .put("sku", "x\", \"admin\": \"1")
                                .put("gift", "true}"))
                .compose(t -> delivered(vertx, t));
        Future<Receiver.Received> plain = sendJson(
                        JSON, new JsonObject().put("qty", 3).put("sku", "A-1").put("gift", true))
                .compose(t -> delivered(vertx, t));
        Future.all(hostile, plain)
                .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
                    JsonObject h = new JsonObject(hostile.result().body());
                    assertThat(h.fieldNames()).containsExactlyInAnyOrder("qty", "sku", "gift", "none");
                    assertThat(h.getString("qty")).isEqualTo("1, \"admin\": true");
                    assertThat(h.getString("sku")).isEqualTo("x\", \"admin\": \"1");
                    assertThat(h.getString("gift")).isEqualTo("true}");
                    assertThat(h.getValue("none")).isNull();
                    JsonObject p = new JsonObject(plain.result().body());
                    assertThat(p.getValue("qty")).isEqualTo(3);
                    assertThat(p.getValue("gift")).isEqualTo(true);
                    assertThat(p.getString("sku")).isEqualTo("A-1");
                    ctx.completeNow();
                })));
    }

    @Test
    void rawForwardingSendsTheValidatedMediaTypeNotTheSendersHeader(Vertx vertx, VertxTestContext ctx) {
        String json = "{\"data\": {\"id\": 1}}";
        String xml = "<a x='1'>caf\u00e9</a>";
        Future<Receiver.Received> asJson =
                send(RAW_JSON, "text/html; charset=\"<script>\"", json).compose(t -> delivered(vertx, t));
        Future<Receiver.Received> asXml =
                send(RAW_AUTO, "text/xml; charset=utf-8; x=evil", xml).compose(t -> delivered(vertx, t));
        Future.all(asJson, asXml)
                .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
                    assertThat(asJson.result().headers().get("Content-Type")).isEqualTo("application/json");
                    assertThat(asJson.result().text()).isEqualTo(json);
                    assertThat(asXml.result().headers().get("Content-Type")).isEqualTo("application/xml");
                    assertThat(asXml.result().text()).isEqualTo(xml);
                    ctx.completeNow();
                })));
    }

    @Test
    void aHeaderValueWithALineBreakFailsPermanentlyAndIsNotSent(Vertx vertx, VertxTestContext ctx) {
        sendJson(HEADER, new JsonObject().put("id", "1\r\nX-Evil: true"))
                .compose(t -> deadLetter(vertx, t))
                .onComplete(ctx.succeeding(letter -> ctx.verify(() -> {
                    assertThat(letter.getInteger("attempts")).isEqualTo(1);
                    assertThat(letter.getString("error"))
                            .isEqualTo(
                                    "flow header step 1 (http): http POST " + receiver.url("/header")
                                            + ": header X-Order: the rendered value holds a control character or a character above U+00FF");
                    assertThat(receiver.withTransid(letter.getString("transid")))
                            .isEmpty();
                    ctx.completeNow();
                })));
    }

    @Test
    void neverValidEventsToADestinationNeitherDeadLetterNorRetryTheLegitimateOnes(Vertx vertx, VertxTestContext ctx) {
        List<Future<String>> bad = new ArrayList<>();
        List<Future<String>> good = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            if (i % 3 == 0) {
                bad.add(sendJson(
                        PATH, new JsonObject().put("id", i % 2 == 0 ? ".." : "").put("src", "flood")));
            } else {
                good.add(sendJson(PATH, new JsonObject().put("id", "legit " + i).put("src", "flood")));
            }
        }
        Future.all(new ArrayList<Future<?>>(bad))
                .compose(b -> Future.all(new ArrayList<Future<?>>(good)))
                .compose(queued -> Poll.until(
                        vertx,
                        this::deadLetters,
                        letters -> bad.stream().allMatch(t -> find(letters, t.result()) != null),
                        WITHIN))
                .compose(letters -> Poll.untilValue(
                                vertx,
                                () -> good.stream().allMatch(t -> !receiver.withTransid(t.result())
                                        .isEmpty()),
                                Boolean::booleanValue,
                                WITHIN)
                        .map(delivered -> letters))
                .onComplete(ctx.succeeding(letters -> ctx.verify(() -> {
                    for (Future<String> t : bad) {
                        assertThat(find(letters, t.result()).getInteger("attempts"))
                                .isEqualTo(1);
                        assertThat(receiver.withTransid(t.result())).isEmpty();
                    }
                    for (Future<String> t : good) {
                        assertThat(find(letters, t.result()))
                                .as("a legitimate event was dead-lettered")
                                .isNull();
                        assertThat(receiver.withTransid(t.result()))
                                .as("delivered once, never retried")
                                .hasSize(1);
                    }
                    ctx.completeNow();
                })));
    }
}
