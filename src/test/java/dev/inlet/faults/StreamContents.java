package dev.inlet.faults;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.HashMap;
import java.util.Map;

/** The event ids found in a stream: read with XRANGE page by page, each body's {@code id} counted. */
final class StreamContents {
  private static final int PAGE = 500;

  private StreamContents() {}

  /** id → how many stream entries carry it. */
  static Future<Map<String, Integer>> ids(Redis redis, String stream) {
    return page(redis, stream, "-", new HashMap<>());
  }

  private static Future<Map<String, Integer>> page(Redis redis, String stream, String start, Map<String, Integer> found) {
    Request xrange = Request.cmd(Command.XRANGE).arg(stream).arg(start).arg("+").arg("COUNT").arg(PAGE);
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
