package dev.inlet.faults;

import dev.inlet.queue.StreamNames;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a stream holds: the event ids (read with XRANGE page by page, each body's {@code id}
 * counted), and the consumer group's entries still pending per consumer.
 */
final class StreamContents {
    private static final int PAGE = 500;

    private StreamContents() {}

    /** id → how many stream entries carry it. */
    static Future<Map<String, Integer>> ids(Redis redis, String stream) {
        return page(redis, stream, "-", new HashMap<>());
    }

    /** Consumer name → entries delivered to it and not acknowledged (XPENDING's summary form); empty when none. */
    static Future<Map<String, Long>> pendingByConsumer(Redis redis, String stream) {
        return redis.send(Request.cmd(Command.XPENDING).arg(stream).arg(StreamNames.GROUP))
                .map(summary -> {
                    Map<String, Long> pending = new TreeMap<>();
                    Response consumers = summary == null || summary.size() < 4 ? null : summary.get(3);
                    if (consumers != null) {
                        for (Response c : consumers) {
                            pending.put(
                                    c.get(0).toString(), Long.parseLong(c.get(1).toString()));
                        }
                    }
                    return pending;
                });
    }

    private static Future<Map<String, Integer>> page(
            Redis redis, String stream, String start, Map<String, Integer> found) {
        Request xrange = Request.cmd(Command.XRANGE)
                .arg(stream)
                .arg(start)
                .arg("+")
                .arg("COUNT")
                .arg(PAGE);
        return redis.send(xrange).compose(entries -> {
            if (entries == null || entries.size() == 0) {
                return Future.succeededFuture(found);
            }
            String last = null;
            for (Response entry : entries) {
                last = entry.get(0).toString();
                String id = bodyId(entry.get(1));
                if (id != null) {
                    found.merge(id, 1, Integer::sum);
                }
            }
            return entries.size() < PAGE ? Future.succeededFuture(found) : page(redis, stream, "(" + last, found);
        });
    }

    private static String bodyId(Response fields) {
        for (int i = 0; i + 1 < fields.size(); i += 2) {
            if ("body".equals(fields.get(i).toString())) {
                try {
                    return new JsonObject(fields.get(i + 1).toBuffer()).getString("id");
                } catch (RuntimeException notOurs) {
                    return null;
                }
            }
        }
        return null;
    }
}
