package dev.inlet.admin;

import static dev.inlet.support.SyncRedis.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.Inlet;
import dev.inlet.config.ConfigLoader;
import dev.inlet.history.HistoryKeys;
import dev.inlet.history.HistoryRecord;
import dev.inlet.history.Outcomes;
import dev.inlet.ingest.ResponseCode;
import dev.inlet.ingest.Transids;
import dev.inlet.queue.EventFields;
import dev.inlet.queue.StreamEntry;
import dev.inlet.queue.StreamEntryCodec;
import dev.inlet.security.Signatures;
import dev.inlet.support.Http;
import dev.inlet.support.SyncRedis;
import dev.inlet.support.TestRedis;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The history API and replay on a real Inlet and a real Redis, over records seeded as ingest writes
 * them ({@link HistoryRecord#append}) and attempts as the workers do ({@link Outcomes#add}).
 */
@ExtendWith(VertxExtension.class)
class HistoryApiTest {
    static final String TOKEN = "s3cret-admin-token";
    static final String SECRET = "whsec-very-secret-signing-key";
    static final String PAGED = "d0000000000000000000000000000001";
    static final String FILTERED = "d0000000000000000000000000000002";
    static final String ONE = "d0000000000000000000000000000003";
    static final String REPLAYED = "d0000000000000000000000000000004";
    static final String BATCH = "d0000000000000000000000000000005";
    static final String LARGE = "d0000000000000000000000000000006";
    static final String OFF = "d0000000000000000000000000000007";
    static final String SIGNED = "d0000000000000000000000000000008";
    static final String MULTI = "d0000000000000000000000000000009";
    static final String LATE = "d0000000000000000000000000000010";

    static String stream;
    static HistoryKeys keys;
    static Inlet inlet;
    static SyncRedis redis;
    Http http;

    @BeforeAll
    static void start() {
        stream = "test:history-api:" + UUID.randomUUID();
        keys = HistoryKeys.of(stream);
        redis = SyncRedis.open();
        inlet = Inlet.start(new ConfigLoader(Map.of())
                .parse(
                        """
        server: { port: 0, host: 127.0.0.1 }
        admin: { token: %s }
        redis: { url: "%s", stream: "%s" }
        workers: { instances: 0 }
        services: [{ id: shop }]
        endpoints:
          - { id: %s, service: shop, auth: none, format: json }
          - { id: %s, service: shop, auth: none, format: json }
          - { id: %s, service: shop, auth: none, format: auto, jsonFields: [payload] }
          - { id: %s, service: shop, auth: none, format: json }
          - { id: %s, service: shop, auth: none, format: json }
          - { id: %s, service: shop, auth: none, format: json }
          - { id: %s, service: shop, auth: none, format: json, history: off }
          - { id: %s, service: shop, auth: none, format: json }
          - { id: %s, service: shop, auth: none, format: json, signature: { scheme: github, secrets: ["%s"] } }
          - { id: %s, service: shop, auth: none, format: json }
        """
                                .formatted(
                                        TOKEN,
                                        TestRedis.url(),
                                        stream,
                                        PAGED,
                                        FILTERED,
                                        ONE,
                                        REPLAYED,
                                        BATCH,
                                        LARGE,
                                        OFF,
                                        MULTI,
                                        SIGNED,
                                        SECRET,
                                        LATE)));
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

    @BeforeEach
    void client(Vertx vertx) {
        http = new Http(vertx, inlet.port());
    }

    /** Appends a record of {@code endpoint} and returns it with its id; ids of two seeds differ in their ms. */
    static HistoryRecord seed(String endpoint, int code, String transid, String body, String diagnosis) {
        return seed(endpoint, code, transid, body.getBytes(StandardCharsets.UTF_8), body.length(), "json", diagnosis);
    }

    static HistoryRecord seed(
            String endpoint, int code, String transid, byte[] body, long bodyBytes, String format, String diagnosis) {
        byte[] headers = ("{\"content-type\":\"application/json\",\"x-shop\":\"north\"," + "\"x-signature\":\"***\"}")
                .getBytes(StandardCharsets.UTF_8);
        HistoryRecord r = new HistoryRecord(
                null,
                System.currentTimeMillis(),
                "shop",
                "198.51.100.7",
                "10.0.0.2",
                "POST",
                "/v1/webhooks/" + endpoint,
                "source=test",
                headers,
                body,
                bodyBytes,
                format,
                code,
                code == 1002 ? 202 : 400,
                transid,
                1_500,
                diagnosis);
        String id = redis.send(HistoryRecord.append(keys.records(endpoint), 100_000, List.of(r)))
                        .toString()
                + ".0";
        long ms = Long.parseLong(id.substring(0, id.indexOf('-')));
        while (System.currentTimeMillis() <= ms) {
            Thread.onSpinWait();
        }
        return new HistoryRecord(
                id,
                r.receivedAt(),
                r.service(),
                r.client(),
                r.peer(),
                r.method(),
                r.path(),
                r.query(),
                r.headers(),
                r.body(),
                r.bodyBytes(),
                r.format(),
                r.code(),
                r.status(),
                r.transid(),
                r.micros(),
                r.diagnosis());
    }

    static void attempt(String endpoint, String transid, long startedAt, int attempt, String state) {
        JsonObject outcome = new JsonObject()
                .put("attempt", attempt)
                .put("replay", "")
                .put("state", state)
                .put("millis", 2.5)
                .put(
                        "runs",
                        new JsonArray().add(new JsonObject().put("flow", "f").put("action", "http")));
        redis.send(Outcomes.append(
                keys.outcomes(endpoint),
                10_000,
                List.of(Outcomes.member(transid, startedAt, outcome).getBytes(StandardCharsets.UTF_8))));
    }

    private static MultiMap auth() {
        return Http.headers("Authorization", "Bearer " + TOKEN);
    }

    private HttpResponse<Buffer> get(String path) {
        return await(http.send(HttpMethod.GET, path, auth(), null));
    }

    private HttpResponse<Buffer> post(String path) {
        return await(http.send(HttpMethod.POST, path, auth(), null));
    }

    private JsonObject ok(HttpResponse<Buffer> res) {
        assertThat(res.statusCode()).as(res.bodyAsString()).isEqualTo(200);
        assertNoSecret(res);
        return res.bodyAsJsonObject();
    }

    private static void assertNoSecret(HttpResponse<Buffer> res) {
        assertThat(res.bodyAsString()).doesNotContain(TOKEN).doesNotContain(SECRET);
    }

    private static void assertCode(HttpResponse<Buffer> res, ResponseCode code) {
        assertThat(res.statusCode()).as(res.bodyAsString()).isEqualTo(code.httpStatus());
        assertThat(res.bodyAsJsonObject().getString("code")).isEqualTo(code.code());
        assertNoSecret(res);
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static List<String> ids(JsonObject page) {
        List<String> ids = new ArrayList<>();
        page.getJsonArray("events").forEach(e -> ids.add(((JsonObject) e).getString("id")));
        return ids;
    }

    private List<String> list(String endpoint, String query) {
        return ids(ok(get("/v1/endpoints/" + endpoint + "/events?" + query)));
    }

    @Test
    void recordsAreListedNewestFirstAndPagedWithAfterAndNext() {
        List<String> seeded = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            seeded.add(
                    seed(PAGED, 1002, Transids.next(), "{\"n\":" + i + "}", "").id());
        }
        redis.send(Request.cmd(Command.SET).arg(keys.unrecorded(PAGED)).arg(7));
        JsonObject first = ok(get("/v1/endpoints/" + PAGED + "/events?count=2"));
        assertThat(ids(first)).containsExactly(seeded.get(4), seeded.get(3));
        assertThat(first.getString("next")).isEqualTo(seeded.get(3));
        assertThat(first.getLong("unrecorded")).isEqualTo(7);
        JsonObject summary = first.getJsonArray("events").getJsonObject(0);
        assertThat(summary.getString("method")).isEqualTo("POST");
        assertThat(summary.getString("client")).isEqualTo("198.51.100.7");
        assertThat(summary.getString("outcome")).isEqualTo("pending");
        assertThat(summary.getLong("bodyBytes")).isEqualTo(7);
        assertThat(summary.getJsonObject("answer").getString("code")).isEqualTo("1002");
        assertThat(summary.getJsonObject("answer").getDouble("millis")).isEqualTo(1.5);
        assertThat(summary.containsKey("body")).isFalse();
        JsonObject second = ok(get("/v1/endpoints/" + PAGED + "/events?count=2&after=" + first.getString("next")));
        assertThat(ids(second)).containsExactly(seeded.get(2), seeded.get(1));
        JsonObject last = ok(get("/v1/endpoints/" + PAGED + "/events?count=2&after=" + second.getString("next")));
        assertThat(ids(last)).containsExactly(seeded.get(0));
        assertThat(last.getString("next")).isNull();
        JsonObject whole = ok(get("/v1/endpoints/" + PAGED + "/events"));
        assertThat(ids(whole)).hasSize(5);
        assertThat(whole.getString("next")).isNull();

        assertCode(get("/v1/endpoints/" + PAGED + "/events?count=501"), ResponseCode.BAD_REQUEST);
        assertCode(get("/v1/endpoints/" + PAGED + "/events?after=yesterday"), ResponseCode.BAD_REQUEST);
    }

    @Test
    void pagesGoOnInsideAnEntryOfManyRecordsNewestFirst() {
        String older = seed(MULTI, 1002, Transids.next(), "{\"n\":-1}", "").id();
        List<HistoryRecord> round = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            HistoryRecord one = seed(MULTI, 1002, Transids.next(), "{\"n\":" + i + "}", "");
            round.add(one);
        }
        // The five as one event loop round writes them: one entry, indexes 0..4 oldest first.
        String entry = redis.send(HistoryRecord.append(keys.records(MULTI), 100_000, round))
                .toString();
        for (HistoryRecord r : round) {
            redis.send(Request.cmd(Command.XDEL).arg(keys.records(MULTI)).arg(HistoryRecord.entryOf(r.id())));
        }
        JsonObject first = ok(get("/v1/endpoints/" + MULTI + "/events?count=2"));
        assertThat(ids(first)).containsExactly(entry + ".4", entry + ".3");
        JsonObject second = ok(get("/v1/endpoints/" + MULTI + "/events?count=2&after=" + first.getString("next")));
        assertThat(ids(second)).containsExactly(entry + ".2", entry + ".1");
        JsonObject third = ok(get("/v1/endpoints/" + MULTI + "/events?count=2&after=" + second.getString("next")));
        assertThat(ids(third)).containsExactly(entry + ".0", older);
        assertThat(third.getString("next")).isNull();
        JsonObject one = ok(get("/v1/endpoints/" + MULTI + "/events/" + entry + ".3"));
        assertThat(one.getString("id")).isEqualTo(entry + ".3");
    }

    @Test
    void anAttemptWrittenLongAfterItsRecordAndPastManyEntriesStillCounts() {
        // Older records than a chunk, each pending at first; every record's own attempt is written last,
        // past more outcome entries than one read takes, the oldest record's attempt the very last.
        int records = HistoryQuery.CHUNK + 20;
        List<String> transids = new ArrayList<>();
        List<HistoryRecord> seeded = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            String t = Transids.next();
            transids.add(t);
            seeded.add(seed(LATE, 1002, t, "{\"n\":" + i + "}", ""));
        }
        for (int i = 0; i < OutcomeReader.PAGE + 10; i++) {
            attempt(LATE, Transids.next(), 500, 1, "delivered");
        }
        for (int i = records - 1; i >= 1; i--) {
            attempt(LATE, transids.get(i), 1000, 1, i % 2 == 0 ? "dead" : "delivered");
        }
        attempt(LATE, transids.get(0), 1000, 1, "retrying");
        attempt(LATE, transids.get(0), 2000, 2, "dead");

        List<String> dead = new ArrayList<>();
        for (int i = records - 1; i >= 0; i--) {
            if (i % 2 == 0) {
                dead.add(seeded.get(i).id());
            }
        }
        // The scan reads the newest chunk, then the older one: the oldest record's state is its last attempt's.
        assertThat(list(LATE, "outcome=dead&count=" + records)).containsExactlyElementsOf(dead);
        assertThat(list(LATE, "outcome=pending&count=" + records)).isEmpty();
        JsonObject oldest =
                ok(get("/v1/endpoints/" + LATE + "/events/" + seeded.get(0).id()));
        assertThat(oldest.getJsonObject("outcome").getString("state")).isEqualTo("dead");
        assertThat(oldest.getJsonObject("outcome").getJsonArray("runs").stream()
                        .map(r -> ((JsonObject) r).getInteger("attempt")))
                .containsExactly(1, 2);
    }

    @Test
    void eachFilterSelectsItsRecords() {
        String ta = Transids.next();
        HistoryRecord delivered =
                seed(FILTERED, 1002, ta, "{\"data\":{\"type\":\"order.created\",\"note\":\"a needle\"}}", "");
        attempt(FILTERED, ta, 1000, 1, "retrying");
        attempt(FILTERED, ta, 2000, 2, "delivered");
        HistoryRecord pending = seed(FILTERED, 1002, Transids.next(), "{\"data\":{\"type\":\"order.paid\"}}", "");
        HistoryRecord refused = seed(
                FILTERED, 7028, "", "{\"data\":{\"type\":\"order.created\"}}", "x-signature present; none matched");
        String td = Transids.next();
        HistoryRecord dead = seed(FILTERED, 1002, td, "{\"data\":{\"type\":\"refund\",\"amount\":12}}", "");
        attempt(FILTERED, td, 3000, 1, "dead");
        String base = "/v1/endpoints/" + FILTERED + "/events?";

        assertThat(list(FILTERED, "code=7028")).containsExactly(refused.id());
        assertThat(list(FILTERED, "outcome=refused")).containsExactly(refused.id());
        assertThat(list(FILTERED, "outcome=pending")).containsExactly(pending.id());
        assertThat(list(FILTERED, "outcome=delivered")).containsExactly(delivered.id());
        assertThat(list(FILTERED, "outcome=dead")).containsExactly(dead.id());
        assertThat(list(FILTERED, "outcome=retrying")).isEmpty();
        assertThat(list(FILTERED, "transid=" + td)).containsExactly(dead.id());
        assertThat(list(FILTERED, "where=" + q("data.type == 'order.created'")))
                .containsExactly(refused.id(), delivered.id());
        assertThat(list(FILTERED, "where=" + q("$data.amount > 10"))).containsExactly(dead.id());
        assertThat(list(FILTERED, "where=" + q("headers.x-shop == 'north'") + "&code=1002"))
                .containsExactly(dead.id(), pending.id(), delivered.id());
        assertThat(list(FILTERED, "text=needle")).containsExactly(delivered.id());
        String ms = pending.id().substring(0, pending.id().indexOf('-'));
        String refusedMs = refused.id().substring(0, refused.id().indexOf('-'));
        assertThat(list(FILTERED, "since=" + ms + "&until=" + refusedMs)).containsExactly(refused.id(), pending.id());
        String iso = java.time.Instant.ofEpochMilli(Long.parseLong(refusedMs)).toString();
        assertThat(list(FILTERED, "since=" + q(iso))).containsExactly(dead.id(), refused.id());
        assertThat(list(FILTERED, "until=" + ms)).containsExactly(pending.id(), delivered.id());

        HttpResponse<Buffer> res = get(base + "where=" + q("data.type = 'x'"));
        assertCode(res, ResponseCode.BAD_REQUEST);
        assertThat(res.bodyAsJsonObject().getString("reason"))
                .startsWith("where: condition")
                .contains("operator");
        assertCode(get(base + "outcome=lost"), ResponseCode.BAD_REQUEST);
        assertCode(get(base + "since=yesterday"), ResponseCode.BAD_REQUEST);
        assertCode(get(base + "code=many"), ResponseCode.BAD_REQUEST);
    }

    @Test
    void aScanStopsAtItsBudgetAndTheClientGoesOnWithNext() {
        HistoryRecord match = seed(LARGE, 1002, Transids.next(), "{\"data\":{\"type\":\"rare\"}}", "");
        List<Request> adds = new ArrayList<>();
        HistoryRecord filler = new HistoryRecord(
                null,
                1,
                "shop",
                "c",
                "",
                "POST",
                "/p",
                "",
                new byte[0],
                "{}".getBytes(StandardCharsets.UTF_8),
                2,
                "json",
                1002,
                202,
                Transids.next(),
                1,
                "");
        for (int i = 0; i < HistoryQuery.SCAN_RECORDS + 50; i++) {
            adds.add(HistoryRecord.append(keys.records(LARGE), 1_000_000, List.of(filler)));
            if (adds.size() == 1_000) {
                await(redis.client().batch(adds));
                adds.clear();
            }
        }
        await(redis.client().batch(adds));
        JsonObject page = ok(get("/v1/endpoints/" + LARGE + "/events?where=" + q("data.type == 'rare'")));
        assertThat(ids(page)).isEmpty();
        assertThat(page.getString("next")).isNotNull();
        JsonObject rest = ok(get("/v1/endpoints/" + LARGE + "/events?where=" + q("data.type == 'rare'") + "&after="
                + page.getString("next")));
        assertThat(ids(rest)).containsExactly(match.id());
        assertThat(rest.getString("next")).isNull();
    }

    @Test
    void oneRecordShowsEverythingItKeeps() {
        String t = Transids.next();
        HistoryRecord text = seed(ONE, 1002, t, "{\"data\":{\"type\":\"order.created\"}}", "");
        // In the order they ran, as the workers write them.
        attempt(ONE, t, 1000, 1, "retrying");
        attempt(ONE, t, 2000, 2, "delivered");
        JsonObject one = ok(get("/v1/endpoints/" + ONE + "/events/" + text.id()));
        assertThat(one.getString("id")).isEqualTo(text.id());
        assertThat(one.getString("client")).isEqualTo("198.51.100.7");
        assertThat(one.getString("peer")).isEqualTo("10.0.0.2");
        assertThat(one.getString("query")).isEqualTo("source=test");
        assertThat(one.getJsonObject("headers").getString("x-signature")).isEqualTo("***");
        assertThat(one.getString("body")).isEqualTo("{\"data\":{\"type\":\"order.created\"}}");
        assertThat(one.containsKey("bodyEncoding")).isFalse();
        assertThat(one.getLong("bodyKept")).isEqualTo(one.getLong("bodyBytes"));
        assertThat(one.getJsonObject("answer").getString("transid")).isEqualTo(t);
        JsonObject variables = one.getJsonObject("variables");
        assertThat(variables.getString("data.type")).isEqualTo("order.created");
        assertThat(variables.getString("headers.x-shop")).isEqualTo("north");
        assertThat(variables.getString("query.source")).isEqualTo("test");
        JsonObject outcome = one.getJsonObject("outcome");
        assertThat(outcome.getString("state")).isEqualTo("delivered");
        assertThat(outcome.getJsonArray("runs").stream().map(r -> ((JsonObject) r).getInteger("attempt")))
                .containsExactly(1, 2);
        assertThat(outcome.getJsonArray("runs").getJsonObject(0).getLong("startedAt"))
                .isEqualTo(1000);

        byte[] binary = {(byte) 0xff, 0, (byte) 0xfe, 'x'};
        HistoryRecord bin = seed(ONE, 7000, "", binary, 4, "json", "JSON: unexpected byte 0xff at byte 0");
        JsonObject b = ok(get("/v1/endpoints/" + ONE + "/events/" + bin.id()));
        assertThat(b.getString("bodyEncoding")).isEqualTo("base64");
        assertThat(Base64.getDecoder().decode(b.getString("body"))).isEqualTo(binary);
        assertThat(b.getString("diagnosis")).isEqualTo("JSON: unexpected byte 0xff at byte 0");
        assertThat(b.getJsonObject("outcome").getString("state")).isEqualTo("refused");
        assertThat(b.getString("variablesNote")).contains("not well-formed");

        HistoryRecord cut =
                seed(ONE, 1002, Transids.next(), "{\"a\":".getBytes(StandardCharsets.UTF_8), 900, "json", "");
        JsonObject c = ok(get("/v1/endpoints/" + ONE + "/events/" + cut.id()));
        assertThat(c.containsKey("variables")).isFalse();
        assertThat(c.getString("variablesNote")).contains("5 of the body's 900 bytes");
        assertThat(c.getLong("bodyKept")).isEqualTo(5);

        HistoryRecord form = seed(
                ONE,
                1002,
                Transids.next(),
                "payload=%7B%22k%22%3A1%7D&name=x".getBytes(StandardCharsets.UTF_8),
                32,
                "form",
                "");
        JsonObject f = ok(get("/v1/endpoints/" + ONE + "/events/" + form.id()));
        assertThat(f.getJsonObject("variables").getString("payload.k")).isEqualTo("1");
        assertThat(f.getJsonObject("variables").getString("name")).isEqualTo("x");

        assertCode(get("/v1/endpoints/" + ONE + "/events/1-0"), ResponseCode.NOT_FOUND);
        assertCode(get("/v1/endpoints/" + ONE + "/events/not-an-id"), ResponseCode.BAD_REQUEST);
        assertCode(get("/v1/endpoints/d00000000000000000000000000000ff/events"), ResponseCode.UNKNOWN_ENDPOINT);
        HttpResponse<Buffer> off = get("/v1/endpoints/" + OFF + "/events");
        assertCode(off, ResponseCode.NOT_FOUND);
        assertThat(off.bodyAsJsonObject().getString("reason")).contains("history is off");
    }

    @Test
    void aReplayedEventIsBackOnTheStreamWithItsTransidAndReplayOf() {
        String t = Transids.next();
        String body = "{\"data\":{\"type\":\"order.created\"}}";
        HistoryRecord accepted = seed(REPLAYED, 1002, t, body, "");
        JsonObject answer = ok(post("/v1/endpoints/" + REPLAYED + "/events/" + accepted.id() + "/replay"));
        assertThat(answer.getJsonArray("replayed"))
                .containsExactly(new JsonObject().put("id", accepted.id()).put("transid", t));
        assertThat(answer.getBoolean("dryRun")).isFalse();
        StreamEntry entry = replayOf(accepted.id());
        assertThat(entry.transid()).isEqualTo(t);
        assertThat(entry.endpoint()).isEqualTo(REPLAYED);
        assertThat(entry.service()).isEqualTo("shop");
        assertThat(entry.contentType()).isEqualTo("application/json");
        assertThat(entry.query()).isEqualTo("source=test");
        assertThat(new String(entry.body(), StandardCharsets.UTF_8)).isEqualTo(body);
        assertThat(new String(entry.headers(), StandardCharsets.UTF_8))
                .isEqualTo(new String(accepted.headers(), StandardCharsets.UTF_8));
        assertThat(StreamEntryCodec.text(entry, EventFields.FORMAT)).isEqualTo("json");

        HistoryRecord refused = seed(REPLAYED, 7028, "", body, "x-signature present; none matched");
        HttpResponse<Buffer> no = post("/v1/endpoints/" + REPLAYED + "/events/" + refused.id() + "/replay");
        assertCode(no, ResponseCode.NOT_REPLAYABLE);
        assertThat(no.bodyAsJsonObject().getString("reason")).contains("not accepted (answered 7028)");
        HistoryRecord cut =
                seed(REPLAYED, 1002, Transids.next(), "{\"a\"".getBytes(StandardCharsets.UTF_8), 100, "json", "");
        HttpResponse<Buffer> partial = post("/v1/endpoints/" + REPLAYED + "/events/" + cut.id() + "/replay");
        assertCode(partial, ResponseCode.NOT_REPLAYABLE);
        assertThat(partial.bodyAsJsonObject().getString("reason")).contains("maxBodyBytes");
        assertCode(post("/v1/endpoints/" + REPLAYED + "/events/1-0/replay"), ResponseCode.NOT_FOUND);
        assertCode(post("/v1/endpoints/" + OFF + "/events/1-0/replay"), ResponseCode.NOT_FOUND);
    }

    @Test
    void aFilteredSetIsCountedWithDryRunThenReplayedOldestFirst() {
        HistoryRecord first = seed(BATCH, 1002, Transids.next(), "{\"data\":{\"type\":\"x\"}}", "");
        seed(BATCH, 1002, Transids.next(), "{\"data\":{\"type\":\"y\"}}", "");
        seed(BATCH, 7000, "", "{\"data\":{\"type\":\"x\"}", "JSON: unexpected end of input at byte 21");
        HistoryRecord third = seed(BATCH, 1002, Transids.next(), "{\"data\":{\"type\":\"x\"}}", "");
        String path = "/v1/endpoints/" + BATCH + "/events/replay?where=" + q("data.type == 'x'");
        long before = streamLength();
        JsonObject dry = ok(post(path + "&dryRun=true"));
        assertThat(dry.getInteger("matched")).isEqualTo(2);
        assertThat(dry.getInteger("replayable")).isEqualTo(2);
        assertThat(dry.getJsonArray("replayed")).isEmpty();
        assertThat(dry.getBoolean("dryRun")).isTrue();
        assertThat(streamLength()).isEqualTo(before);

        JsonObject done = ok(post(path));
        assertThat(done.getJsonArray("replayed").stream().map(r -> ((JsonObject) r).getString("id")))
                .containsExactly(first.id(), third.id());
        assertThat(done.getString("next")).isNull();
        assertThat(replayOf(first.id()).transid()).isEqualTo(first.transid());
        assertThat(replayOf(third.id()).transid()).isEqualTo(third.transid());

        JsonObject all = ok(post("/v1/endpoints/" + BATCH + "/events/replay?dryRun=true&count=2"));
        assertThat(all.getInteger("matched")).isEqualTo(2);
        assertThat(all.getInteger("skipped")).isEqualTo(1);
        assertThat(all.getString("next")).isNotNull();
        assertThat(all.getString("more")).contains("after=");
    }

    @Test
    void realWebhooksAreListedShownAndReplayedWithoutTheirSecrets() throws InterruptedException {
        String body = "{\"data\":{\"type\":\"order.created\",\"id\":7}}";
        String forged = "{\"data\":{\"type\":\"order.forged\"}}";
        HttpResponse<Buffer> accepted = await(http.post(
                "/v1/webhooks/" + SIGNED + "?source=shop",
                Http.headers(
                        "Content-Type",
                        "application/json",
                        "X-Hub-Signature-256",
                        Signatures.github(SECRET, body.getBytes(StandardCharsets.UTF_8))),
                body));
        assertThat(accepted.statusCode()).as(accepted.bodyAsString()).isEqualTo(202);
        String transid = accepted.bodyAsJsonObject().getString("transid");
        HttpResponse<Buffer> refused = await(http.post(
                "/v1/webhooks/" + SIGNED,
                Http.headers("Content-Type", "application/json", "X-Hub-Signature-256", "sha256=" + "0".repeat(64)),
                forged));
        assertThat(refused.statusCode()).isEqualTo(400);
        for (int i = 0;
                i < 400
                        && redis.send(Request.cmd(Command.XLEN).arg(keys.records(SIGNED)))
                                        .toLong()
                                < 2;
                i++) {
            Thread.sleep(25);
        }
        String expectedMac = Signatures.github(SECRET, forged.getBytes(StandardCharsets.UTF_8));
        String expectedHex = expectedMac.substring("sha256=".length());

        JsonObject page = ok(get("/v1/endpoints/" + SIGNED + "/events"));
        assertThat(page.encode()).doesNotContain(expectedHex);
        JsonArray events = page.getJsonArray("events");
        assertThat(events).hasSize(2);
        JsonObject newest = events.getJsonObject(0);
        assertThat(newest.getJsonObject("answer").getString("code")).isEqualTo("7028");
        assertThat(newest.getString("outcome")).isEqualTo("refused");
        assertThat(newest.getString("diagnosis")).isNotEmpty();
        String acceptedId = events.getJsonObject(1).getString("id");
        assertThat(list(SIGNED, "transid=" + transid)).containsExactly(acceptedId);
        assertThat(list(SIGNED, "where=" + q("data.id == 7"))).containsExactly(acceptedId);
        assertThat(list(SIGNED, "outcome=pending")).containsExactly(acceptedId);

        JsonObject refusedOne = ok(get("/v1/endpoints/" + SIGNED + "/events/" + newest.getString("id")));
        assertThat(refusedOne.encode()).doesNotContain(expectedHex);
        JsonObject one = ok(get("/v1/endpoints/" + SIGNED + "/events/" + acceptedId));
        assertThat(one.getString("body")).isEqualTo(body);
        assertThat(one.getString("query")).isEqualTo("source=shop");
        assertThat(one.getJsonObject("variables").getString("data.type")).isEqualTo("order.created");
        assertThat(one.getJsonObject("variables").getString("query.source")).isEqualTo("shop");
        assertThat(one.getJsonObject("headers").getString("x-hub-signature-256"))
                .isNotEqualTo(Signatures.github(SECRET, body.getBytes(StandardCharsets.UTF_8)));

        JsonObject replayed = ok(post("/v1/endpoints/" + SIGNED + "/events/" + acceptedId + "/replay"));
        assertThat(replayed.getJsonArray("replayed"))
                .containsExactly(new JsonObject().put("id", acceptedId).put("transid", transid));
        StreamEntry entry = replayOf(acceptedId);
        assertThat(entry.transid()).isEqualTo(transid);
        assertThat(new String(entry.body(), StandardCharsets.UTF_8)).isEqualTo(body);
        assertThat(entry.contentType()).isEqualTo("application/json");
        assertCode(
                post("/v1/endpoints/" + SIGNED + "/events/" + newest.getString("id") + "/replay"),
                ResponseCode.NOT_REPLAYABLE);
    }

    @Test
    void everyHistoryRouteNeedsTheBearerToken() {
        for (var route : List.of(
                Map.entry(HttpMethod.GET, "/v1/endpoints/" + ONE + "/events"),
                Map.entry(HttpMethod.GET, "/v1/endpoints/" + ONE + "/events/1-0"),
                Map.entry(HttpMethod.POST, "/v1/endpoints/" + ONE + "/events/1-0/replay"),
                Map.entry(HttpMethod.POST, "/v1/endpoints/" + ONE + "/events/replay"))) {
            for (MultiMap headers : List.of(
                    MultiMap.caseInsensitiveMultiMap(), Http.headers("Authorization", "Bearer " + TOKEN + "x"))) {
                HttpResponse<Buffer> res = await(http.send(route.getKey(), route.getValue(), headers, null));
                assertCode(res, ResponseCode.ADMIN_UNAUTHORIZED);
            }
        }
    }

    private static StreamEntry replayOf(String historyId) {
        List<StreamEntry> found = new ArrayList<>();
        for (StreamEntry e : StreamEntryCodec.readAll(
                redis.send(Request.cmd(Command.XRANGE).arg(stream).arg("-").arg("+")))) {
            if (historyId.equals(e.others().get(EventFields.REPLAY_OF))) {
                found.add(e);
            }
        }
        assertThat(found).as("stream entries replaying " + historyId).hasSize(1);
        return found.get(0);
    }

    private static long streamLength() {
        return redis.send(Request.cmd(Command.XLEN).arg(stream)).toLong();
    }
}
