package dev.inlet.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.Inlet;
import dev.inlet.config.ConfigLoader;
import dev.inlet.config.InletConfig;
import dev.inlet.history.HistoryKeys;
import dev.inlet.limits.TransactionLimiter;
import dev.inlet.metrics.InletMetrics;
import dev.inlet.metrics.StreamGauges;
import dev.inlet.redis.CommandBatcher;
import dev.inlet.redis.HashSlots;
import dev.inlet.redis.RedisConnector;
import dev.inlet.support.ClusterRedis;
import dev.inlet.support.Http;
import dev.inlet.worker.Receiver;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Inlet on a real local Redis Cluster of three masters, with {@code redis.shards: 3} and two worker
 * verticles: events are spread over shards on different masters, group commit still batches, a
 * transaction limit and idempotency hold across the cluster, workers deliver every accepted event,
 * and dead letters are listed and replayed across shards.
 */
@Tag("cluster")
class RedisClusterTest {
    static final String PLAIN = "c0000000000000000000000000000001";
    static final String METERED = "c0000000000000000000000000000002";
    static final String DEDUPED = "c0000000000000000000000000000003";
    static final String BROKEN = "c0000000000000000000000000000004";
    static final String HISTORY = "c0000000000000000000000000000005";
    static final String TOKEN = "cluster-admin-token";
    static final long WITHIN_MILLIS = 20_000;

    static ClusterRedis cluster;
    static Vertx vertx;
    static Receiver receiver;
    static Inlet inlet;
    static InletConfig config;
    static StreamNames streams;
    static Redis redis;
    static Http http;
    static final AtomicBoolean healed = new AtomicBoolean();

    @BeforeAll
    static void start() throws Exception {
        cluster = ClusterRedis.start(3);
        vertx = Vertx.vertx();
        receiver = await(Receiver.start(vertx));
        receiver.respond("/broken", (req, nth) -> healed.get() ? 200 : 503);
        config = new ConfigLoader(Map.of())
                .parse(
                        """
        server: { port: 0, host: 127.0.0.1 }
        admin: { token: %s }
        redis: { url: "%s", mode: cluster, shards: 3, stream: "test:cluster" }
        workers: { instances: 2, batchSize: 8, maxAttempts: 2, backoff: 50ms }
        services:
          - { id: shop }
          - { id: metered, limit: { rate: 5, per: 1m, burst: 5 } }
        endpoints:
          - { id: %s, service: shop, auth: none, format: json, flows: [deliver] }
          - { id: %s, service: metered, auth: none, format: json, flows: [deliver] }
          - { id: %s, service: shop, auth: none, format: json, idempotency: { header: webhook-id }, flows: [deliver] }
          - { id: %s, service: shop, auth: none, format: json, flows: [broken] }
          - { id: %s, service: shop, auth: none, format: json, flows: [deliver] }
        flows:
          - id: deliver
            steps: [{ action: http, url: "%s" }]
          - id: broken
            steps: [{ action: http, url: "%s" }]
        """
                                .formatted(
                                        TOKEN,
                                        cluster.url(),
                                        PLAIN,
                                        METERED,
                                        DEDUPED,
                                        BROKEN,
                                        HISTORY,
                                        receiver.url("/got"),
                                        receiver.url("/broken")));
        streams = StreamNames.of(config.redis());
        inlet = Inlet.start(config);
        redis = RedisConnector.create(vertx, config.redis(), cluster.url(), 4);
        http = new Http(vertx, inlet.port());
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (inlet != null) {
                inlet.stop();
            }
            if (redis != null) {
                redis.close();
            }
            if (vertx != null) {
                await(vertx.close());
            }
        } finally {
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    @Test
    void everyKeyOfAShardSharesItsSlotAndTheShardsSitOnDifferentMasters() {
        Set<Integer> masters = new HashSet<>();
        for (StreamNames.Shard shard : streams.shards()) {
            int slot = keySlot(shard.stream());
            assertThat(HashSlots.slot(shard.stream())).isEqualTo(slot);
            assertThat(keySlot(shard.deadLetter())).isEqualTo(slot);
            assertThat(keySlot(shard.attempts())).isEqualTo(slot);
            assertThat(keySlot(shard.idempotencyKey(DEDUPED, "ab12"))).isEqualTo(slot);
            masters.add(cluster.masterOf(slot));
        }
        assertThat(masters).containsExactlyInAnyOrder(0, 1, 2);
        String service = TransactionLimiter.serviceScope("metered", null).keyPrefix();
        String endpoint =
                TransactionLimiter.endpointScope("metered", METERED, null).keyPrefix();
        assertThat(keySlot(service + ":rate")).isEqualTo(keySlot(endpoint + ":day:20240101"));
    }

    @Test
    void acceptedEventsLandInEveryShardAndWorkersDeliverThemAll() {
        List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            sent.add(http.post(
                    "/v1/webhooks/" + PLAIN, Http.headers("Content-Type", "application/json"), "{\"n\": " + i + "}"));
        }
        List<String> transids = new ArrayList<>();
        for (Future<HttpResponse<Buffer>> f : sent) {
            HttpResponse<Buffer> r = await(f);
            assertThat(r.statusCode()).isEqualTo(202);
            assertThat(r.bodyAsJsonObject().getString("code")).isEqualTo("1002");
            transids.add(r.bodyAsJsonObject().getString("transid"));
        }
        for (StreamNames.Shard shard : streams.shards()) {
            assertThat(transidsIn(shard.stream())).as("shard %d", shard.index()).isNotEmpty();
        }
        Set<String> queued = new HashSet<>();
        streams.shards().forEach(s -> queued.addAll(transidsIn(s.stream())));
        assertThat(queued).containsAll(transids);
        eventually(() -> receiver.received(r -> r.path().equals("/got") && transids.contains(r.transid())).stream()
                        .map(Receiver.Received::transid)
                        .distinct()
                        .count()
                == transids.size());
        eventually(() -> streams.shards().stream().allMatch(s -> pending(s.stream()) == 0));
    }

    @Test
    void concurrentCommandsForShardsOnDifferentMastersAreStillBatched() {
        Redis client = RedisConnector.create(vertx, config.redis(), cluster.url(), 2);
        try {
            io.vertx.core.Context context = vertx.getOrCreateContext();
            List<Future<Response>> replies = new ArrayList<>();
            CommandBatcher[] batcher = new CommandBatcher[1];
            java.util.concurrent.CountDownLatch queued = new java.util.concurrent.CountDownLatch(1);
            context.runOnContext(v -> {
                batcher[0] = new CommandBatcher(client, context, 5_000);
                for (int round = 0; round < 3; round++) {
                    for (StreamNames.Shard shard : streams.shards()) {
                        String key = shard.stream() + ":batch-test";
                        replies.add(batcher[0].send(Request.cmd(Command.INCR).arg(key), key));
                    }
                }
                queued.countDown();
            });
            assertThat(queued.await(5, TimeUnit.SECONDS)).isTrue();
            for (Future<Response> r : replies) {
                assertThat(await(r).toLong()).isBetween(1L, 3L);
            }
            assertThat(batcher[0].perSlot()).isTrue();
            for (StreamNames.Shard shard : streams.shards()) {
                assertThat(await(redis.send(Request.cmd(Command.GET).arg(shard.stream() + ":batch-test")))
                                .toLong())
                        .isEqualTo(3);
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        } finally {
            client.close();
        }
    }

    @Test
    void aTransactionLimitHoldsAcrossTheCluster() {
        List<String> codes = new ArrayList<>();
        List<String> transids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            HttpResponse<Buffer> r = await(http.post(
                    "/v1/webhooks/" + METERED, Http.headers("Content-Type", "application/json"), "{\"n\": " + i + "}"));
            JsonObject body = r.bodyAsJsonObject();
            codes.add(body.getString("code"));
            if ("1002".equals(body.getString("code"))) {
                transids.add(body.getString("transid"));
            } else {
                assertThat(r.statusCode()).isEqualTo(429);
                assertThat(r.getHeader("Retry-After")).isNotNull();
            }
        }
        assertThat(codes).containsExactly("1002", "1002", "1002", "1002", "1002", "7020", "7020", "7020");
        eventually(() -> receiver.received(r -> transids.contains(r.transid())).stream()
                        .map(Receiver.Received::transid)
                        .distinct()
                        .count()
                == 5);
    }

    @Test
    void aRepeatedIdempotencyKeyIsQueuedOnceWhicheverShardItHashesTo() {
        Set<Integer> shardsUsed = new HashSet<>();
        List<String> firsts = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            String key = "delivery-" + i;
            List<Future<HttpResponse<Buffer>>> both = List.of(
                    http.post(
                            "/v1/webhooks/" + DEDUPED,
                            Http.headers("Content-Type", "application/json", "webhook-id", key),
                            "{}"),
                    http.post(
                            "/v1/webhooks/" + DEDUPED,
                            Http.headers("Content-Type", "application/json", "webhook-id", key),
                            "{}"));
            String first = await(both.get(0)).bodyAsJsonObject().getString("transid");
            String second = await(both.get(1)).bodyAsJsonObject().getString("transid");
            assertThat(first).isNotNull().isEqualTo(second);
            String again = await(http.post(
                            "/v1/webhooks/" + DEDUPED,
                            Http.headers("Content-Type", "application/json", "webhook-id", key),
                            "{}"))
                    .bodyAsJsonObject()
                    .getString("transid");
            assertThat(again).isEqualTo(first);
            firsts.add(first);
            int copies = 0;
            for (StreamNames.Shard shard : streams.shards()) {
                long n = transidsIn(shard.stream()).stream()
                        .filter(first::equals)
                        .count();
                if (n > 0) {
                    shardsUsed.add(shard.index());
                }
                copies += (int) n;
            }
            assertThat(copies).as("copies of %s", key).isEqualTo(1);
        }
        assertThat(shardsUsed).hasSizeGreaterThan(1);
        eventually(() -> firsts.stream().allMatch(t -> !receiver.withTransid(t).isEmpty()));
        assertThat(receiver.received(r -> firsts.contains(r.transid()))).hasSize(firsts.size());
    }

    @Test
    void deadLettersAreListedAndReplayedAcrossShards() {
        List<String> transids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            transids.add(
                    await(http.post("/v1/webhooks/" + BROKEN, Http.headers("Content-Type", "application/json"), "{}"))
                            .bodyAsJsonObject()
                            .getString("transid"));
        }
        DeadLetters deadLetters = new DeadLetters(redis, streams);
        eventually(() -> await(deadLetters.list(null, 100)).stream()
                        .filter(e -> transids.contains(e.transid()))
                        .count()
                == 6);
        JsonObject page = await(http.send(
                        io.vertx.core.http.HttpMethod.GET,
                        "/v1/admin/dead-letters?count=4",
                        Http.headers("Authorization", "Bearer " + TOKEN),
                        null))
                .bodyAsJsonObject();
        assertThat(page.getLong("size")).isEqualTo(6);
        List<String> ids = new ArrayList<>();
        page.getJsonArray("deadLetters").forEach(o -> ids.add(((JsonObject) o).getString("id")));
        JsonObject rest = await(http.send(
                        io.vertx.core.http.HttpMethod.GET,
                        "/v1/admin/dead-letters?count=4&after=" + page.getString("next"),
                        Http.headers("Authorization", "Bearer " + TOKEN),
                        null))
                .bodyAsJsonObject();
        rest.getJsonArray("deadLetters").forEach(o -> ids.add(((JsonObject) o).getString("id")));
        assertThat(rest.getString("next")).isNull();
        assertThat(ids).hasSize(6).doesNotHaveDuplicates().allMatch(id -> id.matches("[0-2]:\\d+-\\d+"));
        assertThat(ids.stream().map(id -> id.substring(0, 1)).distinct().count())
                .isGreaterThan(1);

        healed.set(true);
        for (String id : ids) {
            HttpResponse<Buffer> r = await(http.send(
                    io.vertx.core.http.HttpMethod.POST,
                    "/v1/admin/dead-letters/" + id + "/replay",
                    Http.headers("Authorization", "Bearer " + TOKEN),
                    null));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.bodyAsJsonObject().getString("replayedAs")).startsWith(id.substring(0, 2));
        }
        eventually(() -> transids.stream()
                .allMatch(t ->
                        receiver.withTransid(t).stream().anyMatch(r -> r.path().equals("/broken"))
                                && receiver.withTransid(t).stream()
                                                .filter(r -> r.path().equals("/broken"))
                                                .count()
                                        >= 3));
        assertThat(await(deadLetters.size())).isZero();
    }

    @Test
    void theHistoryRecordsOutcomesAndReplaysAcrossTheCluster() {
        HistoryKeys keys = HistoryKeys.of(config.redis().stream());
        assertThat(keySlot(keys.outcomes(HISTORY))).isEqualTo(keySlot(keys.records(HISTORY)));
        assertThat(keySlot(keys.unrecorded(HISTORY))).isEqualTo(keySlot(keys.records(HISTORY)));
        List<String> transids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            transids.add(await(http.post(
                            "/v1/webhooks/" + HISTORY,
                            Http.headers("Content-Type", "application/json"),
                            "{\"n\": " + i + "}"))
                    .bodyAsJsonObject()
                    .getString("transid"));
        }
        assertThat(await(http.post("/v1/webhooks/" + HISTORY, Http.headers("Content-Type", "application/json"), "{"))
                        .statusCode())
                .isEqualTo(400);
        MultiMap admin = Http.headers("Authorization", "Bearer " + TOKEN);
        eventually(() ->
                history("?outcome=delivered", admin).getJsonArray("events").size() == 6);
        JsonObject all = history("", admin);
        assertThat(all.getJsonArray("events").size()).isEqualTo(7);
        JsonObject refused = all.getJsonArray("events").getJsonObject(0);
        assertThat(refused.getString("outcome")).isEqualTo("refused");
        assertThat(refused.getString("diagnosis")).startsWith("JSON: ");
        String id = all.getJsonArray("events").getJsonObject(1).getString("id");
        JsonObject one = await(http.send(
                        io.vertx.core.http.HttpMethod.GET, "/v1/endpoints/" + HISTORY + "/events/" + id, admin, null))
                .bodyAsJsonObject();
        String transid = one.getJsonObject("answer").getString("transid");
        assertThat(transids).contains(transid);
        assertThat(one.getJsonObject("outcome").getString("state")).isEqualTo("delivered");
        HttpResponse<Buffer> replayed = await(http.send(
                io.vertx.core.http.HttpMethod.POST,
                "/v1/endpoints/" + HISTORY + "/events/" + id + "/replay",
                admin,
                null));
        assertThat(replayed.statusCode()).as(replayed.bodyAsString()).isEqualTo(200);
        eventually(() -> receiver.withTransid(transid).stream()
                        .filter(r -> r.path().equals("/got"))
                        .count()
                >= 2);
        eventually(() -> await(http.send(
                        io.vertx.core.http.HttpMethod.GET, "/v1/endpoints/" + HISTORY + "/events/" + id, admin, null))
                .bodyAsJsonObject()
                .getJsonObject("outcome")
                .getJsonArray("runs")
                .stream()
                .map(JsonObject.class::cast)
                .anyMatch(run -> run.getString("replay").equals(id)));
    }

    private static JsonObject history(String query, MultiMap admin) {
        return await(http.send(
                        io.vertx.core.http.HttpMethod.GET, "/v1/endpoints/" + HISTORY + "/events" + query, admin, null))
                .bodyAsJsonObject();
    }

    @Test
    void gaugesSumOverShardsAndTheGroupIsFoundOnEveryShard() {
        for (StreamNames.Shard shard : streams.shards()) {
            await(redis.send(Request.cmd(Command.XADD)
                    .arg(shard.stream())
                    .arg("*")
                    .arg("probe")
                    .arg("1")));
        }
        long total = streams.shards().stream()
                .mapToLong(s -> await(redis.send(Request.cmd(Command.XLEN).arg(s.stream())))
                        .toLong())
                .sum();
        InletMetrics metrics = new InletMetrics();
        await(new StreamGauges(vertx, redis, streams, metrics).poll());
        String text = metrics.scrape();
        assertThat(gauge(text, "inlet_stream_length"))
                .isGreaterThanOrEqualTo(total - 0.5)
                .isGreaterThan(2.5);
        assertThat(gauge(text, "inlet_stream_pending")).isGreaterThanOrEqualTo(0);
        assertThat(gauge(text, "inlet_deadletter_length")).isGreaterThanOrEqualTo(0);
    }

    private static double gauge(String prometheus, String name) {
        return prometheus
                .lines()
                .filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in " + prometheus));
    }

    private static int keySlot(String key) {
        return await(redis.send(Request.cmd(Command.CLUSTER).arg("KEYSLOT").arg(key)))
                .toInteger();
    }

    private static List<String> transidsIn(String stream) {
        Response entries = await(
                redis.send(Request.cmd(Command.XRANGE).arg(stream).arg("-").arg("+")));
        List<String> out = new ArrayList<>();
        for (Response e : entries) {
            StreamEntry entry = StreamEntry.from(e);
            if (entry != null) {
                out.add(entry.transid());
            }
        }
        return out;
    }

    @Test
    void variableNamesAreRecordedFromLiveEventsAndSavedFromSamples() {
        // Recording writes the live set and its sightings in one script: they must share a slot.
        assertThat(HashSlots.slot("{" + dev.inlet.variables.VariableNames.key("test:cluster", PLAIN) + "}:seen"))
                .isEqualTo(keySlot(dev.inlet.variables.VariableNames.key("test:cluster", PLAIN)));
        io.vertx.core.MultiMap admin =
                Http.headers("Authorization", "Bearer " + TOKEN, "Content-Type", "application/json");
        assertThat(await(http.post(
                                "/v1/webhooks/" + PLAIN,
                                Http.headers("Content-Type", "application/json"),
                                "{\"clusterLive\": {\"x\": 1}}"))
                        .statusCode())
                .isEqualTo(202);
        HttpResponse<Buffer> parsed = await(http.send(
                io.vertx.core.http.HttpMethod.POST,
                "/v1/endpoints/" + PLAIN + "/parse",
                admin,
                Buffer.buffer("{\"clusterSample\": 1}")));
        assertThat(parsed.bodyAsJsonObject().getBoolean("saved"))
                .as(parsed.bodyAsString())
                .isTrue();
        eventually(() -> await(http.send(
                        io.vertx.core.http.HttpMethod.GET,
                        "/v1/endpoints/" + PLAIN + "/variables?prefix=cluster",
                        admin,
                        null))
                .bodyAsJsonObject()
                .getJsonArray("variables")
                .getList()
                .equals(List.of("clusterLive.x", "clusterSample")));
    }

    private static long pending(String stream) {
        Response summary =
                await(redis.send(Request.cmd(Command.XPENDING).arg(stream).arg(StreamNames.GROUP)));
        return summary.get(0).toLong();
    }

    private static void eventually(Supplier<Boolean> condition) {
        long deadline = System.currentTimeMillis() + WITHIN_MILLIS;
        while (!condition.get()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("condition not reached in " + WITHIN_MILLIS + " ms");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
