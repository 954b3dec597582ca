package dev.inlet.queue;

import dev.inlet.config.PayloadFormat;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Response;
import java.util.HashMap;
import java.util.Map;

/**
 * One event as a worker reads it from the stream: its stream id and the fields ingest wrote
 * (see {@link EventFields}). The body is the raw bytes as received.
 */
public record StreamEntry(String id, Map<String, String> fields, byte[] body) {

  public String transid() {
    return fields.getOrDefault(EventFields.TRANSID, "");
  }

  public String endpoint() {
    return fields.getOrDefault(EventFields.ENDPOINT, "");
  }

  public String service() {
    return fields.getOrDefault(EventFields.SERVICE, "");
  }

  public PayloadFormat format() {
    return "xml".equals(fields.get(EventFields.FORMAT)) ? PayloadFormat.XML : PayloadFormat.JSON;
  }

  public long receivedMillis() {
    try {
      return Long.parseLong(fields.getOrDefault(EventFields.RECEIVED, "0"));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** The stored request headers, names in lower case. */
  public JsonObject headers() {
    String h = fields.get(EventFields.HEADERS);
    try {
      return h == null || h.isEmpty() ? new JsonObject() : new JsonObject(h);
    } catch (RuntimeException e) {
      return new JsonObject();
    }
  }

  /** Whether the entry's content is gone (trimmed or deleted while it was pending). */
  public boolean deleted() {
    return fields.isEmpty();
  }

  /**
   * Reads {@code [id, [field, value, ...]]} as XRANGE, XREADGROUP and XAUTOCLAIM return it; an
   * entry whose content was deleted comes back {@link #deleted()}; null when there is no id at all.
   */
  public static StreamEntry from(Response entry) {
    if (entry == null || entry.size() < 1 || entry.get(0) == null) {
      return null;
    }
    String id = entry.get(0).toString();
    Response list = entry.size() < 2 ? null : entry.get(1);
    if (list == null) {
      return new StreamEntry(id, Map.of(), new byte[0]);
    }
    Map<String, String> fields = new HashMap<>();
    byte[] body = new byte[0];
    if (list.isMap()) {
      for (String k : list.getKeys()) {
        if (k.equals(EventFields.BODY)) {
          body = list.get(k).toBytes();
        } else {
          fields.put(k, list.get(k).toString());
        }
      }
    } else {
      for (int i = 0; i + 1 < list.size(); i += 2) {
        String k = list.get(i).toString();
        Response v = list.get(i + 1);
        if (k.equals(EventFields.BODY)) {
          body = v == null ? new byte[0] : v.toBytes();
        } else {
          fields.put(k, v == null ? "" : v.toString());
        }
      }
    }
    return new StreamEntry(id, Map.copyOf(fields), body);
  }
}
