package dev.inlet.variables;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Whatever the limits, a bounded flattening keeps a subset of the unbounded one, names and values
 * unchanged, within every bound, and notes a truncation exactly when it left something out; a
 * names-only walk names the same variables.
 */
class BoundedFlatteningProperties {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final FlattenLimits UNBOUNDED =
            new FlattenLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);

    @Property(tries = 300)
    void jsonWithinLimitsIsASubsetOfTheWhole(
            @ForAll("json") String json,
            @ForAll @IntRange(min = 1, max = 12) int variables,
            @ForAll @IntRange(min = 1, max = 120) int chars,
            @ForAll @IntRange(min = 1, max = 16) int name) {
        byte[] body = json.getBytes(UTF_8);
        FlattenLimits limits = new FlattenLimits(variables, chars, name);
        check(JsonFlattener.flatten(body, UNBOUNDED), JsonFlattener.flatten(body, limits), limits);
        assertThat(JsonFlattener.names(body, UNBOUNDED).variables().keySet())
                .containsExactlyElementsOf(
                        JsonFlattener.flatten(body, UNBOUNDED).variables().keySet());
    }

    @Property(tries = 300)
    void xmlWithinLimitsIsASubsetOfTheWhole(
            @ForAll("xml") String xml,
            @ForAll @IntRange(min = 1, max = 12) int variables,
            @ForAll @IntRange(min = 1, max = 120) int chars,
            @ForAll @IntRange(min = 1, max = 16) int name) {
        byte[] body = xml.getBytes(UTF_8);
        FlattenLimits limits = new FlattenLimits(variables, chars, name);
        check(XmlFlattener.flatten(body, UNBOUNDED), XmlFlattener.flatten(body, limits), limits);
        assertThat(XmlFlattener.names(body, UNBOUNDED).variables().keySet())
                .containsExactlyElementsOf(
                        XmlFlattener.flatten(body, UNBOUNDED).variables().keySet());
    }

    private static void check(Flattened whole, Flattened bounded, FlattenLimits limits) {
        assertThat(whole.truncated()).isNull();
        Map<String, String> kept = bounded.variables();
        assertThat(whole.variables()).containsAllEntriesOf(kept);
        assertThat(kept.size()).isLessThanOrEqualTo(limits.maxVariables());
        assertThat(kept.keySet()).allMatch(n -> n.length() <= limits.maxNameLength());
        assertThat(kept.entrySet().stream()
                        .mapToLong(e -> e.getKey().length() + e.getValue().length())
                        .sum())
                .isLessThanOrEqualTo(limits.maxChars());
        assertThat(bounded.isTruncated())
                .as(bounded.truncated())
                .isEqualTo(kept.size() < whole.variables().size());
        // Kept variables stay in document order.
        List<String> order =
                whole.variables().keySet().stream().filter(kept::containsKey).toList();
        assertThat(kept.keySet()).containsExactlyElementsOf(order);
    }

    @Provide
    Arbitrary<String> json() {
        return jsonValue(3).map(v -> {
            try {
                return MAPPER.writeValueAsString(v);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private Arbitrary<Object> jsonValue(int depth) {
        Arbitrary<Object> scalar = Arbitraries.oneOf(
                Arbitraries.strings().alpha().ofMaxLength(10).map(Object.class::cast),
                Arbitraries.integers().between(0, 1000).map(Object.class::cast));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<String> keys =
                Arbitraries.strings().withCharRange('a', 'd').ofMinLength(1).ofMaxLength(5);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, scalar),
                net.jqwik.api.Tuple.of(
                        1,
                        Arbitraries.maps(keys, Arbitraries.lazy(() -> jsonValue(depth - 1)))
                                .ofMaxSize(4)
                                .map(Object.class::cast)),
                net.jqwik.api.Tuple.of(
                        1,
                        Arbitraries.lazy(() -> jsonValue(depth - 1))
                                .list()
                                .ofMaxSize(12)
                                .map(Object.class::cast)));
    }

    @Provide
    Arbitrary<String> xml() {
        return element(3).map(e -> e);
    }

    private Arbitrary<String> element(int depth) {
        Arbitrary<String> name = Arbitraries.of("a", "b", "cc", "ddd");
        Arbitrary<String> attributes =
                Arbitraries.of("", " x=\"1\"", " y=\"two\"", " x=\"\" y=\"" + "w".repeat(20) + "\"");
        Arbitrary<String> text = Arbitraries.of("", " ", "t", " u v ", "x".repeat(30));
        Arbitrary<List<String>> children = depth == 0
                ? Arbitraries.just(List.of())
                : Arbitraries.lazy(() -> element(depth - 1)).list().ofMaxSize(5);
        return Combinators.combine(name, attributes, text, children, text)
                .as((n, a, t, c, tail) -> "<" + n + a + ">" + t + String.join("\n  ", c) + tail + "</" + n + ">");
    }
}
