package dev.inlet.queue;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * The dead-letter stream: events whose every attempt failed, with the last error. Moving an event
 * there and acknowledging it in the main stream is one Lua script, so an event is never in neither.
 * Replay appends it to the main stream again and removes it from the dead-letter stream.
 */
public final class DeadLetters {
  /**
   * KEYS[1] stream, KEYS[2] dead-letter stream, KEYS[3] attempts hash. ARGV[1] group, ARGV[2] entry
   * id, ARGV[3] error, ARGV[4] attempts, ARGV[5] failure time (epoch ms), ARGV[6..] the entry's
   * field/value pairs.
   */
  private static final RedisScript MOVE = new RedisScript("""
      local args = {'XADD', KEYS[2], '*', 'originalId', ARGV[2], 'error', ARGV[3], 'attempts', ARGV[4], 'failedAt', ARGV[5]}
      for i = 6, #ARGV do args[#args + 1] = ARGV[i] end
      local id = redis.call(unpack(args))
      redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
      redis.call('HDEL', KEYS[3], ARGV[2])
      return id
      """);

  /** KEYS[1] dead-letter stream, KEYS[2] stream. ARGV[1] dead-letter id. Returns the new id or false. */
  private static final RedisScript REPLAY = new RedisScript("""
      local found = redis.call('XRANGE', KEYS[1], ARGV[1], ARGV[1])
      if #found == 0 then return false end
      local fields = found[1][2]
      local args = {'XADD', KEYS[2], '*'}
      local skip = {originalId = true, error = true, attempts = true, failedAt = true}
      for i = 1, #fields, 2 do
        if not skip[fields[i]] then args[#args + 1] = fields[i]; args[#args + 1] = fields[i + 1] end
      end
      local id = redis.call(unpack(args))
      redis.call('XDEL', KEYS[1], ARGV[1])
      return id
      """);

  private final Redis redis;
  private final String stream;

  public DeadLetters(Redis redis, String stream) {
    this.redis = redis;
    this.stream = stream;
  }

  /** Moves an entry to the dead-letter stream and acknowledges it, atomically. */
  public Future<String> move(StreamEntry entry, String error, int attempts) {
    List<Object> args = new ArrayList<>();
    args.add(StreamNames.GROUP);
    args.add(entry.id());
    args.add(error == null ? "" : error.length() > 1000 ? error.substring(0, 1000) : error);
    args.add(attempts);
    args.add(System.currentTimeMillis());
    entry.fields().forEach((k, v) -> {
      args.add(k);
      args.add(v);
    });
    args.add(EventFields.BODY);
    args.add(entry.body());
    return MOVE.run(redis::send, List.of(stream, StreamNames.deadLetter(stream), StreamNames.attempts(stream)), args)
        .map(Response::toString);
  }

  /**
   * The oldest dead letters, up to {@code count}; with {@code after} (the last id of the previous
   * page), only those after it. XRANGE's start is inclusive, so the cursor is made exclusive with "(".
   */
  public Future<List<StreamEntry>> list(String after, int count) {
    String start = after == null || after.isEmpty() ? "-" : "(" + after;
    return redis.send(Request.cmd(Command.XRANGE).arg(StreamNames.deadLetter(stream)).arg(start).arg("+").arg("COUNT").arg(count))
        .map(r -> {
          List<StreamEntry> out = new ArrayList<>();
          for (Response e : r) {
            StreamEntry entry = StreamEntry.from(e);
            if (entry != null) {
              out.add(entry);
            }
          }
          return out;
        });
  }

  /** Puts a dead letter back on the main stream; the result is its new id, or null when there was no such entry. */
  public Future<String> replay(String deadLetterId) {
    return REPLAY.run(redis::send, List.of(StreamNames.deadLetter(stream), stream), List.of(deadLetterId))
        .map(r -> r == null ? null : r.toString());
  }

  public Future<Long> size() {
    return redis.send(Request.cmd(Command.XLEN).arg(StreamNames.deadLetter(stream))).map(Response::toLong);
  }
}
