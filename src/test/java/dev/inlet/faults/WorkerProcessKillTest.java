package dev.inlet.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.Inlet;
import dev.inlet.Role;
import dev.inlet.queue.DeadLetters;
import dev.inlet.queue.StreamNames;
import dev.inlet.redis.EmbeddedRedis;
import dev.inlet.support.ChildInlet;
import dev.inlet.support.Waits;
import dev.inlet.worker.Poll;
import dev.inlet.worker.Receiver;
import dev.inlet.worker.Streams;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Redis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A worker process killed with SIGKILL mid-batch: an ingest-only Inlet in this JVM queues 8 × 50
 * unique ids; a worker in a child JVM forwards them (http action) to a receiver that answers after
 * 30 ms, and is killed once a quarter have arrived, with entries read and not acknowledged. A
 * second worker process then delivers the rest: under another host name it must take the dead
 * consumer's entries with XAUTOCLAIM after {@code workers.claimIdle}; under the same name it reads
 * them as its own pending entries first. Every id answered 1002 must reach the receiver.
 */
@Tag("faults")
@ExtendWith(VertxExtension.class)
class WorkerProcessKillTest {
    static final int SENDERS = 8;
    static final int PER_SENDER = 50;
    static final int EVENTS = SENDERS * PER_SENDER;
    static final int KILL_AFTER_RECEIVED = EVENTS / 4;
    static final long RECEIVER_DELAY_MS = 30;
    static final String WORKERS = "instances: 2, batchSize: 16, maxAttempts: 5, backoff: 50ms, claimIdle: 1s";
    static final String KILLED_HOST = "faults-killed";
    static final Duration DRAINED_WITHIN = Duration.ofSeconds(20);
    private static final Pattern RECLAIMED = Pattern.compile("reclaimed (\\d+) entries");

    final String stream = "faults:" + UUID.randomUUID();
    final List<Process> children = new CopyOnWriteArrayList<>();
    EmbeddedRedis redis;
    Inlet ingest;

    @AfterEach
    void stop() {
        children.forEach(Process::destroyForcibly);
        if (ingest != null) {
            ingest.stop();
        }
        if (redis != null) {
            redis.stop();
        }
    }

    @Test
    @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
    void workerKilledMidBatchIsReclaimedByAWorkerOnAnotherHost(Vertx vertx, VertxTestContext tc) throws Exception {
        scenario(vertx, tc, "faults-other-host", "worker-killed-reclaimed-by-another");
    }

    @Test
    @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
    void workerKilledMidBatchAndRestartedUnderTheSameName(Vertx vertx, VertxTestContext tc) throws Exception {
        scenario(vertx, tc, KILLED_HOST, "worker-killed-restarted-same-name");
    }

    private void scenario(Vertx vertx, VertxTestContext tc, String nextHost, String name) throws Exception {
        boolean otherHost = !nextHost.equals(KILLED_HOST);
        redis = EmbeddedRedis.start();
        Receiver receiver =
                Receiver.start(vertx).toCompletionStage().toCompletableFuture().get();
        receiver.delay(RECEIVER_DELAY_MS);
        String target = receiver.url("/hooks");
        ingest = Ingest.start(Role.INGEST, redis.url(), stream, WORKERS, target);
        Process killed = startWorker(KILLED_HOST, target, name + "-killed.log");
        String nextLog = name + "-next.log";
        LoadGenerator gen = new LoadGenerator(
                vertx, ingest::port, Ingest.PATH, Ingest.headers(), LoadGenerator.Options.of(SENDERS, PER_SENDER));
        Redis client = Redis.createClient(vertx, redis.url());
        AtomicReference<Map<String, Long>> pendingAtKill = new AtomicReference<>();
        AtomicLong receivedBeforeKill = new AtomicLong();
        AtomicInteger arrivalsAtKill = new AtomicInteger();
        AtomicLong killedAt = new AtomicLong();
        AtomicLong drainedAt = new AtomicLong();

        Future<LoadResult> run = gen.run("wkill");
        Future<Void> fault = Waits.until(
                        vertx,
                        () -> receiver.received(r -> true).size() >= KILL_AFTER_RECEIVED,
                        20_000,
                        "a quarter received from the first worker")
                .compose(v -> vertx.executeBlocking(() -> {
                    killed.destroyForcibly().waitFor();
                    killedAt.set(System.nanoTime());
                    return null;
                }))
                .compose(v -> {
                    receivedBeforeKill.set(Deliveries.ids(receiver).size());
                    arrivalsAtKill.set(receiver.received(r -> true).size());
                    return StreamContents.pendingByConsumer(client, stream);
                })
                .compose(pending -> {
                    pendingAtKill.set(pending);
                    return vertx.executeBlocking(() -> startWorker(nextHost, target, nextLog));
                })
                .mapEmpty();
        Future.all(run, fault)
                .compose(
                        all -> Poll.until(vertx, () -> Streams.unfinished(client, stream), n -> n == 0, DRAINED_WITHIN))
                .compose(n -> {
                    drainedAt.set(System.nanoTime());
                    return Future.all(
                            StreamContents.pendingByConsumer(client, stream),
                            new DeadLetters(client, StreamNames.single(stream)).size());
                })
                .map(after -> {
                    long killedPending = pendingAtKill.get().values().stream()
                            .mapToLong(Long::longValue)
                            .sum();
                    Outcome o =
                            new Outcome(after.resultAt(0), after.<Long>resultAt(1), killedPending, reclaimed(nextLog));
                    FaultReport r = FaultReport.of(name, run.result(), Deliveries.ids(receiver), "received")
                            .print("receivedBeforeKill=" + receivedBeforeKill.get() + " pendingAtKill="
                                    + pendingAtKill.get()
                                    + " reclaimedByXautoclaim=" + o.reclaimed() + " deliveries="
                                    + receiver.received(x -> true).size()
                                    + " killToDrainedMs=" + (drainedAt.get() - killedAt.get()) / 1_000_000
                                    + " deadLetters=" + o.deadLetters()
                                    + " deliveredTwiceByTheKilledWorker="
                                    + deliveredTwice(receiver, 0, arrivalsAtKill.get())
                                    + " deliveredTwiceByTheNextWorker="
                                    + deliveredTwice(receiver, arrivalsAtKill.get(), Integer.MAX_VALUE));
                    return Map.entry(r, o);
                })
                .eventually(client::close)
                .onComplete(tc.succeeding(result -> tc.verify(() -> {
                    FaultReport r = result.getKey();
                    Outcome o = result.getValue();
                    assertThat(r.lost()).as("answered 1002 but never received").isEmpty();
                    assertThat(r.acknowledged()).as("ids answered 1002").isEqualTo(EVENTS);
                    assertThat(pendingAtKill.get().keySet())
                            .as("consumers holding entries at the kill")
                            .allMatch(c -> c.startsWith(KILLED_HOST + "-"));
                    assertThat(o.killedPending())
                            .as("entries read by the killed worker and not acknowledged")
                            .isPositive();
                    assertThat(o.pendingAfter())
                            .as("entries still pending at the end, per consumer")
                            .isEmpty();
                    assertThat(o.deadLetters()).as("dead letters").isZero();
                    if (otherHost) {
                        // Nobody named like the dead consumers ran again, so only XAUTOCLAIM can have taken their
                        // entries.
                        assertThat(o.reclaimed())
                                .as("entries the second worker reclaimed with XAUTOCLAIM")
                                .isEqualTo(o.killedPending());
                    }
                    tc.completeNow();
                })));
    }

    /** The group's state once everything was delivered. */
    private record Outcome(Map<String, Long> pendingAfter, long deadLetters, long killedPending, long reclaimed) {}

    private Process startWorker(String host, String target, String log) throws IOException {
        String yaml = Ingest.forwarding(redis.url(), stream, ChildInlet.freePort(), WORKERS, target);
        Process p = ChildInlet.start(yaml, log, Map.of("HOSTNAME", host), "--role", "worker");
        children.add(p);
        return p;
    }

    /**
     * How many ids the receiver got more than once among its requests {@code from} (inclusive) to
     * {@code to}: before the kill (a worker's in-flight entry claimed by its sibling), or after it
     * (the second worker alone). The rest of the duplicates were in flight when the worker died.
     */
    private static long deliveredTwice(Receiver receiver, int from, int to) {
        List<String> ids = receiver.received(r -> true).stream()
                .skip(from)
                .limit(to - (long) from)
                .map(Deliveries::id)
                .toList();
        return ids.stream()
                .filter(id -> Collections.frequency(ids, id) > 1)
                .distinct()
                .count();
    }

    /** The sum of the "reclaimed N entries" lines the worker logged. */
    private static long reclaimed(String log) {
        Matcher m;
        try {
            m = RECLAIMED.matcher(Files.readString(ChildInlet.log(log)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long total = 0;
        while (m.find()) {
            total += Long.parseLong(m.group(1));
        }
        return total;
    }
}
