package dev.inlet.history;

import dev.inlet.config.EndpointConfig;
import dev.inlet.config.HistoryConfig;
import dev.inlet.config.InletConfig;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event history of one process that writes records (an ingest process): its keys, the refusal
 * budget its event loops share, the entries its writers wrote (for the count bound), and one timer
 * that every {@link #PERIOD_MILLIS} keeps each endpoint's history inside its bounds. An entry holds
 * one round's records, so the count bound is this process's: its writers trim to the oldest entry
 * that holds the newest {@code keep} records ({@link #wrote}, {@code XTRIM MINID}), up to keep/8 (at
 * least 16) past it between trims plus one entry, and several ingest processes keep up to that each;
 * every XADD's {@code MAXLEN keep} bounds the entries. The pass adds what the writers cannot: records
 * older than {@code for} are trimmed, outcome entries written over {@link Outcomes#EARLIER_MILLIS}
 * before the oldest record kept are removed, both keys expire {@code for} after the endpoint was last
 * written (so an endpoint that falls silent does not keep its history for ever), and the refusals not
 * recorded are added to the endpoint's counter. A pass covers the endpoints written since the last
 * one; passes from several processes are idempotent.
 */
public final class History {
    private static final Logger LOG = LoggerFactory.getLogger(History.class);
    /** How often the bounds are enforced beyond the count. */
    public static final long PERIOD_MILLIS = 5_000;

    private final Vertx vertx;
    private final Redis redis;
    private final Supplier<InletConfig> config;
    private final HistoryKeys keys;
    private final RefusalBudget budget = RefusalBudget.system();
    private final Set<String> written = ConcurrentHashMap.newKeySet();
    /** Per endpoint, the entries this process wrote that hold its newest {@code keep} records. */
    private final EntryRings entries = new EntryRings();

    /** The answer counts of each event loop that writes records. */
    private final List<AnswerCounts> counts = new CopyOnWriteArrayList<>();

    private long timer = -1;
    private boolean passing;
    /** Each endpoint's history config, for the configuration {@link #indexed} (rebuilt on a reload). */
    private Map<String, HistoryConfig> byEndpoint = Map.of();

    private InletConfig indexed;

    /**
     * @param redis a client for the pass's commands (not the ingest path's)
     * @param config the configuration in force, read at each pass (a reload changes bounds)
     */
    public History(Vertx vertx, Redis redis, Supplier<InletConfig> config) {
        this.vertx = vertx;
        this.redis = redis;
        this.config = config;
        this.keys = HistoryKeys.of(config.get().redis().stream());
    }

    public HistoryKeys keys() {
        return keys;
    }

    public RefusalBudget budget() {
        return budget;
    }

    /**
     * Notes that this process wrote entry {@code id} of {@code n} records to {@code endpoint}'s
     * history (from any event loop), and returns the id to trim the records stream to ({@code XTRIM
     * MINID}) when it is time: the endpoint got at least max(16, keep/8) records since its last trim
     * and holds more than {@code keep} of this process's; null otherwise.
     */
    String wrote(String endpoint, String id, int n, long keep) {
        written(endpoint);
        return entries.wrote(endpoint, id, n, keep);
    }

    /** Notes that {@code endpoint}'s history was written, for the next pass. */
    void written(String endpoint) {
        // A read first: adding an endpoint already there would lock its bin, on every entry.
        if (!written.contains(endpoint)) {
            written.add(endpoint);
        }
    }

    /** The answer counts of the event loop of {@code context}, added up by each pass. */
    public AnswerCounts counts(Context context) {
        AnswerCounts c = new AnswerCounts(context);
        counts.add(c);
        return c;
    }

    public void start() {
        timer = vertx.setPeriodic(PERIOD_MILLIS, PERIOD_MILLIS, t -> pass());
    }

    /** Starts no further pass, after one last to write the counts not yet written. */
    public Future<Void> stop() {
        vertx.cancelTimer(timer);
        return pass();
    }

    /** One pass over the endpoints written since the last; one at a time. */
    Future<Void> pass() {
        if (passing) {
            return Future.succeededFuture();
        }
        passing = true;
        List<Request> commands = new ArrayList<>();
        for (Map.Entry<String, Long> e : budget.drainUnrecorded().entrySet()) {
            HistoryConfig h = history(e.getKey());
            String key = keys.unrecorded(e.getKey());
            commands.add(Request.cmd(Command.INCRBY).arg(key).arg(e.getValue()));
            commands.add(Request.cmd(Command.PEXPIRE)
                    .arg(key)
                    .arg(Math.max(1000, h.age().toMillis())));
        }
        List<String> endpoints = new ArrayList<>();
        for (Iterator<String> it = written.iterator(); it.hasNext(); ) {
            endpoints.add(it.next());
            it.remove();
        }
        long now = System.currentTimeMillis();
        List<Future<?>> steps = new ArrayList<>();
        steps.add(flushCounts());
        for (Request c : commands) {
            steps.add(redis.send(c));
        }
        for (String endpoint : endpoints) {
            HistoryConfig h = history(endpoint);
            if (h.enabled()) {
                steps.add(trim(endpoint, h, now));
            }
        }
        return Future.join(steps)
                .onFailure(err -> LOG.debug("history pass failed: {}", err.toString()))
                .<Void>mapEmpty()
                .recover(err -> Future.succeededFuture())
                .andThen(done -> passing = false);
    }

    /**
     * Adds every event loop's answer counts to their minutes' hashes ({@code HINCRBY}, renewing
     * {@link HistoryKeys#COUNTS_MILLIS}), one batch per hash (its keys share a slot).
     */
    private Future<Void> flushCounts() {
        List<Future<List<AnswerCounts.Tally>>> drained = new ArrayList<>();
        for (AnswerCounts c : counts) {
            drained.add(c.drain());
        }
        return Future.all(drained).compose(all -> {
            Map<String, Map<Integer, Long>> byKey = new java.util.HashMap<>();
            for (Future<List<AnswerCounts.Tally>> f : drained) {
                for (AnswerCounts.Tally t : f.result()) {
                    Map<Integer, Long> codes =
                            byKey.computeIfAbsent(keys.counts(t.endpoint, t.minute), k -> new java.util.HashMap<>());
                    for (int i = 0; i < t.size; i++) {
                        codes.merge(t.codes[i], t.counts[i], Long::sum);
                    }
                }
            }
            List<Future<?>> writes = new ArrayList<>();
            byKey.forEach((key, codes) -> {
                List<Request> batch = new ArrayList<>();
                codes.forEach((code, n) -> batch.add(
                        Request.cmd(Command.HINCRBY).arg(key).arg(code).arg(n)));
                batch.add(Request.cmd(Command.PEXPIRE).arg(key).arg(HistoryKeys.COUNTS_MILLIS));
                writes.add(redis.batch(batch));
            });
            return Future.join(writes).mapEmpty();
        });
    }

    /** Trims one endpoint's records by age, then its outcomes below the oldest record kept, and renews both keys' expiry. */
    private Future<Void> trim(String endpoint, HistoryConfig h, long now) {
        String records = keys.records(endpoint);
        String outcomes = keys.outcomes(endpoint);
        long age = h.age().toMillis();
        return redis.send(Request.cmd(Command.XTRIM).arg(records).arg("MINID").arg(now - age))
                .compose(trimmed -> redis.send(Request.cmd(Command.XRANGE)
                        .arg(records)
                        .arg("-")
                        .arg("+")
                        .arg("COUNT")
                        .arg(1)))
                .compose(first -> {
                    long oldest = oldestMillis(first, now - age);
                    return redis.batch(List.of(
                            Request.cmd(Command.XTRIM)
                                    .arg(outcomes)
                                    .arg("MINID")
                                    .arg(Math.max(0, oldest - Outcomes.EARLIER_MILLIS)),
                            Request.cmd(Command.PEXPIRE).arg(records).arg(age),
                            Request.cmd(Command.PEXPIRE).arg(outcomes).arg(age)));
                })
                .mapEmpty();
    }

    /** The time of the oldest record in an XRANGE reply of one entry; {@code otherwise} when it is empty. */
    private static long oldestMillis(Response first, long otherwise) {
        if (first == null || first.size() == 0) {
            return otherwise;
        }
        String id = first.get(0).get(0).toString();
        int dash = id.indexOf('-');
        try {
            return Long.parseLong(dash < 0 ? id : id.substring(0, dash));
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    /** The history config of {@code endpoint} in force; off when it is no longer configured. */
    private HistoryConfig history(String endpoint) {
        InletConfig current = config.get();
        if (current != indexed) {
            Map<String, HistoryConfig> map = new java.util.HashMap<>();
            for (EndpointConfig e : current.endpoints()) {
                map.put(e.id(), e.history());
            }
            byEndpoint = map;
            indexed = current;
        }
        return byEndpoint.getOrDefault(endpoint, HistoryConfig.OFF);
    }
}
