package dev.inlet.variables;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.redis.HashSlots;
import dev.inlet.support.TestRedis;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The variable-name store on a real Redis: samples apart from live names, live names bounded with
 * eviction of the least recently seen, a per-process cache that is bounded and refreshed, and both
 * sets listed together in byte order.
 */
@ExtendWith(VertxExtension.class)
class VariableNamesTest {
    static final String ENDPOINT = "e1";
    static final long REFRESH = 60_000;

    String stream;
    Redis redis;
    final AtomicLong now = new AtomicLong(1_000_000);

    @BeforeEach
    void setUp(Vertx vertx) {
        stream = "test:names:" + UUID.randomUUID();
        redis = Redis.createClient(vertx, TestRedis.url());
    }

    @AfterEach
    void tearDown() {
        redis.close();
    }

    /** The names of one process, with the test's clock. */
    private VariableNames process() {
        return new VariableNames(redis, stream, new RecordedNames(now::get, REFRESH));
    }

    private static List<String> names(String prefix, int from, int count) {
        return IntStream.range(from, from + count).mapToObj(i -> prefix + i).toList();
    }

    private Future<Long> card(String key) {
        return redis.send(Request.cmd(Command.ZCARD).arg(key)).map(Response::toLong);
    }

    private Future<List<String>> all(VariableNames names, String prefix) {
        List<String> out = new ArrayList<>();
        return page(names, prefix, null, out).map(v -> out);
    }

    private Future<Void> page(VariableNames names, String prefix, String after, List<String> out) {
        return names.find(ENDPOINT, prefix, after, VariableNames.MAX_PAGE).compose(found -> {
            out.addAll(found);
            return found.size() < VariableNames.MAX_PAGE
                    ? Future.succeededFuture()
                    : page(names, prefix, found.get(found.size() - 1), out);
        });
    }

    @Test
    void theSetsOfOneEndpointShareAClusterSlotAndKeepTheirNames() {
        String live = VariableNames.key("inlet:events", "abc");
        assertThat(live).isEqualTo("inlet:events:variables:abc");
        assertThat(VariableNames.samplesKey("inlet:events", "abc")).isEqualTo("inlet:events:variables:abc:samples");
        assertThat(HashSlots.slot(VariableNames.seenKey("inlet:events", "abc"))).isEqualTo(HashSlots.slot(live));
    }

    @Test
    void junkPushesLiveNamesOutOnlyUntilTheyAreSeenAgain(Vertx vertx, VertxTestContext ctx) {
        VariableNames legit = process();
        VariableNames attacker = process();
        List<String> real = names("data.real", 0, 50);
        List<String> junk = names("junk", 0, VariableNames.MAX_NAMES);
        legit.record(ENDPOINT, real)
                .compose(v -> {
                    now.addAndGet(1_000);
                    return attacker.record(ENDPOINT, junk);
                })
                .compose(v -> Future.all(
                        all(legit, "data."),
                        card(VariableNames.key(stream, ENDPOINT)),
                        card(VariableNames.seenKey(stream, ENDPOINT))))
                .compose(pushedOut -> {
                    ctx.verify(() -> {
                        assertThat(pushedOut.<List<String>>resultAt(0))
                                .as("legitimate names left after the junk")
                                .isEmpty();
                        assertThat(pushedOut.<Long>resultAt(1)).isEqualTo(VariableNames.MAX_NAMES);
                        assertThat(pushedOut.<Long>resultAt(2)).isEqualTo(VariableNames.MAX_NAMES);
                    });
                    // Within the refresh period the process does not write what it wrote already...
                    now.addAndGet(REFRESH / 2);
                    return legit.record(ENDPOINT, real).compose(v -> all(legit, "data."));
                })
                .compose(stillOut -> {
                    ctx.verify(() -> assertThat(stillOut).isEmpty());
                    // ...after it, the names it sees again are written again, and the junk seen longest ago goes.
                    now.addAndGet(REFRESH);
                    return legit.record(ENDPOINT, real).compose(v -> all(legit, ""));
                })
                .onComplete(ctx.succeeding(listed -> ctx.verify(() -> {
                    assertThat(listed).hasSize(VariableNames.MAX_NAMES).containsAll(real);
                    assertThat(listed.stream().filter(n -> n.startsWith("junk")))
                            .hasSize(VariableNames.MAX_NAMES - real.size());
                    ctx.completeNow();
                })));
    }

    @Test
    void aProcessHoldingTheWholeQuotaSkipsNamesUntilTheyAreDueAgain(Vertx vertx, VertxTestContext ctx) {
        VariableNames names = process();
        List<String> first = names("a", 0, VariableNames.MAX_NAMES - 1);
        ctx.verify(() -> assertThat(names.saturated(ENDPOINT)).isFalse());
        names.record(ENDPOINT, first)
                .compose(v -> {
                    ctx.verify(() -> assertThat(names.saturated(ENDPOINT)).isFalse());
                    // Only one of these has room in the cache; the rest wait for a later event.
                    return names.record(ENDPOINT, List.of("b0", "b1", "b2"));
                })
                .compose(v -> card(VariableNames.key(stream, ENDPOINT)))
                .onComplete(ctx.succeeding(stored -> ctx.verify(() -> {
                    assertThat(stored).isEqualTo(VariableNames.MAX_NAMES);
                    assertThat(names.saturated(ENDPOINT)).isTrue();
                    now.addAndGet(REFRESH);
                    assertThat(names.saturated(ENDPOINT))
                            .as("once the names written are due again")
                            .isFalse();
                    ctx.completeNow();
                })));
    }

    @Test
    void samplesAreSavedApartFromLiveNamesAndRefusedWholeWhenFull(Vertx vertx, VertxTestContext ctx) {
        VariableNames names = process();
        List<String> many = names("s", 0, VariableNames.MAX_NAMES - 1);
        names.record(ENDPOINT, names("junk", 0, VariableNames.MAX_NAMES))
                .compose(v -> names.save(ENDPOINT, many))
                .compose(saved -> {
                    ctx.verify(() -> assertThat(saved).isEqualTo(new VariableNames.Saved(true, null)));
                    return names.save(ENDPOINT, List.of("s1", "new.one", "new.two"));
                })
                .compose(refused -> {
                    ctx.verify(() -> {
                        assertThat(refused.saved()).isFalse();
                        assertThat(refused.reason())
                                .isEqualTo(
                                        "the endpoint's sample set has room for 1 more names (of 10000); this sample has 2 new");
                    });
                    return names.save(ENDPOINT, List.of("s1", "s2"));
                })
                .compose(known -> {
                    ctx.verify(() ->
                            assertThat(known.saved()).as("names already saved").isTrue());
                    return names.save(ENDPOINT, List.of("new.one"));
                })
                .compose(fits -> {
                    ctx.verify(() -> assertThat(fits.saved())
                            .as("one new name, one place left")
                            .isTrue());
                    return card(VariableNames.samplesKey(stream, ENDPOINT));
                })
                .onComplete(ctx.succeeding(size -> ctx.verify(() -> {
                    assertThat(size).isEqualTo(VariableNames.MAX_NAMES);
                    ctx.completeNow();
                })));
    }

    @Test
    void samplesAndLiveNamesAreListedTogetherInByteOrderAndPaged(Vertx vertx, VertxTestContext ctx) {
        VariableNames names = process();
        // UTF-16 puts U+1F600 (a surrogate pair) before U+FFFD; Redis, comparing UTF-8 bytes, after it.
        String replacement = "a.\uFFFD";
        String emoji = "a.\uD83D\uDE00";
        names.save(ENDPOINT, List.of("a.b", "a.d", emoji, "b.x"))
                .compose(saved -> names.record(ENDPOINT, List.of("a.c", "a.d", replacement, "z")))
                .compose(v -> names.find(ENDPOINT, "a.", null, 100))
                .compose(found -> {
                    ctx.verify(() -> assertThat(found).containsExactly("a.b", "a.c", "a.d", replacement, emoji));
                    return names.find(ENDPOINT, "a.", null, 2);
                })
                .compose(first -> {
                    ctx.verify(() -> assertThat(first).containsExactly("a.b", "a.c"));
                    return names.find(ENDPOINT, "a.", first.get(1), 2);
                })
                .compose(second -> {
                    ctx.verify(() -> assertThat(second).containsExactly("a.d", replacement));
                    return names.find(ENDPOINT, "a.", second.get(1), 2);
                })
                .onComplete(ctx.succeeding(third -> ctx.verify(() -> {
                    assertThat(third).containsExactly(emoji);
                    ctx.completeNow();
                })));
    }

    @Test
    void liveNamesStoredBeforeSightingsWereKeptAreEvictedFirst(Vertx vertx, VertxTestContext ctx) {
        VariableNames names = process();
        Request old = Request.cmd(Command.ZADD).arg(VariableNames.key(stream, ENDPOINT));
        names("old", 0, 100).forEach(n -> old.arg(0).arg(n));
        redis.send(old)
                .compose(v -> names.record(ENDPOINT, names("new", 0, VariableNames.MAX_NAMES - 40)))
                .compose(v -> all(names, ""))
                .onComplete(ctx.succeeding(listed -> ctx.verify(() -> {
                    assertThat(listed).hasSize(VariableNames.MAX_NAMES);
                    assertThat(listed.stream().filter(n -> n.startsWith("old"))).hasSize(40);
                    ctx.completeNow();
                })));
    }
}
