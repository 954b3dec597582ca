package dev.inlet.queue;

import io.vertx.redis.client.Response;

/** Reading Redis replies that come as RESP2 flat lists or RESP3 maps, whichever the server speaks. */
public final class RedisReplies {
  private RedisReplies() {}

  /** A field of a key/value reply (XINFO, CONFIG GET, ...); null when absent or nil. */
  public static String field(Response reply, String name) {
    if (reply == null) {
      return null;
    }
    if (reply.isMap()) {
      Response v = reply.get(name);
      return v == null ? null : v.toString();
    }
    for (int i = 0; i + 1 < reply.size(); i += 2) {
      if (name.equals(reply.get(i).toString())) {
        Response v = reply.get(i + 1);
        return v == null ? null : v.toString();
      }
    }
    return null;
  }
}
