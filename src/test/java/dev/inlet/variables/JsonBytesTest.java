package dev.inlet.variables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link JsonBytes}: numbers as {@link Long#toString} writes them, and the bytes around the JSON. */
class JsonBytesTest {
    @Test
    void numbersAreWrittenAsLongToStringWritesThem() {
        long[] values = {
            0,
            1,
            9,
            10,
            99,
            100,
            1234567890L,
            -1,
            -9,
            -10,
            -100,
            1_733_040_000_000L,
            Long.MAX_VALUE,
            Long.MIN_VALUE,
            Long.MIN_VALUE + 1,
            Integer.MAX_VALUE,
            Integer.MIN_VALUE
        };
        JsonBytes out = new JsonBytes(1);
        for (long v : values) {
            assertThat(new String(out.reset().number(v).toBytes(), StandardCharsets.US_ASCII))
                    .isEqualTo(Long.toString(v));
        }
        for (long v = 1; v > 0 && v < Long.MAX_VALUE / 3; v = v * 3 + 1) {
            assertThat(new String(
                            out.reset()
                                    .ascii("[")
                                    .number(v)
                                    .ascii(",")
                                    .number(-v)
                                    .ascii("]")
                                    .toBytes(),
                            StandardCharsets.US_ASCII))
                    .isEqualTo("[" + v + "," + -v + "]");
        }
    }

    @Test
    void aLengthWrittenLaterAroundRawBytesAndJson() {
        JsonBytes out = new JsonBytes(2);
        int at = out.skip(4);
        out.raw(new byte[] {1, 2, 3}).string("é\"");
        out.putInt(at, out.length() - at - 4);
        byte[] bytes = out.toBytes();
        assertThat(bytes).startsWith(0, 0, 0, 9, 1, 2, 3, '"');
        assertThat(new String(bytes, 7, 6, StandardCharsets.UTF_8)).isEqualTo("\"é\\\"\"");
        byte[] copy = new byte[5];
        out.copyTo(4, 3, copy, 1);
        assertThat(copy).containsExactly(0, 1, 2, 3, 0);
        assertThatThrownBy(() -> out.putInt(out.length() - 2, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> out.copyTo(10, 4, new byte[8], 0)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
