package dev.inlet.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoredHeadersTest {

    private static Map<String, String> read(String storedHeaders) {
        return StoredHeaders.read(storedHeaders.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theStoredHeadersReadAsAMap() {
        Map<String, String> headers = read("{\"x-order\":\"o-17\",\"content-length\":12}");
        assertThat(headers).containsExactlyInAnyOrderEntriesOf(Map.of("x-order", "o-17", "content-length", "12"));
        assertThat(headers.get("x-order")).isEqualTo("o-17");
        assertThat(headers.get("missing")).isNull();
        assertThatThrownBy(() -> headers.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void unreadableStoredHeadersReadAsNone() {
        assertThat(read("not json")).isEmpty();
        assertThat(read("")).isEmpty();
    }

    @Test
    void whatTheWriterStoresReadsBackWithoutCredentials() {
        byte[] stored = new StoredHeaders.Writer()
                .write(MultiMap.caseInsensitiveMultiMap()
                        .add("X-Order", "o-\"17\"")
                        .add("Key", "secret")
                        .add("x-order", "second")
                        .add("Content-Type", "application/json"));
        assertThat(StoredHeaders.read(stored))
                .containsExactlyInAnyOrderEntriesOf(Map.of("x-order", "o-\"17\"", "content-type", "application/json"));
    }

    @Test
    void headersReadFromStoredBytesAreStoredAgainAsTheyWereAndOthersAsIngestWritesThem() {
        byte[] stored = "{\"b\":\"1\",\"a\":\"2\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(StoredHeaders.bytes(StoredHeaders.read(stored))).isSameAs(stored);
        assertThat(new String(StoredHeaders.bytes(Map.of("x-a", "1", "cookie", "c")), StandardCharsets.UTF_8))
                .isEqualTo("{\"x-a\":\"1\"}");
        assertThat(new String(StoredHeaders.bytes(Map.of()), StandardCharsets.UTF_8))
                .isEqualTo("{}");
    }
}
