package dev.inlet.admin;

import dev.inlet.ingest.ResponseCode;
import dev.inlet.ingest.Responses;
import dev.inlet.queue.DeadLetterCodec;
import dev.inlet.queue.DeadLetters;
import dev.inlet.queue.EventFields;
import dev.inlet.queue.StreamEntry;
import dev.inlet.queue.StreamEntryCodec;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dead-letter streams over HTTP. {@code GET /v1/admin/dead-letters?count=50&after=<id>&body=false}
 * lists the oldest first (over all shards; ids are {@code <shard>:<stream id>} when there are several): id, originalId, transid, endpoint, service, error, attempts, failedAt
 * (epoch ms), and the body in base64 only with {@code body=true}; {@code next} is the cursor of the
 * following page. {@code POST /v1/admin/dead-letters/{id}/replay} appends the event to the main
 * stream again (same transid, attempts start over) and removes the dead letter.
 */
public final class DeadLetterHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandler.class);
    static final int DEFAULT_COUNT = 50;
    static final int MAX_COUNT = 1_000;

    private final DeadLetters deadLetters;

    private DeadLetterHandler(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    public static DeadLetterHandler create(DeadLetters deadLetters) {
        return new DeadLetterHandler(deadLetters);
    }

    public Handler<RoutingContext> list() {
        return ctx -> {
            Integer count = AdminParams.count(ctx, DEFAULT_COUNT, MAX_COUNT);
            String after = ctx.queryParams().get("after");
            if (count == null || after != null && !after.isEmpty() && !deadLetters.isId(after)) {
                Responses.send(ctx, ResponseCode.BAD_REQUEST);
                return;
            }
            boolean withBody = "true".equalsIgnoreCase(ctx.queryParams().get("body"));
            deadLetters
                    .list(after, count)
                    .compose(page -> deadLetters.size().map(size -> {
                        JsonArray items = new JsonArray();
                        page.forEach(e -> items.add(describe(e, withBody)));
                        return new JsonObject()
                                .put("deadLetters", items)
                                .put("size", size)
                                .put(
                                        "next",
                                        page.size() == count
                                                ? page.get(page.size() - 1).id()
                                                : null);
                    }))
                    .onComplete(ar -> {
                        if (ar.failed()) {
                            Responses.send(ctx, ResponseCode.INTERNAL_ERROR, null, 1);
                        } else {
                            ctx.json(ar.result());
                        }
                    });
        };
    }

    public Handler<RoutingContext> replay() {
        return ctx -> {
            String id = ctx.pathParam("id");
            if (!deadLetters.isId(id)) {
                Responses.send(ctx, ResponseCode.BAD_REQUEST);
                return;
            }
            deadLetters.replay(id).onComplete(ar -> {
                if (ar.failed()) {
                    Responses.send(ctx, ResponseCode.INTERNAL_ERROR, null, 1);
                } else if (ar.result() == null) {
                    Responses.send(ctx, ResponseCode.NOT_FOUND);
                } else {
                    LOG.info("dead letter {} replayed as stream entry {}", id, ar.result());
                    ctx.json(new JsonObject().put("id", id).put("replayedAs", ar.result()));
                }
            });
        };
    }

    private static JsonObject describe(StreamEntry e, boolean withBody) {
        JsonObject json = new JsonObject()
                .put("id", e.id())
                .put("originalId", DeadLetterCodec.originalId(e))
                .put("transid", e.transid())
                .put("endpoint", e.endpoint())
                .put("service", e.service())
                .put("error", DeadLetterCodec.error(e))
                .put("attempts", DeadLetterCodec.attempts(e))
                .put("failedAt", DeadLetterCodec.failedAt(e))
                .put("receivedAt", e.receivedMillis())
                .put("format", StreamEntryCodec.text(e, EventFields.FORMAT));
        if (withBody) {
            json.put("body", Base64.getEncoder().encodeToString(e.body()));
        }
        return json;
    }
}
