package dev.inlet.admin;

import dev.inlet.config.EndpointConfig;
import dev.inlet.history.HistoryKeys;
import dev.inlet.history.HistoryRecord;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * An endpoint's new history records as they are written, for the console's live tail: each in the
 * list's own JSON ({@code HistoryView.summary}), oldest first, after a cursor (a history id). A
 * read brings at most as many entries as keep one reply near {@link HistoryQuery#CHUNK_BYTES} at
 * the endpoint's {@code maxBodyBytes}; {@code more} says a further read may bring more now.
 */
public final class HistoryFeed {
    private final HistoryHandler handler;
    private final HistoryQuery query;
    private final Redis redis;
    private final HistoryKeys keys;

    /** Records after a cursor, oldest first; {@code full} when the read brought all it asked for. */
    private record Newer(List<HistoryQuery.Match> matches, boolean full) {}

    /** New records after a cursor: their ids and JSON, the cursor to go on from, whether more wait. */
    public record Batch(List<String> ids, List<JsonObject> events, String cursor, boolean more) {}

    HistoryFeed(HistoryHandler handler, HistoryQuery query, Redis redis, HistoryKeys keys) {
        this.handler = handler;
        this.query = query;
        this.redis = redis;
        this.keys = keys;
    }

    /** The path's {@code id} when its history is on; else null, answered 7008 or 7043 as the list is. */
    public EndpointConfig endpoint(RoutingContext ctx) {
        return handler.endpoint(ctx);
    }

    /** Whether {@code id} is a history id ({@code 1718…-0.0}), such as a {@code Last-Event-ID}. */
    public static boolean isEventId(String id) {
        return id != null && HistoryFilter.STREAM_ID.matcher(id).matches();
    }

    /** The cursor of the endpoint's history as it is now: only records written later come after it. */
    public Future<String> now(EndpointConfig endpoint) {
        return newest(endpoint.id());
    }

    /** The records after {@code cursor}, oldest first. */
    public Future<Batch> after(EndpointConfig endpoint, String cursor) {
        long perEntry = (endpoint.history().maxBodyBytes() + 1024) * HistoryRecord.MAX_PER_ENTRY;
        int entries = (int) Math.max(1, Math.min(HistoryQuery.FIRST_CHUNK, HistoryQuery.CHUNK_BYTES / perEntry));
        return newer(endpoint.id(), cursor, entries).map(newer -> {
            List<HistoryQuery.Match> matches = newer.matches();
            List<String> ids = new ArrayList<>(matches.size());
            List<JsonObject> events = new ArrayList<>(matches.size());
            for (HistoryQuery.Match m : matches) {
                ids.add(m.record().id());
                events.add(HistoryView.summary(m.record(), m.state()));
            }
            String next = ids.isEmpty() ? cursor : ids.get(ids.size() - 1);
            return new Batch(ids, events, next, newer.full());
        });
    }

    /**
     * The records after {@code cursor} (a history id: later entries, and the cursor entry's records
     * of a higher index), oldest first, with their states: at most {@code entries} entries.
     */
    private Future<Newer> newer(String endpoint, String cursor, int entries) {
        String entry = HistoryRecord.entryOf(cursor);
        int index = HistoryRecord.indexOf(cursor);
        return redis.send(Request.cmd(Command.XRANGE)
                        .arg(keys.records(endpoint))
                        .arg(entry)
                        .arg("+")
                        .arg("COUNT")
                        .arg(entries))
                .compose(r -> {
                    List<HistoryRecord> records = new ArrayList<>();
                    boolean full = r != null && r.size() >= entries;
                    if (r != null) {
                        for (Response e : r) {
                            boolean cursorEntry =
                                    e.get(0) != null && e.get(0).toString().equals(entry);
                            for (HistoryRecord record : HistoryRecord.readAll(e)) {
                                if (!cursorEntry || HistoryRecord.indexOf(record.id()) > index) {
                                    records.add(record);
                                }
                            }
                        }
                    }
                    return query.states(endpoint).covering(records).map(last -> {
                        List<HistoryQuery.Match> out = new ArrayList<>(records.size());
                        for (HistoryRecord h : records) {
                            out.add(new HistoryQuery.Match(h, HistoryQuery.state(h, last.get(h.transid()))));
                        }
                        return new Newer(out, full);
                    });
                });
    }

    /** The id of the endpoint's newest record now, or of none ({@code 0-0.0}) when it has none. */
    private Future<String> newest(String endpoint) {
        return redis.send(Request.cmd(Command.XREVRANGE)
                        .arg(keys.records(endpoint))
                        .arg("+")
                        .arg("-")
                        .arg("COUNT")
                        .arg(1))
                .map(r -> r == null || r.size() == 0 ? "0-0.0" : r.get(0).get(0).toString() + "." + Integer.MAX_VALUE);
    }
}
