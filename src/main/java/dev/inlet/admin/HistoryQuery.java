package dev.inlet.admin;

import dev.inlet.config.EndpointConfig;
import dev.inlet.history.HistoryKeys;
import dev.inlet.history.HistoryRecord;
import dev.inlet.history.Outcomes;
import dev.inlet.variables.FlattenLimits;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads an endpoint's history: one record with every attempt of its event, or the records a
 * {@link HistoryFilter} selects, newest first. A scan reads the record stream in chunks ({@code
 * XREVRANGE ... COUNT}, fewer records a chunk the more body each may keep) with the last states of
 * each chunk's events ({@link OutcomeReader.States}, which reads the outcomes stream down only as far
 * as each chunk needs, so a scan reads each outcome entry once), and stops at a budget ({@value
 * #SCAN_RECORDS} records or {@value #SCAN_BYTES} body bytes a request), so a filter over a large
 * history never holds the server: it answers what matched so far with {@code next} set, and the
 * client goes on from there. The filtering of a chunk (its outcomes' JSON, the body text, {@code
 * where}'s flattening) runs off the event loop.
 */
final class HistoryQuery {
    static final int CHUNK = 100;
    /** Most body bytes one chunk may bring (at the endpoint's maxBodyBytes): a chunk is one reply in memory. */
    static final long CHUNK_BYTES = 4L * 1024 * 1024;

    /** Entries the first chunk of a scan asks for, before it knows how many records an entry holds. */
    static final int FIRST_CHUNK = 16;

    static final int SCAN_RECORDS = 5_000;
    static final long SCAN_BYTES = 32L * 1024 * 1024;

    private final Redis redis;
    private final HistoryKeys keys;
    private final FlattenLimits limits;
    private final OutcomeReader outcomes;

    /** A record and its event's state. */
    record Match(HistoryRecord record, Outcomes.State state) {}

    /**
     * What a scan found, newest first, at most the count asked for; {@code next} the id to go on
     * after (more may match past it), null when the history holds no more.
     */
    record Page(List<Match> matches, String next) {}

    /** A chunk's matches; {@code stoppedAt} the record that spent the byte budget, null when none did. */
    private record Filtered(List<Match> matches, String stoppedAt) {}

    /** One record, its state and every attempt's outcome member, oldest first. */
    record One(HistoryRecord record, Outcomes.State state, List<String> attempts) {}

    HistoryQuery(Redis redis, HistoryKeys keys, FlattenLimits limits) {
        this.redis = redis;
        this.keys = keys;
        this.limits = limits;
        this.outcomes = new OutcomeReader(redis, keys);
    }

    /** A reader of {@code endpoint}'s events' last states, for records read newest first. */
    OutcomeReader.States states(String endpoint) {
        return outcomes.states(endpoint);
    }

    FlattenLimits limits() {
        return limits;
    }

    /** The record {@code id} of the endpoint; null when there is none. */
    Future<One> one(String endpoint, String id) {
        String entry = HistoryRecord.entryOf(id);
        String wanted = entry + "." + HistoryRecord.indexOf(id);
        return redis.send(Request.cmd(Command.XRANGE)
                        .arg(keys.records(endpoint))
                        .arg(entry)
                        .arg(entry))
                .compose(r -> {
                    HistoryRecord record = r == null || r.size() == 0 ? null : pick(r.get(0), wanted);
                    if (record == null) {
                        return Future.succeededFuture(null);
                    }
                    if (!record.accepted() || record.transid().isEmpty()) {
                        return Future.succeededFuture(new One(record, Outcomes.State.REFUSED, List.of()));
                    }
                    return outcomes.attempts(endpoint, record)
                            .map(attempts -> new One(
                                    record,
                                    state(
                                            record,
                                            attempts.isEmpty()
                                                    ? null
                                                    : OutcomeReader.state(attempts.get(attempts.size() - 1))),
                                    attempts));
                });
    }

    /** The record {@code id} of an entry; null when it has none such. */
    private static HistoryRecord pick(Response entry, String id) {
        for (HistoryRecord r : HistoryRecord.readAll(entry)) {
            if (r.id().equals(id)) {
                return r;
            }
        }
        return null;
    }

    /** The endpoint's count of refusals not recorded; 0 when none were left out. */
    Future<Long> unrecorded(String endpoint) {
        return redis.send(Request.cmd(Command.GET).arg(keys.unrecorded(endpoint)))
                .map(r -> {
                    try {
                        return r == null ? 0L : Long.parseLong(r.toString());
                    } catch (NumberFormatException e) {
                        return 0L;
                    }
                });
    }

    /** Up to {@code count} records that match, newest first, older than {@code after} when it is set. */
    Future<Page> find(Vertx vertx, EndpointConfig endpoint, HistoryFilter filter, String after, int count) {
        String start = filter.since() <= 0 ? "-" : Long.toString(filter.since());
        String end = filter.until() == Long.MAX_VALUE ? "+" : Long.toString(filter.until());
        int below = Integer.MAX_VALUE;
        if (after != null && (filter.until() == Long.MAX_VALUE || millis(after) <= filter.until())) {
            // Older than record <entry>.<i>: that entry's records below i, then older entries.
            end = HistoryRecord.entryOf(after);
            below = HistoryRecord.indexOf(after);
        }
        if (filter.since() > filter.until()) {
            return Future.succeededFuture(new Page(List.of(), null));
        }
        Promise<Page> done = Promise.promise();
        new Scan(vertx, endpoint, filter, start, count, done).next(end, below);
        return done.future();
    }

    /** One scan's progress: a chunk at a time, until enough matched, the history ends or the budget is spent. */
    private final class Scan {
        private final Vertx vertx;
        private final EndpointConfig endpoint;
        private final HistoryFilter filter;
        private final String start;
        private final int count;
        private final Promise<Page> done;
        private final List<Match> matches = new ArrayList<>();
        private final OutcomeReader.States states;
        private int scanned;
        /** The most records one entry read so far held; 0 before the first chunk. */
        private int perEntry;

        private long bytes;

        Scan(Vertx vertx, EndpointConfig endpoint, HistoryFilter filter, String start, int count, Promise<Page> done) {
            this.vertx = vertx;
            this.endpoint = endpoint;
            this.filter = filter;
            this.start = start;
            this.count = count;
            this.done = done;
            this.states = outcomes.states(endpoint.id());
        }

        /** The next chunk: entries from {@code end} back, the records of entry {@code end} below {@code below}. */
        void next(String end, int below) {
            // An entry holds one event loop round's records (up to MAX_PER_ENTRY, 1 MiB): a chunk of
            // entries is sized by the most records an entry of this scan held so far, and the first
            // is short, so a chunk of full entries cannot bring many times CHUNK_BYTES.
            long perRecord = endpoint.history().maxBodyBytes() + 1024;
            long records = Math.min(CHUNK, CHUNK_BYTES / perRecord);
            long entries = perEntry == 0 ? Math.min(records, FIRST_CHUNK) : records / perEntry;
            int ask = (int) Math.max(1, Math.min(entries, SCAN_RECORDS - scanned));
            // Below index 0 of an entry is the older entries alone: exclusive, so a chunk of one moves on.
            redis.send(Request.cmd(Command.XREVRANGE)
                            .arg(keys.records(endpoint.id()))
                            .arg(below <= 0 && !end.equals("+") ? "(" + end : end)
                            .arg(start)
                            .arg("COUNT")
                            .arg(ask))
                    .compose(r -> {
                        List<HistoryRecord> chunk = new ArrayList<>(r == null ? 0 : r.size());
                        if (r != null) {
                            for (Response e : r) {
                                // Newest first: within an entry the highest index first.
                                List<HistoryRecord> all = HistoryRecord.readAll(e);
                                perEntry = Math.max(perEntry, all.size());
                                boolean cursorEntry =
                                        e.get(0) != null && e.get(0).toString().equals(end);
                                for (int i = all.size() - 1; i >= 0; i--) {
                                    if (!cursorEntry
                                            || HistoryRecord.indexOf(all.get(i).id()) < below) {
                                        chunk.add(all.get(i));
                                    }
                                }
                            }
                        }
                        // The last entry read: one without content counts too, so the scan moves past it.
                        String last = r == null || r.size() == 0
                                ? null
                                : r.get(r.size() - 1).get(0).toString() + ".0";
                        boolean ended = r == null || r.size() < ask;
                        return states.covering(chunk)
                                .compose(known -> vertx.executeBlocking(() -> filter(chunk, known), false))
                                .map(read -> {
                                    matches.addAll(read.matches());
                                    if (read.stoppedAt() != null) {
                                        return read.stoppedAt();
                                    }
                                    scanned += chunk.size();
                                    return ended ? null : last;
                                });
                    })
                    .onFailure(done::fail)
                    .onSuccess(last -> {
                        if (matches.size() > count) {
                            List<Match> page = List.copyOf(matches.subList(0, count));
                            done.complete(
                                    new Page(page, page.get(count - 1).record().id()));
                        } else if (last == null) {
                            done.complete(new Page(List.copyOf(matches), null));
                        } else if (scanned >= SCAN_RECORDS || bytes >= SCAN_BYTES) {
                            done.complete(new Page(List.copyOf(matches), last));
                        } else {
                            next(HistoryRecord.entryOf(last), 0);
                        }
                    });
        }

        /**
         * The chunk's matches, newest first; off the event loop. Stops after the record that spends
         * the scan's byte budget, and names it.
         */
        private Filtered filter(List<HistoryRecord> chunk, Map<String, Outcomes.State> last) {
            List<Match> out = new ArrayList<>();
            for (HistoryRecord r : chunk) {
                Outcomes.State state = state(r, last.get(r.transid()));
                if (filter.matchesHead(r, state) && filter.matchesBody(r, endpoint.jsonFields(), limits)) {
                    out.add(new Match(r, state));
                }
                bytes += r.body().length;
                if (bytes >= SCAN_BYTES) {
                    return new Filtered(out, r.id());
                }
            }
            return new Filtered(out, null);
        }
    }

    /** A record's state: refused, pending without an attempt, else its last attempt's {@code last}. */
    static Outcomes.State state(HistoryRecord r, Outcomes.State last) {
        if (!r.accepted()) {
            return Outcomes.State.REFUSED;
        }
        return last == null ? Outcomes.State.PENDING : last;
    }

    private static long millis(String streamId) {
        return Long.parseUnsignedLong(streamId.substring(0, streamId.indexOf('-')));
    }
}
