package dev.inlet.admin;

import dev.inlet.config.EndpointConfig;
import dev.inlet.ingest.Endpoint;
import dev.inlet.ingest.EndpointDirectory;
import dev.inlet.ingest.ResponseCode;
import dev.inlet.ingest.Responses;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An endpoint's history over HTTP. {@code GET /v1/endpoints/{id}/events} lists its records newest
 * first, filtered ({@link HistoryFilter}) and paged ({@code count}, default {@value #DEFAULT_COUNT},
 * at most {@value #MAX_COUNT}; {@code after}, the previous page's {@code next}): {@code {"events":
 * [summary...], "next": id or null, "unrecorded": n}}. A scan stops at its budget ({@link
 * HistoryQuery}), so a page may hold fewer than {@code count} with {@code next} set.
 * {@code GET /v1/endpoints/{id}/events/{eventId}} answers one record with everything it keeps
 * ({@link HistoryView#full}). Unknown endpoint 7008; history off for it, or no such event, 7043
 * with the reason; a bad parameter 7047 with the reason.
 */
final class HistoryHandler {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryHandler.class);
    static final int DEFAULT_COUNT = 50;
    static final int MAX_COUNT = 500;

    private final Supplier<EndpointDirectory> directory;
    private final HistoryQuery query;

    HistoryHandler(Supplier<EndpointDirectory> directory, HistoryQuery query) {
        this.directory = directory;
        this.query = query;
    }

    Handler<RoutingContext> list() {
        return ctx -> {
            EndpointConfig endpoint = endpoint(ctx);
            if (endpoint == null) {
                return;
            }
            HistoryFilter filter = filter(ctx);
            String after = filter == null ? null : after(ctx);
            Integer count = AdminParams.count(ctx, DEFAULT_COUNT, MAX_COUNT);
            if (after == null) {
                return;
            }
            if (count == null) {
                AdminAnswers.refuse(ctx, ResponseCode.BAD_REQUEST, "count must be from 1 to " + MAX_COUNT);
                return;
            }
            query.find(ctx.vertx(), endpoint, filter, after.isEmpty() ? null : after, count)
                    .compose(page -> query.unrecorded(endpoint.id()).map(unrecorded -> {
                        JsonArray events = new JsonArray();
                        page.matches().forEach(m -> events.add(HistoryView.summary(m.record(), m.state())));
                        return new JsonObject()
                                .put("events", events)
                                .put("next", page.next())
                                .put("unrecorded", unrecorded);
                    }))
                    .onComplete(ar -> answer(ctx, ar.succeeded() ? ar.result() : null, ar.cause()));
        };
    }

    Handler<RoutingContext> one() {
        return ctx -> {
            EndpointConfig endpoint = endpoint(ctx);
            String id = endpoint == null ? null : eventId(ctx);
            if (id == null) {
                return;
            }
            query.one(endpoint.id(), id)
                    .compose(one -> one == null
                            ? Future.<JsonObject>succeededFuture(null)
                            : ctx.vertx()
                                    .executeBlocking(
                                            () -> HistoryView.full(
                                                    one.record(),
                                                    one.state(),
                                                    one.attempts(),
                                                    endpoint.jsonFields(),
                                                    query.limits()),
                                            false))
                    .onComplete(ar -> {
                        if (ar.succeeded() && ar.result() == null) {
                            noSuchEvent(ctx, endpoint, id);
                        } else {
                            answer(ctx, ar.succeeded() ? ar.result() : null, ar.cause());
                        }
                    });
        };
    }

    /** The path's endpoint when its history is on; else null, the request answered. */
    EndpointConfig endpoint(RoutingContext ctx) {
        Endpoint endpoint = directory.get().find(ctx.pathParam("id"));
        if (endpoint == null) {
            Responses.send(ctx, ResponseCode.UNKNOWN_ENDPOINT);
            return null;
        }
        if (!endpoint.config().history().enabled()) {
            AdminAnswers.refuse(
                    ctx, ResponseCode.NOT_FOUND, "history is off for endpoint " + endpoint.id() + " (history: off)");
            return null;
        }
        return endpoint.config();
    }

    /** The query's filters; null when one cannot be read, the request answered. */
    static HistoryFilter filter(RoutingContext ctx) {
        try {
            return HistoryFilter.of(ctx.queryParams());
        } catch (HistoryFilter.Invalid e) {
            AdminAnswers.refuse(ctx, ResponseCode.BAD_REQUEST, e.getMessage());
            return null;
        }
    }

    /** {@code after}: "" when absent; null when it is not a history id, the request answered. */
    static String after(RoutingContext ctx) {
        String after = ctx.queryParams().get("after");
        if (after == null || after.isEmpty()) {
            return "";
        }
        if (!HistoryFilter.STREAM_ID.matcher(after).matches()) {
            AdminAnswers.refuse(ctx, ResponseCode.BAD_REQUEST, "after must be a history id (1718…-0.0)");
            return null;
        }
        return after;
    }

    /** The path's event id; null when it is not a history id, the request answered. */
    static String eventId(RoutingContext ctx) {
        String id = ctx.pathParam("eventId");
        if (id == null || !HistoryFilter.STREAM_ID.matcher(id).matches()) {
            AdminAnswers.refuse(ctx, ResponseCode.BAD_REQUEST, "an event id is a history id (1718…-0.0)");
            return null;
        }
        return id;
    }

    static void noSuchEvent(RoutingContext ctx, EndpointConfig endpoint, String id) {
        AdminAnswers.refuse(
                ctx,
                ResponseCode.NOT_FOUND,
                "no event " + id + " in the history of endpoint " + endpoint.id() + " (or no longer kept)");
    }

    /** The JSON answer, or 7005 when Redis failed. */
    static void answer(RoutingContext ctx, JsonObject json, Throwable failure) {
        if (failure != null) {
            LOG.warn("history request {} failed: {}", ctx.request().path(), failure.toString());
            Responses.send(ctx, ResponseCode.INTERNAL_ERROR, null, 1);
        } else if (!ctx.response().ended()) {
            ctx.json(json);
        }
    }
}
