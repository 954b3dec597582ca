package dev.inlet.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A Lua script run with EVALSHA, falling back to EVAL once when the server does not know it yet
 * (first call, or after a Redis restart flushed the script cache).
 */
public final class RedisScript {
    private final String source;
    private final String sha1;

    public RedisScript(String source) {
        this.source = source;
        try {
            this.sha1 = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs the script; {@code args} are Strings, numbers, byte arrays or Buffers. In a Redis Cluster all
     * {@code keys} must live in one slot (share a hash tag).
     */
    public Future<Response> run(CommandSender redis, List<String> keys, List<Object> args) {
        String slotKey = keys.isEmpty() ? null : keys.get(0);
        return redis.send(request(Command.EVALSHA, sha1, keys, args), slotKey)
                // "contains": in a batch the error comes back prefixed with the command's index.
                .recover(err -> err.getMessage() != null && err.getMessage().contains("NOSCRIPT")
                        ? redis.send(request(Command.EVAL, source, keys, args), slotKey)
                        : Future.failedFuture(err));
    }

    private static Request request(Command cmd, String script, List<String> keys, List<Object> args) {
        Request req = Request.cmd(cmd).arg(script).arg(keys.size());
        for (String k : keys) {
            req.arg(k);
        }
        for (Object a : args) {
            if (a instanceof byte[] bytes) {
                req.arg(bytes);
            } else if (a instanceof io.vertx.core.buffer.Buffer buf) {
                req.arg(buf);
            } else {
                req.arg(String.valueOf(a));
            }
        }
        return req;
    }
}
