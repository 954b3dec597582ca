package dev.inlet.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.config.ConfigLoader;
import dev.inlet.config.HistoryConfig;
import dev.inlet.config.InletConfig;
import dev.inlet.support.SyncRedis;
import dev.inlet.support.TestRedis;
import io.vertx.core.Context;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link HistoryWriter} over a real Redis: the records of one event-loop round land in one stream
 * entry, read back in order with ids {@code <entry>.<index>}, and the count bound holds across
 * entries of many records ({@code XTRIM MINID} from the entries the process wrote).
 */
class HistoryWriterTest {
    SyncRedis redis;
    History history;
    HistoryKeys keys;
    Context context;
    HistoryWriter writer;

    @BeforeEach
    void setUp() throws Exception {
        redis = SyncRedis.open();
        InletConfig config = new ConfigLoader(Map.of())
                .parse(
                        """
                redis: { url: "%s", stream: "test:writer:%s" }
                services: [ { id: shop, keys: [k] } ]
                endpoints: [ { id: ep, service: shop, history: on }, { id: ep2, service: shop, history: on } ]
                """
                                .formatted(TestRedis.url(), UUID.randomUUID()));
        history = new History(redis.vertx(), redis.client(), () -> config);
        keys = history.keys();
        context = redis.vertx().getOrCreateContext();
        CompletableFuture<HistoryWriter> made = new CompletableFuture<>();
        context.runOnContext(v -> made.complete(new HistoryWriter(
                context, (command, key, bytes) -> redis.client().send(command), history)));
        writer = made.get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void tearDown() {
        redis.close();
    }

    @Test
    void theRecordsOfOneRoundLandInOneEntryAndReadBackInOrder() throws Exception {
        round(new HistoryConfig(true, 1000, Duration.ofHours(1), 1024, 10), 0, 10);
        waitFor(all -> all.size() == 10);
        Response entries = redis.send(
                Request.cmd(Command.XRANGE).arg(keys.records("ep")).arg("-").arg("+"));
        assertThat(entries.size()).isEqualTo(1);
        List<HistoryRecord> read = HistoryRecord.readAll(entries.get(0));
        String entry = entries.get(0).get(0).toString();
        assertThat(read).extracting(HistoryRecord::path).containsExactly(paths(0, 10));
        for (int i = 0; i < 10; i++) {
            assertThat(read.get(i).id()).isEqualTo(entry + "." + i);
            assertThat(new String(read.get(i).body(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":" + i + "}");
        }
    }

    @Test
    void anEntryCutShortReadsAsTheRecordsWholeInIt() {
        String key = keys.records("ep");
        // Two records as the writer appends them, read back as Redis returns the one field.
        redis.send(HistoryRecord.append(key, 10, List.of(record(0), record(1))));
        Response whole =
                redis.send(Request.cmd(Command.XRANGE).arg(key).arg("-").arg("+"));
        byte[] field = whole.get(0).get(1).get("r").toBytes();
        // The same bytes less the last one, and a length prefix that runs past the end.
        redis.send(Request.cmd(Command.XADD)
                .arg(key)
                .arg("*")
                .arg("r")
                .arg(java.util.Arrays.copyOf(field, field.length - 1)));
        redis.send(Request.cmd(Command.XADD).arg(key).arg("*").arg("r").arg(new byte[] {0x7f, 0, 0, 0, 1}));
        Response entries =
                redis.send(Request.cmd(Command.XRANGE).arg(key).arg("-").arg("+"));
        assertThat(HistoryRecord.readAll(entries.get(0)))
                .extracting(HistoryRecord::path)
                .containsExactly("/r/0", "/r/1");
        assertThat(HistoryRecord.readAll(entries.get(1)))
                .extracting(HistoryRecord::path)
                .containsExactly("/r/0");
        assertThat(HistoryRecord.readAll(entries.get(2))).isEmpty();
    }

    @Test
    void keepBoundsTheRecordsOfEntriesOfManyRecords() throws Exception {
        HistoryConfig config = new HistoryConfig(true, 20, Duration.ofHours(1), 1024, 10);
        for (int r = 0; r < 4; r++) {
            round(config, r * 16, 16);
            String last = "/r/" + (r * 16 + 15);
            waitFor(all -> endsWith(all, last));
        }
        waitFor(all -> all.size() <= 20 + 16);
        // Trimmed to the entry where the newest records reach keep: at most one entry over it.
        List<HistoryRecord> kept = records();
        assertThat(kept.size()).isBetween(20, 20 + 16);
        assertThat(kept.get(kept.size() - 1).path()).isEqualTo("/r/63");
    }

    @Test
    void aRoundOfTwoEndpointsAndMoreRecordsThanAnEntryHoldsReadsBackWholeAndInOrder() throws Exception {
        HistoryConfig config = new HistoryConfig(true, 1000, Duration.ofHours(1), 1024, 10);
        int n = HistoryRecord.MAX_PER_ENTRY + 36;
        CompletableFuture<Void> done = new CompletableFuture<>();
        context.runOnContext(v -> {
            for (int i = 0; i < n; i++) {
                // Odd records to ep2.
                if (i % 2 == 0) {
                    writer.write("ep", config, record(i));
                } else {
                    writer.write("ep2", config, refusal(i));
                }
            }
            done.complete(null);
        });
        done.get(10, TimeUnit.SECONDS);
        // The round's first MAX_PER_ENTRY records went out when it reached them, the rest at its end:
        // two entries per endpoint, which two pooled connections may land in either order.
        List<List<HistoryRecord>> ep = entries("ep", n / 2);
        List<List<HistoryRecord>> ep2 = entries("ep2", n / 2);
        assertThat(ep).hasSize(2);
        assertThat(ep2).hasSize(2);
        List<HistoryRecord> even = inWriteOrder(ep);
        List<HistoryRecord> odd = inWriteOrder(ep2);
        assertThat(even).extracting(HistoryRecord::path).containsExactly(evens(n));
        for (int k = 0; k < n / 2; k++) {
            int i = 2 * k + 1;
            HistoryRecord r = odd.get(k);
            assertThat(r.path()).isEqualTo("/r/" + i);
            assertThat(r.query()).isEqualTo("a=1&b=\"2\"");
            assertThat(r.diagnosis()).isEqualTo("quote \" back\\slash\nnew line ü " + i);
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("é".repeat(300 + i));
            assertThat(r.bodyBytes()).isEqualTo(600 + 2L * i).isEqualTo(r.body().length);
            assertThat(r.code()).isEqualTo(7028);
            assertThat(r.micros()).isEqualTo(5);
            assertThat(new String(r.headers(), StandardCharsets.UTF_8)).isEqualTo("{}");
        }
    }

    @Test
    void aRecordWrittenWhileTheRoundIsSentGoesWithTheNextRound() throws Exception {
        HistoryConfig config = new HistoryConfig(true, 1000, Duration.ofHours(1), 1024, 10);
        // A send whose failure is known at once answers its events there and then, and their
        // records are written while the flush is still sending: here, one record per send.
        CompletableFuture<HistoryWriter> made = new CompletableFuture<>();
        HistoryWriter[] late = new HistoryWriter[1];
        int[] sends = {0};
        context.runOnContext(v -> {
            late[0] = new HistoryWriter(
                    context,
                    (command, key, bytes) -> {
                        if (sends[0]++ < 3) {
                            late[0].write("ep", config, record(1000 + sends[0]));
                        }
                        return redis.client().send(command);
                    },
                    history);
            made.complete(late[0]);
        });
        HistoryWriter sending = made.get(10, TimeUnit.SECONDS);
        CompletableFuture<Void> done = new CompletableFuture<>();
        context.runOnContext(v -> {
            for (int i = 0; i < 5; i++) {
                sending.write("ep", config, record(i));
            }
            done.complete(null);
        });
        done.get(10, TimeUnit.SECONDS);
        waitFor(all -> all.size() == 8);
        List<HistoryRecord> all = records();
        assertThat(all)
                .extracting(HistoryRecord::path)
                .containsExactlyInAnyOrder("/r/0", "/r/1", "/r/2", "/r/3", "/r/4", "/r/1001", "/r/1002", "/r/1003");
        for (HistoryRecord r : all) {
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":" + number(r) + "}");
        }
    }

    /** The records of {@code endpoint}'s entries, entry by entry, once they hold {@code n} records. */
    private List<List<HistoryRecord>> entries(String endpoint, int n) throws InterruptedException {
        List<List<HistoryRecord>> out = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            out.clear();
            redis.send(Request.cmd(Command.XRANGE)
                            .arg(keys.records(endpoint))
                            .arg("-")
                            .arg("+"))
                    .forEach(e -> out.add(HistoryRecord.readAll(e)));
            if (out.stream().mapToInt(List::size).sum() >= n) {
                break;
            }
            Thread.sleep(10);
        }
        return out;
    }

    /** Entries' records in the order they were written: each entry in order, the entries by their first. */
    private static List<HistoryRecord> inWriteOrder(List<List<HistoryRecord>> entries) {
        List<HistoryRecord> out = new ArrayList<>();
        entries.stream().sorted(Comparator.comparingInt(e -> number(e.get(0)))).forEach(out::addAll);
        return out;
    }

    /** The {@code i} of a record's path {@code /r/<i>}. */
    private static int number(HistoryRecord r) {
        return Integer.parseInt(r.path().substring("/r/".length()));
    }

    /** A refusal of ep2: a query and a diagnosis JSON must escape, UTF-8 and a larger body. */
    private static HistoryRecord refusal(int i) {
        byte[] body = "é".repeat(300 + i).getBytes(StandardCharsets.UTF_8);
        return record(i, "a=1&b=\"2\"", body, body.length, 7028, 401, "", 5, "quote \" back\\slash\nnew line ü " + i);
    }

    private static String[] evens(int n) {
        String[] out = new String[n / 2];
        for (int k = 0; k < n / 2; k++) {
            out[k] = "/r/" + (2 * k);
        }
        return out;
    }

    /** Writes {@code n} records in one task of the writer's context: one event-loop round. */
    private void round(HistoryConfig config, int from, int n) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        context.runOnContext(v -> {
            for (int i = from; i < from + n; i++) {
                writer.write("ep", config, record(i));
            }
            done.complete(null);
        });
        done.get(10, TimeUnit.SECONDS);
    }

    private static HistoryRecord record(int i) {
        return record(i, "", ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8), 7, 1002, 202, "t" + i, 1, "");
    }

    private static HistoryRecord record(
            int i,
            String query,
            byte[] body,
            long bodyBytes,
            int code,
            int status,
            String transid,
            long micros,
            String diagnosis) {
        return new HistoryRecord(
                null,
                System.currentTimeMillis(),
                "shop",
                "127.0.0.1",
                "",
                "POST",
                "/r/" + i,
                query,
                "{}".getBytes(StandardCharsets.UTF_8),
                body,
                bodyBytes,
                "json",
                code,
                status,
                transid,
                micros,
                diagnosis);
    }

    private static String[] paths(int from, int n) {
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            out[i] = "/r/" + (from + i);
        }
        return out;
    }

    private List<HistoryRecord> records() {
        List<HistoryRecord> out = new ArrayList<>();
        Response entries = redis.send(
                Request.cmd(Command.XRANGE).arg(keys.records("ep")).arg("-").arg("+"));
        entries.forEach(e -> out.addAll(HistoryRecord.readAll(e)));
        return out;
    }

    /** Waits until {@code done} holds of the records, for a bounded time. */
    private void waitFor(java.util.function.Predicate<List<HistoryRecord>> done) throws InterruptedException {
        for (int i = 0; i < 1000 && !done.test(records()); i++) {
            Thread.sleep(10);
        }
    }

    private static boolean endsWith(List<HistoryRecord> records, String path) {
        return !records.isEmpty() && records.get(records.size() - 1).path().equals(path);
    }
}
