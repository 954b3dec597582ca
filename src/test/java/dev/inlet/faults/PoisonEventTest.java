package dev.inlet.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.Inlet;
import dev.inlet.Role;
import dev.inlet.queue.DeadLetters;
import dev.inlet.queue.StreamEntry;
import dev.inlet.queue.StreamNames;
import dev.inlet.redis.EmbeddedRedis;
import dev.inlet.support.Waits;
import dev.inlet.worker.Poll;
import dev.inlet.worker.Receiver;
import dev.inlet.worker.Streams;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A poison event that always fails: 8 × 50 unique ids are queued by an ingest-only Inlet, one id
 * per sender is poison (its receiver always answers 500), then a worker Inlet with
 * {@code maxAttempts: 3} and {@code backoff: 50ms} delivers the backlog. Each poison event must be
 * tried exactly three times, land in the dead-letter stream with the last error, and never be
 * tried again; every other event is delivered once, including while the poison waits for its retries.
 */
@Tag("faults")
@ExtendWith(VertxExtension.class)
class PoisonEventTest {
    static final int SENDERS = 8;
    static final int PER_SENDER = 50;
    static final int POISON_INDEX = 25;
    static final int MAX_ATTEMPTS = 3;
    static final String WORKERS =
            "instances: 1, batchSize: 16, maxAttempts: " + MAX_ATTEMPTS + ", backoff: 50ms, claimIdle: 1s";
    static final Duration WITHIN = Duration.ofSeconds(15);
    /** Long enough for a claimIdle (1 s) to pass: a poison event left pending would be claimed and tried again. */
    static final long QUIET_MS = 1_500;

    final String stream = "faults:" + UUID.randomUUID();
    EmbeddedRedis redis;
    Inlet ingest;
    Inlet worker;

    @AfterEach
    void stop() {
        if (worker != null) {
            worker.stop();
        }
        if (ingest != null) {
            ingest.stop();
        }
        if (redis != null) {
            redis.stop();
        }
    }

    static boolean poison(String id) {
        return id != null && id.endsWith("-" + POISON_INDEX);
    }

    @Test
    @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
    void aPoisonEventIsTriedMaxAttemptsTimesThenDeadLetteredWhileOthersFlow(Vertx vertx, VertxTestContext tc)
            throws Exception {
        redis = EmbeddedRedis.start();
        Receiver receiver =
                Receiver.start(vertx).toCompletionStage().toCompletableFuture().get();
        Map<String, Long> firstHit = new ConcurrentHashMap<>();
        receiver.respond("/hooks", (req, nth) -> {
            String id = Deliveries.id(req);
            if (!poison(id)) {
                return 200;
            }
            firstHit.putIfAbsent(id, System.currentTimeMillis());
            return 500;
        });
        String target = receiver.url("/hooks");
        ingest = Ingest.start(Role.INGEST, redis.url(), stream, WORKERS, target);
        LoadGenerator gen = new LoadGenerator(
                vertx, ingest::port, Ingest.PATH, Ingest.headers(), LoadGenerator.Options.of(SENDERS, PER_SENDER));
        Redis client = Redis.createClient(vertx, redis.url());
        DeadLetters deadLetters = new DeadLetters(client, StreamNames.single(stream));
        Map<String, Integer> hitsWhenDead = new HashMap<>();

        // The whole load is queued before the worker starts, so each poison event sits mid-backlog.
        Future<LoadResult> run = gen.run("poison");
        run.compose(load -> vertx.executeBlocking(() -> {
                    worker = Ingest.start(Role.WORKER, redis.url(), stream, WORKERS, target);
                    return null;
                }))
                .compose(v -> Poll.until(vertx, () -> deadLetters.list(null, 100), l -> l.size() >= SENDERS, WITHIN))
                .compose(letters -> Poll.until(vertx, () -> Streams.unfinished(client, stream), n -> n == 0, WITHIN))
                .compose(n -> {
                    hitsWhenDead.putAll(poisonHits(receiver));
                    return Waits.delay(vertx, QUIET_MS);
                })
                .compose(v -> Future.all(
                        deadLetters.list(null, 100),
                        StreamContents.pendingByConsumer(client, stream),
                        client.send(Request.cmd(Command.HLEN)
                                .arg(StreamNames.single(stream).shard(0).attempts()))))
                .map(after -> {
                    List<StreamEntry> letters = after.resultAt(0);
                    Outcome o = new Outcome(
                            letters,
                            after.resultAt(1),
                            after.<Response>resultAt(2).toLong(),
                            poisonHits(receiver),
                            Map.copyOf(hitsWhenDead),
                            deliveriesDuringRetries(receiver));
                    Map<String, Integer> found = new HashMap<>(Deliveries.ids(receiver));
                    found.keySet().removeIf(PoisonEventTest::poison);
                    letters.forEach(l -> found.merge(id(l), 1, Integer::sum));
                    long slowestToDeadMs = letters.stream()
                            .mapToLong(
                                    l -> Long.parseLong(l.fields().get("failedAt")) - firstHit.getOrDefault(id(l), 0L))
                            .max()
                            .orElse(-1);
                    FaultReport r = FaultReport.of("poison-event", run.result(), found, "deliveredOrDeadLettered")
                            .print("poison=" + o.hits().size() + " hitsPerPoison="
                                    + Set.copyOf(o.hits().values())
                                    + " deadLetters=" + letters.size() + " firstHitToDeadLetterMaxMs=" + slowestToDeadMs
                                    + " otherDeliveriesWhilePoisonRetriedMin="
                                    + o.duringRetries().values().stream()
                                            .min(Integer::compare)
                                            .orElse(-1)
                                    + " extraPoisonHitsIn" + QUIET_MS + "ms="
                                    + (total(o.hits()) - total(o.hitsWhenDead()))
                                    + " pendingAfter=" + o.pendingAfter().size() + " attemptCountersLeft="
                                    + o.attemptCounters()
                                    + " lastError=\""
                                    + (letters.isEmpty()
                                            ? ""
                                            : letters.get(0).fields().get("error")) + "\"");
                    return Map.entry(r, o);
                })
                .eventually(client::close)
                .onComplete(tc.succeeding(result -> tc.verify(() -> {
                    FaultReport r = result.getKey();
                    Outcome o = result.getValue();
                    Set<String> poisons = run.result().ids().stream()
                            .filter(PoisonEventTest::poison)
                            .collect(Collectors.toSet());
                    assertThat(poisons).as("poison ids sent").hasSize(SENDERS);
                    assertThat(r.acknowledged()).as("ids answered 1002").isEqualTo(SENDERS * PER_SENDER);
                    assertThat(r.lost())
                            .as("answered 1002, neither delivered nor dead-lettered")
                            .isEmpty();
                    assertThat(r.duplicates())
                            .as("other events delivered more than once, or a poison dead-lettered twice")
                            .isZero();
                    assertThat(o.hitsWhenDead())
                            .as("receiver hits per poison id once all were dead-lettered")
                            .isEqualTo(poisons.stream().collect(Collectors.toMap(id -> id, id -> MAX_ATTEMPTS)));
                    assertThat(o.hits())
                            .as("receiver hits per poison id after " + QUIET_MS + " ms more")
                            .isEqualTo(o.hitsWhenDead());
                    assertThat(o.letters()).as("dead letters").hasSize(SENDERS).allSatisfy(l -> {
                        assertThat(poisons).contains(id(l));
                        assertThat(l.fields()).containsEntry("attempts", String.valueOf(MAX_ATTEMPTS));
                        assertThat(l.fields().get("error"))
                                .isEqualTo("flow forward step 1 (http): http POST " + target + ": answered 500");
                        assertThat(l.transid()).isNotEmpty();
                    });
                    assertThat(o.duringRetries())
                            .as("other deliveries between each poison's first and last attempt")
                            .hasSize(SENDERS)
                            .allSatisfy((id, n) -> assertThat(n).isPositive());
                    assertThat(o.pendingAfter()).as("entries still pending").isEmpty();
                    assertThat(o.attemptCounters())
                            .as("attempt counters left in Redis")
                            .isZero();
                    tc.completeNow();
                })));
    }

    /** What the group and the receiver show at the end. */
    private record Outcome(
            List<StreamEntry> letters,
            Map<String, Long> pendingAfter,
            long attemptCounters,
            Map<String, Integer> hits,
            Map<String, Integer> hitsWhenDead,
            Map<String, Integer> duringRetries) {}

    private static String id(StreamEntry letter) {
        return new JsonObject(Buffer.buffer(letter.body())).getString("id");
    }

    private static int total(Map<String, Integer> hits) {
        return hits.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Poison id → requests the receiver got for it. */
    private static Map<String, Integer> poisonHits(Receiver receiver) {
        Map<String, Integer> hits = new TreeMap<>(Deliveries.ids(receiver));
        hits.keySet().removeIf(id -> !poison(id));
        return hits;
    }

    /**
     * Poison id → deliveries of other events that arrived between its first and its last attempt (in
     * the receiver's arrival order): positive when the poison's backoff held nothing else up.
     */
    private static Map<String, Integer> deliveriesDuringRetries(Receiver receiver) {
        List<String> arrivals =
                receiver.received(x -> true).stream().map(Deliveries::id).toList();
        Map<String, Integer> during = new TreeMap<>();
        for (String id : Set.copyOf(arrivals)) {
            if (poison(id)) {
                int first = arrivals.indexOf(id);
                int last = arrivals.lastIndexOf(id);
                during.put(id, (int) arrivals.subList(first, last).stream()
                        .filter(a -> !poison(a))
                        .count());
            }
        }
        return during;
    }
}
