package dev.inlet.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.config.IdempotencyConfig;
import dev.inlet.config.PayloadFormat;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Idempotency keys are hashed from canonical, type-tagged JSON: distinct values never share a hash. */
class IdempotencyKeyTest {
    private static final IdempotencyKey ID_PATH =
            IdempotencyKey.of(new IdempotencyConfig(null, "$.id", Duration.ofHours(1)));
    private static final IdempotencyKey HEADER =
            IdempotencyKey.of(new IdempotencyConfig("X-Request-Id", null, Duration.ofHours(1)));
    private static final Function<String, String> NO_HEADERS = name -> null;

    private static String ofBody(String json) {
        return ID_PATH.hash(NO_HEADERS, json.getBytes(StandardCharsets.UTF_8), PayloadFormat.JSON);
    }

    private static String ofId(String idJson) {
        return ofBody("{\"id\":" + idJson + "}");
    }

    @ParameterizedTest(name = "{0} and {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "1001|\"1001\"",
                "{\"a\":1}|\"{a=1}\"",
                "{\"a\":1}|\"{\\\"a\\\":1}\"",
                "true|\"true\"",
                "[1,2]|\"[1, 2]\"",
                "[1,2]|[2,1]",
                "0.1|0.1000000000000000001",
                "12345678901234567890|12345678901234567891",
                "\"\\ud800\"|\"\\ud801\"",
                "\"\\ud800\"|\"?\"",
                "{\"a\":\"b\"}|{\"a\":[\"b\"]}",
                "\"a\\\"b\"|\"a\\\\\\\"b\""
            })
    void distinctValuesHaveDistinctHashes(String first, String second) {
        assertThat(ofId(first)).isNotNull().isNotEqualTo(ofId(second));
    }

    @ParameterizedTest(name = "{0} and {1}")
    @CsvSource(
            delimiter = '|',
            value = {"1|1.0", "100|1e2", "-0|0.000", "{\"a\":1,\"b\":2}|{ \"b\" : 2 , \"a\" : 1 }", "\"\\u00e9\"|\"é\""
            })
    void oneValueWrittenTwoWaysIsOneKey(String first, String second) {
        assertThat(ofId(first)).isNotNull().isEqualTo(ofId(second));
    }

    @Test
    void canonicalFormIsSortedQuotedAndNormalised() {
        assertThat(IdempotencyKey.canonical(
                        dev.inlet.variables.Parsers.jsonMapper().valueToTree(Map.of("b", 1.50, "a", "x\u0001"))))
                .isEqualTo("{\"a\":\"x\\u0001\",\"b\":1.5}");
        assertThat(IdempotencyKey.canonical("1001")).isEqualTo("\"1001\"");
    }

    @Test
    void aHeaderValueIsHashedAsAJsonStringLikeTheSameStringInABody() {
        String fromHeader = HEADER.hash(Map.of("X-Request-Id", "1001")::get, new byte[0], PayloadFormat.JSON);
        assertThat(fromHeader).isEqualTo(ofId("\"1001\"")).isNotEqualTo(ofId("1001"));
    }

    @Test
    void missingNullOrEmptyIsNoKey() {
        assertThat(ofBody("{}")).isNull();
        assertThat(ofId("null")).isNull();
        assertThat(ofId("\"\"")).isNull();
        assertThat(HEADER.hash(NO_HEADERS, new byte[0], PayloadFormat.JSON)).isNull();
        assertThat(HEADER.hash(Map.of("X-Request-Id", "")::get, new byte[0], PayloadFormat.JSON))
                .isNull();
        assertThat(ID_PATH.hash(NO_HEADERS, "<id>1</id>".getBytes(StandardCharsets.UTF_8), PayloadFormat.XML))
                .isNull();
    }

    @Test
    void aHeaderIsAlwaysFoundInlineAPathOnlyInSmallBodies() {
        assertThat(HEADER.inline(new byte[CheckPool.INLINE_LIMIT + 1])).isTrue();
        assertThat(ID_PATH.inline(new byte[CheckPool.INLINE_LIMIT])).isTrue();
        assertThat(ID_PATH.inline(new byte[CheckPool.INLINE_LIMIT + 1])).isFalse();
    }
}
