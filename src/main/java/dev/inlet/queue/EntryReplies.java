package dev.inlet.queue;

import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;

/** The stream entries in the replies of XREADGROUP and XAUTOCLAIM, RESP2 or RESP3. */
public final class EntryReplies {
  private EntryReplies() {}

  /** Entries of an XREADGROUP reply: RESP2's array of [stream, entries], or RESP3's map of stream to entries. */
  public static List<StreamEntry> ofRead(Response reply) {
    List<StreamEntry> out = new ArrayList<>();
    if (reply == null) {
      return out;
    }
    if (reply.isMap()) {
      for (String stream : reply.getKeys()) {
        addEntries(reply.get(stream), out);
      }
    } else {
      for (Response perStream : reply) {
        addEntries(perStream.get(1), out);
      }
    }
    return out;
  }

  /** Entries of a list of them (XAUTOCLAIM's second element); ids without an entry are left out. */
  public static List<StreamEntry> ofList(Response entries) {
    List<StreamEntry> out = new ArrayList<>();
    addEntries(entries, out);
    return out;
  }

  private static void addEntries(Response entries, List<StreamEntry> out) {
    if (entries == null) {
      return;
    }
    for (Response e : entries) {
      StreamEntry entry = StreamEntry.from(e);
      if (entry != null) {
        out.add(entry);
      }
    }
  }
}
