package dev.inlet.queue;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The ingest side of the event stream: XADD, optionally guarded by an idempotency key in the same
 * Lua script so that two concurrent repeats cannot both be queued. A result only exists once Redis
 * acknowledged the write; a failure or a timeout means the event is not known to be queued.
 */
public final class EventAppender {
  /**
   * KEYS[1] stream, KEYS[2] idempotency key. ARGV[1] maxLength (0 = no trim), ARGV[2] window ms,
   * ARGV[3] transid, ARGV[4..] field/value pairs. Returns {1, transid} when queued, {0, firstTransid}
   * for a repeat.
   */
  private static final RedisScript IDEMPOTENT_XADD = new RedisScript("""
      local first = redis.call('GET', KEYS[2])
      if first then return {0, first} end
      local args = {'XADD', KEYS[1]}
      if tonumber(ARGV[1]) > 0 then
        args[#args + 1] = 'MAXLEN'; args[#args + 1] = '~'; args[#args + 1] = ARGV[1]
      end
      args[#args + 1] = '*'
      for i = 4, #ARGV do args[#args + 1] = ARGV[i] end
      redis.call(unpack(args))
      redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[2])
      return {1, ARGV[3]}
      """);

  private final CommandSender redis;
  private final StreamNames streams;
  private final long maxLength;
  private final long timeoutMillis;
  private int next;

  /**
   * {@code redis} is usually the event loop's {@link CommandBatcher}, so XADDs are group-committed.
   * One per event loop: it spreads events over the shards round-robin.
   */
  public EventAppender(CommandSender redis, StreamNames streams, long maxLength, Duration timeout) {
    this.redis = redis;
    this.streams = streams;
    this.maxLength = maxLength;
    this.timeoutMillis = timeout.toMillis();
  }

  /** The outcome of an append: the transid that identifies the event, and whether this call queued it. */
  public record Appended(String transid, boolean duplicate) {}

  /**
   * Appends the event. With an idempotency value (its SHA-256, hex), the event goes to the shard that
   * value hashes to, and a repeat inside {@code window} returns the first transid; without one, to
   * the next shard in turn.
   */
  public Future<Appended> append(InboundEvent event, String idempotencyHash, Duration window) {
    Future<Appended> result;
    if (idempotencyHash == null) {
      StreamNames.Shard shard = streams.shard(next);
      next = (next + 1) % streams.size();
      String stream = shard.stream();
      Request xadd = Request.cmd(Command.XADD).arg(stream);
      if (maxLength > 0) {
        xadd.arg("MAXLEN").arg("~").arg(maxLength);
      }
      xadd.arg("*");
      for (Object f : fields(event)) {
        if (f instanceof String s) {
          xadd.arg(s);
        } else {
          xadd.arg((io.vertx.core.buffer.Buffer) f);
        }
      }
      result = redis.send(xadd, stream).map(r -> new Appended(event.transid(), false));
    } else {
      List<Object> args = new ArrayList<>();
      args.add(maxLength);
      args.add(Math.max(1, window.toMillis()));
      args.add(event.transid());
      args.addAll(fields(event));
      StreamNames.Shard shard = streams.forHash(idempotencyHash);
      String key = shard.idempotencyKey(event.endpoint(), idempotencyHash);
      result = IDEMPOTENT_XADD.run(redis, List.of(shard.stream(), key), args)
          .map(EventAppender::appended);
    }
    return result.timeout(timeoutMillis, TimeUnit.MILLISECONDS);
  }

  private static Appended appended(Response r) {
    return new Appended(r.get(1).toString(), r.get(0).toInteger() == 0);
  }

  private static List<Object> fields(InboundEvent e) {
    List<Object> f = new ArrayList<>(16);
    f.add(EventFields.TRANSID);
    f.add(e.transid());
    f.add(EventFields.ENDPOINT);
    f.add(e.endpoint());
    f.add(EventFields.SERVICE);
    f.add(e.service());
    f.add(EventFields.RECEIVED);
    f.add(Long.toString(e.receivedMillis()));
    f.add(EventFields.CONTENT_TYPE);
    f.add(e.contentType() == null ? "" : e.contentType());
    f.add(EventFields.FORMAT);
    f.add(e.format().name().toLowerCase(java.util.Locale.ROOT));
    f.add(EventFields.HEADERS);
    f.add(e.headers());
    f.add(EventFields.BODY);
    f.add(e.body());
    return f;
  }
}
