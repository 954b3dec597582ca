package dev.inlet.queue;

import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * The stream entries in the replies of XREADGROUP and XAUTOCLAIM, RESP2 or RESP3: where the lists
 * of entries sit in each reply; {@link StreamEntryCodec} reads the entries themselves.
 */
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
                out.addAll(StreamEntryCodec.readAll(reply.get(stream)));
            }
        } else {
            for (Response perStream : reply) {
                out.addAll(StreamEntryCodec.readAll(perStream.get(1)));
            }
        }
        return out;
    }

    /** Entries of XAUTOCLAIM's reply ({@code [cursor, entries, deleted ids]}); ids without an entry are left out. */
    public static List<StreamEntry> ofClaim(Response reply) {
        return StreamEntryCodec.readAll(reply.get(1));
    }
}
