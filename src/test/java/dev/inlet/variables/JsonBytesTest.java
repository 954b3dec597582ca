package dev.inlet.variables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
    void stringsPlainOrNotAreWrittenAsEscapeUtf8WritesThem() throws Exception {
        String[] values = {
            "", "shop", "/v1/webhooks/5be1c1f0a7d94a1c8e2b3c4d5e6f7a8b", "a\"b", "back\\slash", "tab\there", "\u0000",
            "\u001f", "del\u007f", "caf\u00e9", "\u20ac", "\ud83d\ude00", "lone \ud83d",
                    "~ !#$%&'()*+,-./:;<=>?@[]^_`{|}"
        };
        JsonBytes out = new JsonBytes(1);
        for (String v : values) {
            byte[] expected = new byte[2 + v.length() * JsonText.MAX_BYTES_PER_CHAR];
            expected[0] = '"';
            int end = JsonText.escapeUtf8(v, false, expected, 1);
            expected[end] = '"';
            byte[] written = out.reset().string(v).toBytes();
            assertThat(written).as(v).isEqualTo(Arrays.copyOf(expected, end + 1));
            if (!v.contains("\ud83d ") && !v.endsWith("\ud83d")) {
                assertThat(new ObjectMapper().readValue(written, String.class)).isEqualTo(v);
            }
        }
        assertThat(new String(out.reset().ascii("{\"at\":").number(5).ascii("}").toBytes(), StandardCharsets.US_ASCII))
                .isEqualTo("{\"at\":5}");
    }

    @Test
    void fixedDecimalsAreWrittenAsBigDecimalPrintsThem() {
        long[] values = {0, 1, 7, 999, 1000, 1235, 12_000, 123_456_789, -1, -1235, Long.MAX_VALUE, Long.MIN_VALUE};
        for (int places = 1; places <= 9; places++) {
            for (long v : values) {
                JsonBytes out = new JsonBytes(1);
                out.fixed(v, places);
                assertThat(new String(out.toBytes(), StandardCharsets.US_ASCII))
                        .as("%d at %d places", v, places)
                        .isEqualTo(java.math.BigDecimal.valueOf(v, places).toPlainString());
            }
        }
        assertThatThrownBy(() -> new JsonBytes(1).fixed(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JsonBytes(1).fixed(1, 10)).isInstanceOf(IllegalArgumentException.class);
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
