package dev.inlet.worker;

import dev.inlet.queue.StreamNames;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/** Reads of the event stream's state for assertions. */
public final class Streams {
    private Streams() {}

    /** A field of a reply that is a map (RESP3) or a flat list of names and values (RESP2). */
    static String field(Response r, String name) {
        if (r.isMap()) {
            Response v = r.get(name);
            return v == null ? null : v.toString();
        }
        for (int i = 0; i + 1 < r.size(); i += 2) {
            if (name.equals(r.get(i).toString())) {
                return r.get(i + 1) == null ? null : r.get(i + 1).toString();
            }
        }
        return null;
    }

    /** Entries delivered to the consumer group and not acknowledged yet (XPENDING's count). */
    public static Future<Long> pending(Redis redis, String stream) {
        return redis.send(Request.cmd(Command.XPENDING).arg(stream).arg(StreamNames.GROUP))
                .map(r -> r == null ? 0L : r.get(0).toLong());
    }

    /** Entries of the event stream not delivered to the group yet, plus those pending. */
    public static Future<Long> unfinished(Redis redis, String stream) {
        return redis.send(Request.cmd(Command.XINFO).arg("GROUPS").arg(stream))
                .compose(groups -> {
                    String lastDelivered = "0-0";
                    for (Response g : groups) {
                        if (StreamNames.GROUP.equals(field(g, "name"))) {
                            lastDelivered = field(g, "last-delivered-id");
                        }
                    }
                    return redis.send(Request.cmd(Command.XRANGE)
                                    .arg(stream)
                                    .arg("(" + lastDelivered)
                                    .arg("+"))
                            .map(r -> (long) r.size());
                })
                .compose(undelivered -> pending(redis, stream).map(p -> p + undelivered));
    }
}
