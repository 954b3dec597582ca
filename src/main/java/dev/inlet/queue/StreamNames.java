package dev.inlet.queue;

import dev.inlet.config.RedisConfig;
import dev.inlet.config.RedisMode;
import dev.inlet.redis.HashSlots;
import java.util.ArrayList;
import java.util.List;

/**
 * Every Redis key name of the event stream, derived in this one place from {@code redis.stream},
 * {@code redis.shards} and {@code redis.mode}. The stream is split into shards; each shard has its
 * own stream, dead-letter stream, attempts hash and idempotency keys.
 *
 * <ul>
 *   <li>One shard, not in cluster mode: the names of earlier versions, so existing data stays in use:
 *       {@code <stream>}, {@code <stream>:dead}, {@code <stream>:attempts},
 *       {@code inlet:idem:<endpoint>:<hash>}.</li>
 *   <li>Cluster mode, or more than one shard: shard i's keys share a hash tag {@code {i-k}}, so every
 *       script of a shard runs in one slot: {@code <stream>:{i-k}}, {@code <stream>:{i-k}:dead},
 *       {@code <stream>:{i-k}:attempts}, {@code inlet:idem:{i-k}:<endpoint>:<hash>}. k is the smallest
 *       number that puts the tag's slot in the middle half of the i-th of {@code shards} equal parts
 *       of the slot space, so with as many shards as masters (slots split evenly, as
 *       {@code redis-cli --cluster create} does) each master holds one shard.</li>
 * </ul>
 * Changing {@code redis.shards} renames the shards: drain the stream first.
 */
public final class StreamNames {
    /** The consumer group all workers of one Inlet share, on every shard. */
    public static final String GROUP = "inlet-workers";

    private final List<Shard> shards;

    private StreamNames(List<Shard> shards) {
        this.shards = List.copyOf(shards);
    }

    /** The layout {@code redis} configures. */
    public static StreamNames of(RedisConfig redis) {
        return of(redis.stream(), redis.shards(), redis.mode() == RedisMode.CLUSTER);
    }

    /** One shard with the names of earlier versions (standalone or Sentinel). */
    public static StreamNames single(String stream) {
        return of(stream, 1, false);
    }

    static StreamNames of(String stream, int shards, boolean cluster) {
        if (shards < 1 || shards > RedisConfig.MAX_SHARDS) {
            throw new IllegalArgumentException("shards must be from 1 to " + RedisConfig.MAX_SHARDS + ": " + shards);
        }
        if (shards == 1 && !cluster) {
            return new StreamNames(
                    List.of(new Shard(0, stream, stream + ":dead", stream + ":attempts", "inlet:idem:")));
        }
        List<Shard> out = new ArrayList<>(shards);
        for (int i = 0; i < shards; i++) {
            String tag = "{" + tag(i, shards) + "}";
            String s = stream + ":" + tag;
            out.add(new Shard(i, s, s + ":dead", s + ":attempts", "inlet:idem:" + tag + ":"));
        }
        return new StreamNames(out);
    }

    /** {@code i-k} with the smallest k whose slot lies in the middle half of the i-th part of the slot space. */
    static String tag(int i, int shards) {
        double part = (double) HashSlots.SLOTS / shards;
        int from = (int) Math.floor((i + 0.25) * part);
        int to = (int) Math.ceil((i + 0.75) * part);
        for (int k = 0; ; k++) {
            String tag = i + "-" + k;
            int slot = HashSlots.slot(tag);
            if (slot >= from && slot < to) {
                return tag;
            }
        }
    }

    public List<Shard> shards() {
        return shards;
    }

    public Shard shard(int index) {
        return shards.get(index);
    }

    public int size() {
        return shards.size();
    }

    /**
     * The shard of an event with an idempotency key, from the key's hash (hex), so repeats of one key
     * always meet in the same shard and are deduplicated there.
     */
    public Shard forHash(String hexHash) {
        if (shards.size() == 1) {
            return shards.get(0);
        }
        long head = Long.parseLong(hexHash.substring(0, Math.min(8, hexHash.length())), 16);
        return shards.get((int) (head % shards.size()));
    }

    /**
     * One shard's keys; all of them hash to the same cluster slot in cluster mode.
     *
     * @param idempotencyPrefix prefix of the keys that remember idempotency values
     */
    public record Shard(int index, String stream, String deadLetter, String attempts, String idempotencyPrefix) {
        /** The key remembering an idempotency value (its SHA-256, hex) of an endpoint, in this shard's slot. */
        public String idempotencyKey(String endpoint, String hexHash) {
            return idempotencyPrefix + endpoint + ":" + hexHash;
        }
    }
}
