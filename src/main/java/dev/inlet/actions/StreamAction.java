package dev.inlet.actions;

import dev.inlet.queue.StoredHeaders;
import dev.inlet.queue.StreamEntry;
import dev.inlet.queue.StreamEntryCodec;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Built-in {@code stream}: appends the event to another Redis stream (XADD) for consumers of your
 * own. Keys: {@code stream} (required), {@code maxLength} (approximate trim, absent = none). The
 * entry holds the event's fields as ingest wrote them ({@code transid}, {@code endpoint},
 * {@code service}, {@code received}, {@code contentType}, {@code format}, {@code headers},
 * {@code body}: {@link StreamEntryCodec}) plus {@code variables}: the flattened variables as a JSON
 * object, cut at {@link #MAX_VARIABLES_BYTES} (then {@code variablesTruncated} is {@code true}).
 */
final class StreamAction implements Action {
    static final String NAME = "stream";
    static final int MAX_VARIABLES_BYTES = 64 * 1024;
    private static final Set<String> KEYS = Set.of("stream", "maxLength");

    private final Redis redis;

    StreamAction(Redis redis) {
        this.redis = redis;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> check(Map<String, Object> options) {
        return checkOptions(options);
    }

    static List<String> checkOptions(Map<String, Object> options) {
        Options o = new Options(NAME, options);
        o.onlyKeys(KEYS);
        o.requiredText("stream");
        o.wholeNumber("maxLength", 1);
        return o.problems();
    }

    @Override
    public boolean blocking() {
        return false;
    }

    @Override
    public Future<Void> run(ActionContext ctx) {
        Event event = ctx.event();
        Request xadd =
                Request.cmd(Command.XADD).arg(String.valueOf(ctx.options().get("stream")));
        Object maxLength = ctx.options().get("maxLength");
        if (maxLength != null) {
            xadd.arg("MAXLEN").arg("~").arg(maxLength.toString().trim());
        }
        StreamEntryCodec.addFields(
                xadd.arg("*"),
                StreamEntry.toAppend(
                        event.transid(),
                        event.endpoint(),
                        event.service(),
                        event.receivedMillis(),
                        event.contentType(),
                        event.format(),
                        StoredHeaders.bytes(event.headers()),
                        event.query(),
                        event.body()));
        JsonObject variables = new JsonObject();
        int size = 0;
        boolean truncated = false;
        for (Map.Entry<String, String> v : ctx.variables().entrySet()) {
            size += v.getKey().length() + v.getValue().length() + 6;
            if (size > MAX_VARIABLES_BYTES) {
                truncated = true;
                break;
            }
            variables.put(v.getKey(), v.getValue());
        }
        xadd.arg("variables").arg(variables.encode());
        if (truncated) {
            xadd.arg("variablesTruncated").arg("true");
        }
        return redis.send(xadd).mapEmpty();
    }
}
