package dev.inlet.variables;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonFlattenerTest {

    private static Map<String, String> flatten(String json) {
        return JsonFlattener.flatten(json.getBytes(UTF_8));
    }

    @Test
    void nestedObjectsBecomeDotPaths() {
        assertThat(flatten("{\"data\":{\"attributes\":{\"title\":\"x\"}}}"))
                .containsExactly(entry("data.attributes.title", "x"));
    }

    @Test
    void arraysAreIndexedFromZero() {
        assertThat(flatten("{\"items\":[{\"sku\":\"A\"},{\"sku\":\"B\"}],\"tags\":[\"x\",[1,2]]}"))
                .containsExactly(
                        entry("items[0].sku", "A"),
                        entry("items[1].sku", "B"),
                        entry("tags[0]", "x"),
                        entry("tags[1][0]", "1"),
                        entry("tags[1][1]", "2"));
    }

    @Test
    void aTopLevelArrayStartsWithAnIndex() {
        assertThat(flatten("[{\"sku\":\"A\"},7]")).containsExactly(entry("[0].sku", "A"), entry("[1]", "7"));
    }

    @Test
    void scalarsAreTextWithNumbersExactlyAsWritten() {
        assertThat(flatten("{\"a\":1.50e+3,\"b\":-0,\"c\":1e999999999,\"d\":true,\"e\":false,"
                        + "\"f\":null,\"g\":\"say \\\"hi\\\"\\n\",\"h\":12345678901234567890123}"))
                .containsExactly(
                        entry("a", "1.50e+3"),
                        entry("b", "-0"),
                        entry("c", "1e999999999"),
                        entry("d", "true"),
                        entry("e", "false"),
                        entry("f", ""),
                        entry("g", "say \"hi\"\n"),
                        entry("h", "12345678901234567890123"));
    }

    @Test
    void emptyContainersAndTopLevelScalarsYieldNothing() {
        assertThat(flatten("{\"a\":{},\"b\":[],\"c\":1}")).containsExactly(entry("c", "1"));
        assertThat(flatten("{}")).isEmpty();
        assertThat(flatten("[]")).isEmpty();
        assertThat(flatten("\"alone\"")).isEmpty();
    }

    @Test
    void keysAreKeptVerbatimEvenWhenAmbiguous() {
        assertThat(flatten("{\"a.b\":1,\"c[0]\":2,\"\":3}"))
                .containsExactly(entry("a.b", "1"), entry("c[0]", "2"), entry("", "3"));
    }

    @Test
    void aRepeatedKeyKeepsItsFirstPositionAndLastValue() {
        assertThat(flatten("{\"a\":1,\"b\":2,\"a\":3}")).containsExactly(entry("a", "3"), entry("b", "2"));
    }

    @Test
    void resultIsUnmodifiable() {
        assertThatThrownBy(() -> flatten("{\"a\":1}").put("b", "2")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void malformedBodiesThrowWithASafeReason() {
        assertThatThrownBy(() -> flatten("{\"a\":"))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessageStartingWith("unexpected end of input");
        assertThatThrownBy(() -> flatten("")).isInstanceOf(MalformedPayloadException.class);
        assertThatThrownBy(() -> flatten("{} []"))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessage("content after the JSON value");
        assertThatThrownBy(() -> flatten("[".repeat(100_000)))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessageStartingWith("nesting deeper than 256");
    }
}
