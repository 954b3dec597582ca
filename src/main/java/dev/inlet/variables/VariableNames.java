package dev.inlet.variables;

import dev.inlet.redis.RedisScript;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The variable names seen per endpoint, so rule and flow authors can list them and search them by
 * prefix. Two sets per endpoint, listed together:
 *
 * <ul>
 *   <li><b>Samples</b>, {@code <stream>:variables:<endpoint>:samples}: the names of payloads posted to
 *       the admin {@code /parse}, and only those. At most {@link #MAX_NAMES}; a sample whose new
 *       names do not all fit is not saved, and {@link #save} says so.</li>
 *   <li><b>Live names</b>, {@code <stream>:variables:<endpoint>} (the key of earlier versions), of the
 *       events workers process. At most {@link #MAX_NAMES}, with eviction: each name's last sighting
 *       is kept in {@code {<stream>:variables:<endpoint>}:seen} (a hash tag of the live key's whole
 *       name, so a script touching both runs in one Redis Cluster slot) and the names seen longest
 *       ago go first, so junk names sent by one sender are pushed out by legitimate ones again.</li>
 * </ul>
 * Both are sorted sets with score 0, read in byte order with ZRANGEBYLEX; names longer than
 * {@link #MAX_NAME_LENGTH} are not stored; a page holds at most {@link #MAX_PAGE} names.
 *
 * <p>Live events cost few Redis writes: {@link RecordedNames} remembers, per process, the names written in
 * the last {@link RecordedNames#REFRESH_MILLIS} (at most {@link #MAX_NAMES} per endpoint); only the others
 * are sent, which refreshes their sighting, so a name evicted meanwhile comes back within that time
 * of being seen again. Thread-safe.
 */
public final class VariableNames {
    public static final int MAX_NAMES = 10_000;
    public static final int MAX_NAME_LENGTH = 512;
    public static final int MAX_PAGE = 1_000;
    private static final int NAMES_PER_WRITE = 500;

    /**
     * KEYS[1] the live names, KEYS[2] their sightings. ARGV[1] the cap, ARGV[2] now (ms), ARGV[3..]
     * names. Adds or refreshes the names, then evicts the names seen longest ago beyond the cap.
     */
    private static final RedisScript RECORD = new RedisScript(
            """
      if redis.call('EXISTS', KEYS[2]) == 0 then
        -- Live names stored before sightings were kept count as seen longest ago.
        redis.call('ZUNIONSTORE', KEYS[2], 1, KEYS[1], 'WEIGHTS', 0)
      end
      for i = 3, #ARGV do
        redis.call('ZADD', KEYS[2], ARGV[2], ARGV[i])
        redis.call('ZADD', KEYS[1], 0, ARGV[i])
      end
      local over = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[1])
      if over > 0 then
        local oldest = redis.call('ZRANGE', KEYS[2], 0, over - 1)
        redis.call('ZREMRANGEBYRANK', KEYS[2], 0, over - 1)
        for _, name in ipairs(oldest) do
          redis.call('ZREM', KEYS[1], name)
        end
        return over
      end
      return 0
      """);

    /**
     * KEYS[1] the samples. ARGV[1] the cap, ARGV[2..] names. All or nothing: {1, added}, or {0, room
     * left, new names} when the new names do not all fit (and none is added).
     */
    private static final RedisScript SAVE = new RedisScript(
            """
      local new = 0
      for i = 2, #ARGV do
        if not redis.call('ZSCORE', KEYS[1], ARGV[i]) then
          new = new + 1
        end
      end
      local room = tonumber(ARGV[1]) - redis.call('ZCARD', KEYS[1])
      if new > room then
        return {0, room, new}
      end
      for i = 2, #ARGV do
        redis.call('ZADD', KEYS[1], 0, ARGV[i])
      end
      return {1, new}
      """);

    private final Redis redis;
    private final String stream;
    private final RecordedNames recorded;

    /**
     * @param stream the event stream's name, which prefixes the keys so Inlets sharing a Redis stay apart
     * @param recorded the names this process already wrote, shared by all clients of the process
     */
    public VariableNames(Redis redis, String stream, RecordedNames recorded) {
        this.redis = redis;
        this.stream = stream;
        this.recorded = recorded;
    }

    /** The sorted set of an endpoint's live names. */
    public static String key(String stream, String endpoint) {
        return stream + ":variables:" + endpoint;
    }

    /** When each live name was last seen; in the live set's cluster slot. */
    static String seenKey(String stream, String endpoint) {
        return "{" + key(stream, endpoint) + "}:seen";
    }

    /** The sorted set of an endpoint's sample names. */
    public static String samplesKey(String stream, String endpoint) {
        return key(stream, endpoint) + ":samples";
    }

    /**
     * Whether this process wrote, within {@link RecordedNames#REFRESH_MILLIS}, as many names of the endpoint
     * as it keeps: an event would then add nothing, and its names need not even be read.
     */
    public boolean saturated(String endpoint) {
        return recorded.of(endpoint).full(recorded.now());
    }

    /**
     * Records the names of a live event: only names this process has not written in the last
     * {@link RecordedNames#REFRESH_MILLIS}, as long as it holds fewer than {@link #MAX_NAMES} of the
     * endpoint's; the names seen longest ago are evicted beyond {@link #MAX_NAMES}.
     */
    public Future<Void> record(String endpoint, Collection<String> names) {
        RecordedNames.Written written = recorded.of(endpoint);
        long now = recorded.now();
        List<String> due = written.due(names, now);
        if (due.isEmpty()) {
            return Future.succeededFuture();
        }
        List<String> keys = List.of(key(stream, endpoint), seenKey(stream, endpoint));
        Future<Void> chain = Future.succeededFuture();
        for (int from = 0; from < due.size(); from += NAMES_PER_WRITE) {
            List<Object> args = new ArrayList<>(NAMES_PER_WRITE + 2);
            args.add(MAX_NAMES);
            args.add(now);
            args.addAll(due.subList(from, Math.min(due.size(), from + NAMES_PER_WRITE)));
            chain = chain.compose(v -> RECORD.run(redis::send, keys, args).mapEmpty());
        }
        return chain.onSuccess(v -> written.written(due, now));
    }

    /** Whether a sample's names were saved, and when not, why (text safe to show: no names in it). */
    public record Saved(boolean saved, String reason) {
        static final Saved YES = new Saved(true, null);
    }

    /**
     * Saves the names of a sample payload in the endpoint's sample set: all of them, or, when its new
     * names do not fit under {@link #MAX_NAMES}, none. Names longer than {@link #MAX_NAME_LENGTH} are
     * not stored. Fails only when Redis does.
     */
    public Future<Saved> save(String endpoint, Collection<String> names) {
        List<Object> args = new ArrayList<>(names.size() + 1);
        args.add(MAX_NAMES);
        names.stream().filter(n -> n.length() <= MAX_NAME_LENGTH).forEach(args::add);
        if (args.size() == 1) {
            return Future.succeededFuture(Saved.YES);
        }
        return SAVE.run(redis::send, List.of(samplesKey(stream, endpoint)), args)
                .map(r -> {
                    if (r.get(0).toInteger() == 1) {
                        return Saved.YES;
                    }
                    return new Saved(
                            false,
                            "the endpoint's sample set has room for "
                                    + Math.max(0, r.get(1).toLong()) + " more names (of " + MAX_NAMES
                                    + "); this sample has " + r.get(2).toLong() + " new");
                });
    }

    /**
     * Names, from samples and live events, starting with {@code prefix}, in byte order, at most
     * {@code count} (capped at {@link #MAX_PAGE}); with {@code after}, only names that sort after it
     * (the last name of the previous page).
     */
    public Future<List<String>> find(String endpoint, String prefix, String after, int count) {
        int limit = Math.max(1, Math.min(count, MAX_PAGE));
        Buffer min;
        if (after != null && !after.isEmpty() && compareBytes(utf8(after), utf8(prefix)) >= 0) {
            min = Buffer.buffer("(").appendString(after);
        } else {
            min = prefix.isEmpty() ? Buffer.buffer("-") : Buffer.buffer("[").appendString(prefix);
        }
        // No UTF-8 text holds the byte 0xFF, so prefix + 0xFF sorts after every name with that prefix.
        Buffer max = prefix.isEmpty()
                ? Buffer.buffer("+")
                : Buffer.buffer("[").appendString(prefix).appendByte((byte) 0xFF);
        Future<Response> live = redis.send(range(key(stream, endpoint), min, max, limit));
        Future<Response> samples = redis.send(range(samplesKey(stream, endpoint), min, max, limit));
        return Future.all(live, samples).map(both -> merge(live.result(), samples.result(), limit));
    }

    private static Request range(String key, Buffer min, Buffer max, int limit) {
        return Request.cmd(Command.ZRANGEBYLEX)
                .arg(key)
                .arg(min)
                .arg(max)
                .arg("LIMIT")
                .arg(0)
                .arg(limit);
    }

    /** Two replies in byte order merged into one, without repeats, at most {@code limit}. */
    static List<String> merge(Response a, Response b, int limit) {
        List<byte[]> left = bytes(a);
        List<byte[]> right = bytes(b);
        List<String> out = new ArrayList<>(Math.min(limit, left.size() + right.size()));
        int i = 0;
        int j = 0;
        while (out.size() < limit && (i < left.size() || j < right.size())) {
            int order = i == left.size() ? 1 : j == right.size() ? -1 : compareBytes(left.get(i), right.get(j));
            byte[] next = order <= 0 ? left.get(i++) : right.get(j++);
            if (order == 0) {
                j++;
            }
            out.add(new String(next, StandardCharsets.UTF_8));
        }
        return out;
    }

    private static List<byte[]> bytes(Response reply) {
        List<byte[]> out = new ArrayList<>(reply == null ? 0 : reply.size());
        if (reply != null) {
            for (Response name : reply) {
                out.add(name.toBytes());
            }
        }
        return out;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Redis' order of members with equal scores: unsigned bytes. */
    private static int compareBytes(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }
}
