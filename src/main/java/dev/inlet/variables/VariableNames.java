package dev.inlet.variables;

import dev.inlet.queue.RedisScript;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The variable names seen per endpoint, from sample payloads and live events, so rule and flow
 * authors can list them and search them by prefix. Each endpoint has a Redis sorted set
 * {@code <stream>:variables:<endpoint>} of names with score 0, read in lexicographic order with
 * ZRANGEBYLEX. Bounded: at most {@link #MAX_NAMES} names per endpoint, names longer than
 * {@link #MAX_NAME_LENGTH} are skipped, and a page holds at most {@link #MAX_PAGE} names.
 *
 * <p>Live events cost no Redis write in steady traffic: {@link Recorded} remembers, per process,
 * the names already written, and only new ones are sent. Thread-safe.
 */
public final class VariableNames {
  public static final int MAX_NAMES = 10_000;
  public static final int MAX_NAME_LENGTH = 512;
  public static final int MAX_PAGE = 1_000;
  private static final int NAMES_PER_WRITE = 500;

  /** KEYS[1] the set. ARGV[1] the cap, ARGV[2..] names. Adds names while the set has room. */
  private static final RedisScript ADD_BOUNDED = new RedisScript("""
      local room = tonumber(ARGV[1]) - redis.call('ZCARD', KEYS[1])
      local added = 0
      for i = 2, #ARGV do
        if room <= 0 then break end
        local n = redis.call('ZADD', KEYS[1], 'NX', 0, ARGV[i])
        added = added + n
        room = room - n
      end
      return added
      """);

  private final Redis redis;
  private final String stream;
  private final Recorded recorded;

  /**
   * @param stream the event stream's name, which prefixes the keys so Inlets sharing a Redis stay apart
   * @param recorded the names this process already wrote, shared by all clients of the process
   */
  public VariableNames(Redis redis, String stream, Recorded recorded) {
    this.redis = redis;
    this.stream = stream;
    this.recorded = recorded;
  }

  /** The sorted set of an endpoint's names. */
  public static String key(String stream, String endpoint) {
    return stream + ":variables:" + endpoint;
  }

  /**
   * Records the names of a live event: only names this process has not written yet go to Redis.
   * Once an endpoint has {@link #MAX_NAMES} names in memory, nothing more is recorded for it.
   */
  public Future<Void> record(String endpoint, Collection<String> names) {
    Set<String> known = recorded.of(endpoint);
    if (known.size() >= MAX_NAMES) {
      return Future.succeededFuture();
    }
    List<String> fresh = new ArrayList<>();
    for (String name : names) {
      if (name.length() <= MAX_NAME_LENGTH && !known.contains(name)) {
        fresh.add(name);
      }
    }
    if (fresh.isEmpty()) {
      return Future.succeededFuture();
    }
    return write(endpoint, fresh).onSuccess(v -> known.addAll(fresh));
  }

  /** Saves the names of a sample payload (always written, so a sample can restore a cleared set). */
  public Future<Void> save(String endpoint, Collection<String> names) {
    List<String> valid = names.stream().filter(n -> n.length() <= MAX_NAME_LENGTH).toList();
    return write(endpoint, valid).onSuccess(v -> {
      Set<String> known = recorded.of(endpoint);
      if (known.size() < MAX_NAMES) {
        known.addAll(valid);
      }
    });
  }

  /**
   * Saved names starting with {@code prefix}, in lexicographic (byte) order, at most {@code count}
   * (capped at {@link #MAX_PAGE}); with {@code after}, only names that sort after it (the last name
   * of the previous page).
   */
  public Future<List<String>> find(String endpoint, String prefix, String after, int count) {
    int limit = Math.max(1, Math.min(count, MAX_PAGE));
    Buffer min;
    if (after != null && !after.isEmpty() && after.compareTo(prefix) >= 0) {
      min = Buffer.buffer("(").appendString(after);
    } else {
      min = prefix.isEmpty() ? Buffer.buffer("-") : Buffer.buffer("[").appendString(prefix);
    }
    // No UTF-8 text holds the byte 0xFF, so prefix + 0xFF sorts after every name with that prefix.
    Buffer max = prefix.isEmpty() ? Buffer.buffer("+") : Buffer.buffer("[").appendString(prefix).appendByte((byte) 0xFF);
    Request req = Request.cmd(Command.ZRANGEBYLEX).arg(key(stream, endpoint)).arg(min).arg(max)
        .arg("LIMIT").arg(0).arg(limit);
    return redis.send(req).map(r -> {
      List<String> out = new ArrayList<>(r == null ? 0 : r.size());
      if (r != null) {
        for (Response name : r) {
          out.add(name.toString());
        }
      }
      return out;
    });
  }

  private Future<Void> write(String endpoint, List<String> names) {
    String key = key(stream, endpoint);
    Future<Void> chain = Future.succeededFuture();
    for (int from = 0; from < names.size(); from += NAMES_PER_WRITE) {
      List<Object> args = new ArrayList<>(NAMES_PER_WRITE + 1);
      args.add(MAX_NAMES);
      args.addAll(names.subList(from, Math.min(names.size(), from + NAMES_PER_WRITE)));
      chain = chain.compose(v -> ADD_BOUNDED.run(redis::send, List.of(key), args).mapEmpty());
    }
    return chain;
  }

  /** Per endpoint, the names this process has written already; share one per process. */
  public static final class Recorded {
    private final ConcurrentHashMap<String, Set<String>> byEndpoint = new ConcurrentHashMap<>();

    Set<String> of(String endpoint) {
      return byEndpoint.computeIfAbsent(endpoint, e -> ConcurrentHashMap.newKeySet());
    }
  }
}
