package dev.inlet.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inlet.config.ConfigLoader;
import dev.inlet.config.RedisConfig;
import dev.inlet.redis.HashSlots;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StreamNamesTest {
    @Test
    void oneShardOutsideAClusterKeepsTheNamesOfEarlierVersions() {
        StreamNames names = StreamNames.of(new ConfigLoader(Map.of())
                .parse("redis: { stream: \"inlet:events\" }")
                .redis());
        assertThat(names.size()).isEqualTo(1);
        StreamNames.Shard s = names.shard(0);
        assertThat(s.stream()).isEqualTo("inlet:events");
        assertThat(s.deadLetter()).isEqualTo("inlet:events:dead");
        assertThat(s.attempts()).isEqualTo("inlet:events:attempts");
        assertThat(s.idempotencyKey("ep1", "ab12")).isEqualTo("inlet:idem:ep1:ab12");
        assertThat(names.forHash("ffffffff")).isSameAs(s);
    }

    @Test
    void clusterShardsHaveOneHashTagForAllTheirKeys() {
        StreamNames names = StreamNames.of("inlet:events", 3, true);
        assertThat(names.shards())
                .extracting(StreamNames.Shard::stream)
                .containsExactly("inlet:events:{0-12}", "inlet:events:{1-1}", "inlet:events:{2-13}");
        for (StreamNames.Shard s : names.shards()) {
            int slot = HashSlots.slot(s.stream());
            assertThat(HashSlots.slot(s.deadLetter())).isEqualTo(slot);
            assertThat(HashSlots.slot(s.attempts())).isEqualTo(slot);
            assertThat(HashSlots.slot(s.idempotencyKey("ep1", "0123abcd"))).isEqualTo(slot);
        }
        assertThat(names.shard(1).deadLetter()).isEqualTo("inlet:events:{1-1}:dead");
        assertThat(names.shard(1).idempotencyKey("ep1", "ab")).isEqualTo("inlet:idem:{1-1}:ep1:ab");
        // Cluster mode with one shard still tags, so the dead-letter script's keys share a slot.
        assertThat(StreamNames.of("inlet:events", 1, true).shard(0).stream()).isEqualTo("inlet:events:{0-1}");
    }

    @Test
    void nShardsLandInTheMiddleOfTheNEqualPartsOfTheSlotSpace() {
        for (int n = 1; n <= 64; n++) {
            StreamNames names = StreamNames.of("s", n, true);
            Set<String> tags = new HashSet<>();
            for (StreamNames.Shard s : names.shards()) {
                int slot = HashSlots.slot(s.stream());
                double part = (double) HashSlots.SLOTS / n;
                assertThat(slot)
                        .as("shard %d of %d", s.index(), n)
                        .isBetween((int) Math.floor((s.index() + 0.25) * part), (int)
                                Math.ceil((s.index() + 0.75) * part));
                tags.add(s.stream());
            }
            assertThat(tags).hasSize(n);
        }
    }

    @Test
    void anIdempotencyHashAlwaysPicksTheSameShardAndAllShardsGetSome() {
        StreamNames names = StreamNames.of("s", 3, true);
        Set<Integer> used = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String hash = String.format("%08x", i * 0x01234567);
            assertThat(names.forHash(hash)).isSameAs(names.forHash(hash));
            used.add(names.forHash(hash).index());
        }
        assertThat(used).containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void shardCountIsBounded() {
        assertThatThrownBy(() -> StreamNames.of("s", 0, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StreamNames.of("s", RedisConfig.MAX_SHARDS + 1, true))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
