package dev.inlet.redis;

import io.vertx.core.AsyncResult;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.impl.types.ErrorType;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Reading Redis replies that come as RESP2 flat lists or RESP3 maps, whichever the server speaks. */
public final class RedisReplies {
    /** vertx-redis-client reports a batch's failed commands one per line as "ERR [index] cause". */
    private static final Pattern BATCH_FAILURE = Pattern.compile("(?m)^ERR \\[(\\d+)\\] ");

    private RedisReplies() {}

    /**
     * The indexes of a failed batch's commands that did not succeed: those the batch's error names
     * when Redis answered every command (some with an error), else all of them (a timeout, a lost
     * connection: their outcome is unknown).
     */
    public static Set<Integer> failedBatchIndexes(Throwable failure, int size) {
        if (failure instanceof ErrorType && failure.getMessage() != null) {
            Set<Integer> failed = new HashSet<>();
            Matcher m = BATCH_FAILURE.matcher(failure.getMessage());
            while (m.find()) {
                int index = Integer.parseInt(m.group(1));
                if (index < size) {
                    failed.add(index);
                }
            }
            if (!failed.isEmpty()) {
                return failed;
            }
        }
        return IntStream.range(0, size).boxed().collect(Collectors.toSet());
    }

    /** The indexes of a batch's commands that did not succeed ({@link #failedBatchIndexes}); none when it succeeded. */
    public static Set<Integer> failedIndexes(AsyncResult<List<Response>> batch, int size) {
        return batch.succeeded() ? Set.of() : failedBatchIndexes(batch.cause(), size);
    }

    /**
     * The reply of command {@code index} of a batch, one that is not among its {@link #failedIndexes}:
     * null when the batch failed as a whole (another command's error keeps every reply back).
     */
    public static Response replyAt(AsyncResult<List<Response>> batch, int index) {
        return batch.succeeded() ? batch.result().get(index) : null;
    }

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

    /** Every field of a key/value reply (HGETALL, XINFO, ...) in reply order; empty for nil. */
    public static java.util.Map<String, String> fields(Response reply) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        if (reply == null) {
            return out;
        }
        if (reply.isMap()) {
            for (String key : reply.getKeys()) {
                Response v = reply.get(key);
                out.put(key, v == null ? null : v.toString());
            }
            return out;
        }
        for (int i = 0; i + 1 < reply.size(); i += 2) {
            Response v = reply.get(i + 1);
            out.put(reply.get(i).toString(), v == null ? null : v.toString());
        }
        return out;
    }
}
