package dev.inlet.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.queue.DeadLetters;
import dev.inlet.queue.PermanentFailure;
import dev.inlet.queue.StreamEntry;
import dev.inlet.queue.StreamNames;
import dev.inlet.queue.WorkerMemory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One shard's consumer against a real Redis, with a scripted processor: ack after success, retries
 * with backoff, dead letters with the last error, replay, entries deleted while pending, the drain at
 * a stop, and the in-flight memory budget holding reads back.
 */
@ExtendWith(VertxExtension.class)
class ShardConsumerTest extends ConsumerFixture {
    @Test
    void everyEntryIsProcessedOnceAndAcknowledged(Vertx vertx, VertxTestContext ctx) {
        Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
        Checkpoint all = ctx.checkpoint(20);
        Checkpoint verified = ctx.checkpoint();
        EventProcessor processor = (entry, attempt) -> {
            seen.computeIfAbsent(entry.transid(), k -> new AtomicInteger()).incrementAndGet();
            all.flag();
            return Future.succeededFuture();
        };
        deploy(vertx, config(3, "30s"), "c-0", processor)
                .compose(id -> add(20))
                .compose(ids -> Poll.until(vertx, () -> Streams.unfinished(redis, stream), n -> n == 0, WITHIN))
                .onComplete(ctx.succeeding(n -> ctx.verify(() -> {
                    assertThat(seen).hasSize(20);
                    assertThat(seen.values()).allMatch(c -> c.get() == 1);
                    verified.flag();
                })));
    }

    @Test
    void aFailingEntryIsRetriedWithItsAttemptNumberThenAcknowledged(Vertx vertx, VertxTestContext ctx) {
        ConcurrentLinkedQueue<Integer> seen = new ConcurrentLinkedQueue<>();
        EventProcessor processor = (entry, attempt) -> {
            seen.add(attempt);
            return attempt <= 2 ? Future.failedFuture("receiver down") : Future.succeededFuture();
        };
        deploy(vertx, config(5, "30s"), "c-0", processor)
                .compose(id -> add(1))
                .compose(ids -> Poll.until(vertx, () -> Streams.unfinished(redis, stream), n -> n == 0, WITHIN))
                .compose(n -> hashSize(StreamNames.single(stream).shard(0).attempts()))
                .compose(left -> new DeadLetters(redis, StreamNames.single(stream))
                        .size()
                        .map(dead -> List.of(left, dead)))
                .compose(counts -> Poll.untilValue(vertx, memory::used, used -> used == 0, WITHIN)
                        .map(used -> counts))
                .onComplete(ctx.succeeding(counts -> ctx.verify(() -> {
                    assertThat(seen).containsExactly(1, 2, 3);
                    assertThat(counts).containsExactly(0L, 0L);
                    ctx.completeNow();
                })));
    }

    @Test
    void anEntryThatAlwaysFailsIsDeadLetteredWithTheLastErrorAndCanBeReplayed(Vertx vertx, VertxTestContext ctx) {
        Set<Integer> attemptsSeen = ConcurrentHashMap.newKeySet();
        AtomicInteger healthy = new AtomicInteger();
        EventProcessor processor = (entry, attempt) -> {
            if (healthy.get() == 0) {
                attemptsSeen.add(attempt);
                return Future.failedFuture("attempt " + attempt + " failed");
            }
            healthy.incrementAndGet();
            return Future.succeededFuture();
        };
        DeadLetters deadLetters = new DeadLetters(redis, StreamNames.single(stream));
        deploy(vertx, config(3, "30s"), "c-0", processor)
                .compose(id -> add(1))
                .compose(ids -> Poll.until(vertx, () -> deadLetters.list(null, 10), l -> l.size() == 1, WITHIN))
                .compose(dead -> {
                    StreamEntry letter = dead.get(0);
                    ctx.verify(() -> {
                        assertThat(attemptsSeen).containsExactlyInAnyOrder(1, 2, 3);
                        assertThat(letter.transid()).isEqualTo("t0");
                        assertThat(letter.fields())
                                .containsEntry("error", "attempt 3 failed")
                                .containsEntry("attempts", "3");
                        assertThat(new String(letter.body())).isEqualTo("{\"n\":0}");
                    });
                    return Streams.pending(redis, stream).map(p -> {
                        ctx.verify(() -> assertThat(p).isZero());
                        return letter.id();
                    });
                })
                .compose(letterId -> {
                    healthy.set(1);
                    return deadLetters.replay(letterId);
                })
                .compose(newId -> Poll.untilValue(vertx, healthy::get, n -> n == 2, WITHIN))
                .compose(n -> Poll.until(vertx, () -> Streams.unfinished(redis, stream), p -> p == 0, WITHIN))
                .compose(n -> Poll.untilValue(vertx, memory::used, used -> used == 0, WITHIN))
                .compose(n -> deadLetters.size())
                .onComplete(ctx.succeeding(size -> ctx.verify(() -> {
                    assertThat(size).isZero();
                    ctx.completeNow();
                })));
    }

    @Test
    void aPermanentFailureIsDeadLetteredAtOnceWithoutRetries(Vertx vertx, VertxTestContext ctx) {
        ConcurrentLinkedQueue<Integer> attempts = new ConcurrentLinkedQueue<>();
        EventProcessor processor = (entry, attempt) -> {
            attempts.add(attempt);
            return Future.failedFuture(new PermanentFailure("url renders no valid request"));
        };
        DeadLetters deadLetters = new DeadLetters(redis, StreamNames.single(stream));
        deploy(vertx, config(5, "30s"), "c-0", processor)
                .compose(id -> add(1))
                .compose(ids -> Poll.until(vertx, () -> deadLetters.list(null, 10), l -> l.size() == 1, WITHIN))
                .compose(dead -> Streams.pending(redis, stream).map(pending -> {
                    ctx.verify(() -> {
                        assertThat(attempts).containsExactly(1);
                        assertThat(dead.get(0).fields())
                                .containsEntry("error", "url renders no valid request")
                                .containsEntry("attempts", "1");
                        assertThat(pending).isZero();
                    });
                    return pending;
                }))
                .onComplete(ctx.succeeding(p -> ctx.completeNow()));
    }

    @Test
    void anEntryDeletedWhilePendingIsAcknowledgedWithoutProcessing(Vertx vertx, VertxTestContext ctx) {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        EventProcessor processor = (entry, attempt) -> {
            seen.add(entry.id());
            return Future.succeededFuture();
        };
        add(2).compose(ids -> readAs("c-0", 2)
                        .compose(v ->
                                redis.send(Request.cmd(Command.XDEL).arg(stream).arg(ids.get(0))))
                        .map(v -> ids))
                .compose(ids -> deploy(vertx, config(3, "1h"), "c-0", processor)
                        .compose(id -> Poll.until(vertx, () -> Streams.pending(redis, stream), n -> n == 0, WITHIN))
                        .map(n -> ids))
                .onComplete(ctx.succeeding(ids -> ctx.verify(() -> {
                    assertThat(seen).containsExactly(ids.get(1));
                    ctx.completeNow();
                })));
    }

    @Test
    void stoppingFinishesEntriesInFlightAndLeavesTheRestForTheNextStart(Vertx vertx, VertxTestContext ctx) {
        AtomicInteger started = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        Map<String, AtomicInteger> processed = new ConcurrentHashMap<>();
        EventProcessor slow = (entry, attempt) -> {
            started.incrementAndGet();
            return Future.<Void>future(p -> vertx.setTimer(200, t -> {
                processed
                        .computeIfAbsent(entry.transid(), k -> new AtomicInteger())
                        .incrementAndGet();
                finished.incrementAndGet();
                p.complete();
            }));
        };
        EventProcessor fast = (entry, attempt) -> {
            processed.computeIfAbsent(entry.transid(), k -> new AtomicInteger()).incrementAndGet();
            return Future.succeededFuture();
        };
        deploy(vertx, config(3, "1h"), "c-0", slow)
                .compose(id -> add(6).compose(ids -> Poll.untilValue(vertx, started::get, n -> n > 0, WITHIN))
                        .compose(n -> vertx.undeploy(id)))
                .compose(v -> {
                    // Whatever had started finished before the undeploy completed; nothing started after it.
                    ctx.verify(() -> assertThat(finished.get()).isEqualTo(started.get()));
                    return deploy(vertx, config(3, "1h"), "c-0", fast);
                })
                .compose(id -> Poll.until(vertx, () -> Streams.unfinished(redis, stream), n -> n == 0, WITHIN))
                .onComplete(ctx.succeeding(n -> ctx.verify(() -> {
                    assertThat(processed).hasSize(6);
                    assertThat(processed.values()).allMatch(c -> c.get() == 1);
                    ctx.completeNow();
                })));
    }

    @Test
    void eventsHoldingMoreThanTheBudgetStopFurtherReadsUntilTheyFinish(Vertx vertx, VertxTestContext ctx) {
        // Each event charges twice the whole budget, as a large flattened payload would.
        List<io.vertx.core.Promise<Void>> held = new java.util.concurrent.CopyOnWriteArrayList<>();
        AtomicInteger done = new AtomicInteger();
        EventProcessor heavy = (entry, attempt) -> {
            WorkerMemory.Charge charge = memory.charge();
            charge.add(2 * memory.capacity());
            io.vertx.core.Promise<Void> finish = io.vertx.core.Promise.promise();
            held.add(finish);
            return finish.future().andThen(ar -> {
                charge.release();
                done.incrementAndGet();
            });
        };
        deploy(vertx, config(3, "30s"), "c-0", heavy)
                .compose(id -> add(12))
                .compose(ids -> Poll.untilValue(vertx, held::size, n -> n > 0, WITHIN))
                // A read may be under way as the first events start: let it land.
                .compose(n -> io.vertx.core.Future.<Void>future(p -> vertx.setTimer(300, t -> p.complete())))
                .compose(v -> {
                    int inFlight = held.size();
                    ctx.verify(() -> {
                        // The first read brings a few entries (4, while sizes are unknown); the 2 × batchSize (8)
                        // the in-flight count allows would be read at once without the charges.
                        assertThat(inFlight)
                                .as("events in flight while the budget is spent")
                                .isBetween(1, 4);
                        assertThat(memory.used()).isGreaterThan(memory.capacity());
                    });
                    return Poll.untilValue(
                            vertx,
                            () -> {
                                held.forEach(p -> p.tryComplete());
                                return done.get();
                            },
                            n -> n == 12,
                            WITHIN);
                })
                .compose(n -> Poll.until(vertx, () -> Streams.unfinished(redis, stream), left -> left == 0, WITHIN))
                .compose(n -> Poll.untilValue(vertx, memory::used, used -> used == 0, WITHIN))
                .onComplete(ctx.succeeding(used -> ctx.completeNow()));
    }
}
