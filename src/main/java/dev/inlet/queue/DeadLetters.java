package dev.inlet.queue;

import dev.inlet.redis.RedisScript;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dead-letter streams, one per shard: events whose every attempt failed, with the last error.
 * Moving an event there and acknowledging it in its shard's stream is one Lua script (all keys of a
 * shard share a cluster slot), so an event is never in neither. Replay appends it to its shard's
 * stream again and removes it from the dead-letter stream.
 *
 * <p>Ids: with one shard, a dead letter's id is its stream id ({@code 1718…-0}); with several, the
 * shard's index and the stream id ({@code 2:1718…-0}). Listing merges the shards oldest first.
 */
public final class DeadLetters {
    /**
     * KEYS[1] stream, KEYS[2] dead-letter stream, KEYS[3] attempts hash. ARGV[1] group, ARGV[2] entry
     * id, ARGV[3..] the dead letter's field/value pairs ({@link DeadLetterCodec#pairs}).
     */
    private static final RedisScript MOVE = new RedisScript(
            """
      local args = {'XADD', KEYS[2], '*'}
      for i = 3, #ARGV do args[#args + 1] = ARGV[i] end
      local id = redis.call(unpack(args))
      redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
      redis.call('HDEL', KEYS[3], ARGV[2])
      return id
      """);

    /** KEYS[1] dead-letter stream, KEYS[2] stream. ARGV[1] dead-letter id. Returns the new id or false. */
    private static final RedisScript REPLAY = new RedisScript(
            """
      local found = redis.call('XRANGE', KEYS[1], ARGV[1], ARGV[1])
      if #found == 0 then return false end
      local fields = found[1][2]
      local args = {'XADD', KEYS[2], '*'}
      local skip = %s
      for i = 1, #fields, 2 do
        if not skip[fields[i]] then args[#args + 1] = fields[i]; args[#args + 1] = fields[i + 1] end
      end
      local id = redis.call(unpack(args))
      redis.call('XDEL', KEYS[1], ARGV[1])
      return id
      """
                    .formatted(DeadLetterCodec.luaOwnFields()));

    private static final Pattern STREAM_ID = Pattern.compile("\\d{1,20}-\\d{1,20}");
    private static final Pattern SHARDED_ID = Pattern.compile("(\\d{1,3}):(\\d{1,20}-\\d{1,20})");

    private final Redis redis;
    private final StreamNames streams;

    public DeadLetters(Redis redis, StreamNames streams) {
        this.redis = redis;
        this.streams = streams;
    }

    /** Moves an entry of {@code shard} to its dead-letter stream and acknowledges it, atomically. */
    public static Future<String> move(
            Redis redis, StreamNames.Shard shard, StreamEntry entry, String error, int attempts) {
        List<Object> args = new ArrayList<>();
        args.add(StreamNames.GROUP);
        args.add(entry.id());
        args.addAll(DeadLetterCodec.pairs(entry, error, attempts, System.currentTimeMillis()));
        return MOVE.run(redis::send, List.of(shard.stream(), shard.deadLetter(), shard.attempts()), args)
                .map(Response::toString);
    }

    /** Whether {@code id} is a dead letter's id (or a listing cursor) in this layout. */
    public boolean isId(String id) {
        return parse(id) != null;
    }

    /**
     * The oldest dead letters over all shards, up to {@code count}; with {@code after} (the last id of
     * the previous page), only those after it. Ids, the cursor and {@code originalId} name the shard
     * when there are several. XRANGE's start is inclusive, so the cursor is made exclusive with "(".
     */
    public Future<List<StreamEntry>> list(String after, int count) {
        Position from = after == null || after.isEmpty() ? null : parse(after);
        if (after != null && !after.isEmpty() && from == null) {
            return Future.failedFuture(new IllegalArgumentException("not a dead-letter id: " + after));
        }
        List<Future<List<Position>>> pages = new ArrayList<>();
        for (StreamNames.Shard shard : streams.shards()) {
            String start;
            if (from == null) {
                start = "-";
            } else {
                // Oldest first means by stream id, then by shard: a later shard may repeat the cursor's id.
                start = shard.index() > from.shard() ? from.id() : "(" + from.id();
            }
            pages.add(redis.send(Request.cmd(Command.XRANGE)
                            .arg(shard.deadLetter())
                            .arg(start)
                            .arg("+")
                            .arg("COUNT")
                            .arg(count))
                    .map(r -> StreamEntryCodec.readAll(r).stream()
                            .map(e -> new Position(shard.index(), e.id(), e))
                            .toList()));
        }
        return Future.all(pages).map(done -> {
            List<Position> all = new ArrayList<>();
            pages.forEach(p -> all.addAll(p.result()));
            all.sort(Comparator.comparing((Position p) -> p.millis())
                    .thenComparing(Position::seq)
                    .thenComparing(Position::shard));
            return all.stream().limit(count).map(this::publicEntry).toList();
        });
    }

    /** Puts a dead letter back on its shard's stream; the result is its new id, or null when there was no such entry. */
    public Future<String> replay(String deadLetterId) {
        Position at = parse(deadLetterId);
        if (at == null) {
            return Future.succeededFuture(null);
        }
        StreamNames.Shard shard = streams.shard(at.shard());
        return REPLAY.run(redis::send, List.of(shard.deadLetter(), shard.stream()), List.of(at.id()))
                .map(r -> r == null ? null : publicId(at.shard(), r.toString()));
    }

    /** Dead letters over all shards. */
    public Future<Long> size() {
        List<Future<Response>> lengths = streams.shards().stream()
                .map(s -> redis.send(Request.cmd(Command.XLEN).arg(s.deadLetter())))
                .toList();
        return Future.all(lengths)
                .map(done ->
                        lengths.stream().mapToLong(f -> f.result().toLong()).sum());
    }

    private StreamEntry publicEntry(Position p) {
        if (streams.size() == 1) {
            return p.entry();
        }
        Map<String, String> others = new HashMap<>(p.entry().others());
        others.computeIfPresent(DeadLetterCodec.ORIGINAL_ID, (k, v) -> publicId(p.shard(), v));
        return p.entry().with(publicId(p.shard(), p.id()), others);
    }

    private String publicId(int shard, String id) {
        return streams.size() == 1 ? id : shard + ":" + id;
    }

    /**
     * The place an id names in this layout; null when it names none: not of the form, a part past
     * 64 bits (a stream id is two unsigned 64-bit numbers), or a shard index past the shards.
     */
    private Position parse(String id) {
        if (id == null) {
            return null;
        }
        if (streams.size() == 1) {
            return STREAM_ID.matcher(id).matches() && inRange(id) ? new Position(0, id, null) : null;
        }
        Matcher m = SHARDED_ID.matcher(id);
        if (!m.matches() || !inRange(m.group(2))) {
            return null;
        }
        int shard = Integer.parseInt(m.group(1));
        return shard < streams.size() ? new Position(shard, m.group(2), null) : null;
    }

    /** Whether both parts of a stream id of digits fit in 64 unsigned bits, as Redis requires. */
    private static boolean inRange(String streamId) {
        int dash = streamId.indexOf('-');
        try {
            Long.parseUnsignedLong(streamId, 0, dash, 10);
            Long.parseUnsignedLong(streamId, dash + 1, streamId.length(), 10);
            return true;
        } catch (NumberFormatException tooLarge) {
            return false;
        }
    }

    /** A dead letter's place: shard and stream id (milliseconds-sequence). */
    private record Position(int shard, String id, StreamEntry entry) {
        long millis() {
            return Long.parseUnsignedLong(id.substring(0, id.indexOf('-')));
        }

        long seq() {
            return Long.parseUnsignedLong(id.substring(id.indexOf('-') + 1));
        }
    }
}
