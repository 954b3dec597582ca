package dev.inlet.queue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which strings name a dead letter: a stream id of two unsigned 64-bit parts, and a shard that exists. */
class DeadLetterIdsTest {
    private static final DeadLetters ONE_SHARD = new DeadLetters(null, StreamNames.single("s"));
    private static final DeadLetters THREE_SHARDS = new DeadLetters(null, StreamNames.of("s", 3, false));

    @ParameterizedTest
    @ValueSource(strings = {"0-0", "1718000000000-0", "18446744073709551615-18446744073709551615"})
    void streamIdsWithinRangeAreIds(String id) {
        assertThat(ONE_SHARD.isId(id)).isTrue();
        assertThat(THREE_SHARDS.isId("2:" + id)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "99999999999999999999-0",
                "18446744073709551616-0",
                "1-18446744073709551616",
                "1",
                "-1-0",
                "1-0-0",
                "a-0",
                "",
                "0:1-0"
            })
    void outOfRangeOrMalformedIsNoIdWithOneShard(String id) {
        assertThat(ONE_SHARD.isId(id)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "3:1-0",
                "999:1-0",
                "1000:1-0",
                "0:99999999999999999999-0",
                "1:1-18446744073709551616",
                "1-0",
                ":1-0"
            })
    void aShardPastTheShardsOrAPartPast64BitsIsNoId(String id) {
        assertThat(THREE_SHARDS.isId(id)).isFalse();
    }
}
