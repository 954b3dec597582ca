package dev.inlet.admin;

import dev.inlet.config.EndpointConfig;
import dev.inlet.config.PayloadFormat;
import dev.inlet.history.HistoryRecord;
import dev.inlet.ingest.ResponseCode;
import dev.inlet.queue.EventFields;
import dev.inlet.queue.StreamEntry;
import dev.inlet.queue.StreamEntryCodec;
import dev.inlet.queue.StreamNames;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replay from the history: the event goes back on the event stream (a shard of {@link
 * StreamNames}) as ingest appended it — same transid, endpoint, service, Content-Type, format,
 * headers, query and body — with {@link EventFields#REPLAY_OF} the history id, so its attempts are
 * outcomes of the same record. Only an accepted event (1002) whose body was kept whole can be
 * replayed; any other answers 7051 / 409 with why. {@code POST /v1/endpoints/{id}/events/{eventId}/replay}
 * replays one; {@code POST /v1/endpoints/{id}/events/replay} every record the list filters select,
 * at most {@value #MAX_REPLAY} a call (oldest first, so the workers see them in their order), the
 * others skipped; {@code dryRun=true} only counts. Either answers {@code {"replayed": [{"id",
 * "transid"}], "matched": n, "dryRun": bool}}, a filtered one also {@code skipped} (matched but not
 * replayable) and {@code next} (not null when more may match: call again with {@code after=next}).
 */
final class HistoryReplay {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryReplay.class);
    static final int MAX_REPLAY = 1_000;

    private final HistoryHandler history;
    private final HistoryQuery query;
    private final Redis redis;
    private final StreamNames streams;

    HistoryReplay(HistoryHandler history, HistoryQuery query, Redis redis, StreamNames streams) {
        this.history = history;
        this.query = query;
        this.redis = redis;
        this.streams = streams;
    }

    Handler<RoutingContext> one() {
        return ctx -> {
            EndpointConfig endpoint = history.endpoint(ctx);
            String id = endpoint == null ? null : HistoryHandler.eventId(ctx);
            if (id == null) {
                return;
            }
            boolean dryRun = dryRun(ctx);
            query.one(endpoint.id(), id).onComplete(ar -> {
                if (ar.failed()) {
                    HistoryHandler.answer(ctx, null, ar.cause());
                    return;
                }
                if (ar.result() == null) {
                    HistoryHandler.noSuchEvent(ctx, endpoint, id);
                    return;
                }
                HistoryRecord record = ar.result().record();
                String why = notReplayable(record);
                if (why != null) {
                    AdminAnswers.refuse(ctx, ResponseCode.NOT_REPLAYABLE, "event " + id + " " + why);
                    return;
                }
                replay(endpoint, dryRun ? List.of() : List.of(record))
                        .map(replayed -> new JsonObject()
                                .put("replayed", dryRun ? new JsonArray() : replayed)
                                .put("matched", 1)
                                .put("dryRun", dryRun))
                        .onComplete(done -> HistoryHandler.answer(ctx, done.result(), done.cause()));
            });
        };
    }

    Handler<RoutingContext> filtered() {
        return ctx -> {
            EndpointConfig endpoint = history.endpoint(ctx);
            if (endpoint == null) {
                return;
            }
            HistoryFilter filter = HistoryHandler.filter(ctx);
            String after = filter == null ? null : HistoryHandler.after(ctx);
            Integer count = AdminParams.count(ctx, MAX_REPLAY, MAX_REPLAY);
            if (after == null) {
                return;
            }
            if (count == null) {
                AdminAnswers.refuse(ctx, ResponseCode.BAD_REQUEST, "count must be from 1 to " + MAX_REPLAY);
                return;
            }
            boolean dryRun = dryRun(ctx);
            query.find(ctx.vertx(), endpoint, filter, after.isEmpty() ? null : after, count)
                    .compose(page -> {
                        List<HistoryRecord> replayable = new ArrayList<>();
                        // Oldest first: the page is newest first.
                        for (int i = page.matches().size() - 1; i >= 0; i--) {
                            HistoryRecord r = page.matches().get(i).record();
                            if (notReplayable(r) == null) {
                                replayable.add(r);
                            }
                        }
                        JsonObject answer = new JsonObject()
                                .put("matched", page.matches().size())
                                .put("replayable", replayable.size())
                                .put("skipped", page.matches().size() - replayable.size())
                                .put("dryRun", dryRun)
                                .put("next", page.next());
                        if (page.next() != null) {
                            answer.put(
                                    "more",
                                    "more records may match past " + page.next() + " (at most " + count
                                            + " a call, and a bounded scan): call again with after=" + page.next());
                        }
                        return replay(endpoint, dryRun ? List.of() : replayable)
                                .map(replayed -> answer.put("replayed", replayed));
                    })
                    .onComplete(done -> HistoryHandler.answer(ctx, done.result(), done.cause()));
        };
    }

    /** Why a record cannot be replayed; null when it can. */
    static String notReplayable(HistoryRecord r) {
        if (!r.accepted()) {
            return "was not accepted (answered " + r.code() + "): only accepted events (1002) can be replayed";
        }
        if (!r.bodyWhole()) {
            return "kept " + r.body().length + " of its body's " + r.bodyBytes()
                    + " bytes (history.maxBodyBytes): only an event kept whole can be replayed";
        }
        if (HistoryView.format(r) == null || r.transid().isEmpty()) {
            return "has no format or transid recorded: it cannot be replayed";
        }
        return null;
    }

    /**
     * Appends the records' events, in order, to the endpoint's shard: one shard, so the workers see
     * them in that order, and one batch, which in cluster mode must stay in one slot.
     */
    private Future<JsonArray> replay(EndpointConfig endpoint, List<HistoryRecord> records) {
        if (records.isEmpty()) {
            return Future.succeededFuture(new JsonArray());
        }
        StreamNames.Shard shard = streams.shard(Math.floorMod(endpoint.id().hashCode(), streams.size()));
        List<Request> adds = new ArrayList<>(records.size());
        for (HistoryRecord r : records) {
            adds.add(StreamEntryCodec.addFields(
                    Request.cmd(Command.XADD).arg(shard.stream()).arg("*"), entry(endpoint, r)));
        }
        return redis.batch(adds).map(ids -> {
            JsonArray replayed = new JsonArray();
            for (int i = 0; i < records.size(); i++) {
                HistoryRecord r = records.get(i);
                LOG.info(
                        "endpoint={} history event {} (transid {}) replayed as stream entry {}",
                        endpoint.id(),
                        r.id(),
                        r.transid(),
                        ids.get(i));
                replayed.add(new JsonObject().put("id", r.id()).put("transid", r.transid()));
            }
            return replayed;
        });
    }

    private static StreamEntry entry(EndpointConfig endpoint, HistoryRecord r) {
        PayloadFormat format = HistoryView.format(r);
        return new StreamEntry(
                null,
                r.transid(),
                endpoint.id(),
                r.service().isEmpty() ? endpoint.service() : r.service(),
                r.receivedAt(),
                HistoryView.contentType(r),
                format,
                r.headers(),
                r.query(),
                r.body(),
                Map.of(EventFields.REPLAY_OF, r.id()),
                false);
    }

    private static boolean dryRun(RoutingContext ctx) {
        return "true".equalsIgnoreCase(ctx.queryParams().get("dryRun"));
    }
}
