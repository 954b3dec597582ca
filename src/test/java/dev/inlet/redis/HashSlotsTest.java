package dev.inlet.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Vectors from the Redis Cluster specification and CLUSTER KEYSLOT. */
class HashSlotsTest {
    @Test
    void crc16IsXmodem() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(HashSlots.crc16(check, 0, check.length)).isEqualTo(0x31C3);
    }

    @Test
    void slotsOfPlainKeys() {
        assertThat(HashSlots.slot("foo")).isEqualTo(12182);
        assertThat(HashSlots.slot("bar")).isEqualTo(5061);
        assertThat(HashSlots.slot("hello")).isEqualTo(866);
    }

    @Test
    void aHashTagDecidesTheSlot() {
        assertThat(HashSlots.slot("{user1000}.following")).isEqualTo(HashSlots.slot("user1000"));
        assertThat(HashSlots.slot("{user1000}.followers")).isEqualTo(HashSlots.slot("{user1000}.following"));
        // Only the first pair counts; an empty pair is no tag; an unclosed brace is part of the key.
        byte[] whole = "foo{}{bar}".getBytes(StandardCharsets.US_ASCII);
        assertThat(HashSlots.slot("foo{}{bar}")).isEqualTo(HashSlots.crc16(whole, 0, whole.length) % HashSlots.SLOTS);
        assertThat(HashSlots.slot("foo{{bar}}zap")).isEqualTo(HashSlots.slot("{bar"));
        assertThat(HashSlots.slot("foo{bar}{zap}")).isEqualTo(HashSlots.slot("bar"));
        assertThat(HashSlots.hasHashTag("a{b}c")).isTrue();
        assertThat(HashSlots.hasHashTag("a{}c")).isFalse();
        assertThat(HashSlots.hasHashTag("a{bc")).isFalse();
    }
}
