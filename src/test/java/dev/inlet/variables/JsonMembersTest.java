package dev.inlet.variables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link JsonMembers#of}: the members of one JSON object as text, as stored headers are read. */
class JsonMembersTest {
    private static byte[] utf8(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void stringsAsTheirTextAndAnythingElseAsItsJsonInOrder() throws IOException {
        assertThat(JsonMembers.of(
                        utf8("{\"user-agent\":\"GitHub-Hookshot/1\",\"x\":\"a\\\"b\\u00e9 😀\",\"n\":1.50,\"t\":true,"
                                + "\"z\":null,\"list\":[\"a\",1],\"o\":{\"k\":\"v\"},\"e\":\"\"}")))
                .containsExactly(
                        entry("user-agent", "GitHub-Hookshot/1"),
                        entry("x", "a\"bé 😀"),
                        entry("n", "1.50"),
                        entry("t", "true"),
                        entry("z", "null"),
                        entry("list", "[\"a\",1]"),
                        entry("o", "{\"k\":\"v\"}"),
                        entry("e", ""));
    }

    @Test
    void aRepeatedNameComesEachTime() throws IOException {
        assertThat(JsonMembers.of(utf8("{\"a\":\"1\",\"a\":\"2\"}"))).containsExactly(entry("a", "1"), entry("a", "2"));
    }

    @Test
    void anythingButAnObjectHasNoMembers() throws IOException {
        assertThat(JsonMembers.of(utf8(""))).isEmpty();
        assertThat(JsonMembers.of(utf8("[\"a\"]"))).isEmpty();
        assertThat(JsonMembers.of(utf8("\"a\""))).isEmpty();
        assertThat(JsonMembers.of(utf8("{}"))).isEmpty();
        // What follows the object is not read.
        assertThat(JsonMembers.of(utf8("{\"a\":\"b\"} trailing"))).containsExactly(entry("a", "b"));
    }

    @Test
    void malformedJsonIsAnError() {
        assertThatThrownBy(() -> JsonMembers.of(utf8("{\"a\":\"b\""))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> JsonMembers.of(utf8("{\"a\":}"))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> JsonMembers.of(utf8("{\"a\":\"\\x\"}"))).isInstanceOf(IOException.class);
    }
}
