package dev.inlet.variables;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** Flattening loses nothing but scalar types when keys are unambiguous and containers full. */
class JsonFlattenerProperties {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Property(tries = 300)
    void flattenThenRebuildGivesTheInputTree(@ForAll("objects") ObjectNode input) throws Exception {
        byte[] body = MAPPER.writeValueAsBytes(input);
        assertThat(PayloadSyntax.checkJson(body)).isEmpty();
        Map<String, String> variables = JsonFlattener.flatten(body);

        assertThat(rebuild(variables)).isEqualTo(asText(input));
    }

    @Provide
    Arbitrary<ObjectNode> objects() {
        return object(3);
    }

    private Arbitrary<JsonNode> value(int depth) {
        if (depth == 0) {
            return scalar();
        }
        return Arbitraries.frequencyOf(
                Tuple.of(3, scalar()),
                Tuple.of(1, object(depth - 1).map(JsonNode.class::cast)),
                Tuple.of(1, array(depth - 1).map(JsonNode.class::cast)));
    }

    private Arbitrary<ObjectNode> object(int depth) {
        Arbitrary<String> keys =
                Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(6);
        return Arbitraries.maps(keys, Arbitraries.lazy(() -> value(depth)))
                .ofMinSize(1)
                .ofMaxSize(4)
                .map(members -> {
                    ObjectNode node = NODES.objectNode();
                    members.forEach(node::set);
                    return node;
                });
    }

    private Arbitrary<ArrayNode> array(int depth) {
        return Arbitraries.lazy(() -> value(depth))
                .list()
                .ofMinSize(1)
                .ofMaxSize(4)
                .map(elements -> NODES.arrayNode().addAll(elements));
    }

    private Arbitrary<JsonNode> scalar() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12).map(NODES::textNode),
                Arbitraries.longs().map(NODES::numberNode),
                Arbitraries.bigDecimals()
                        .between(new BigDecimal("-1e12"), new BigDecimal("1e12"))
                        .ofScale(3)
                        .map(NODES::numberNode),
                Arbitraries.of(true, false).map(NODES::booleanNode),
                Arbitraries.just(NODES.nullNode()));
    }

    /** The input as flattening sees it: every scalar as its text, null as "". */
    private static JsonNode asText(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = NODES.objectNode();
            node.fields().forEachRemaining(e -> copy.set(e.getKey(), asText(e.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = NODES.arrayNode();
            node.forEach(element -> copy.add(asText(element)));
            return copy;
        }
        if (node.isNull()) {
            return NODES.textNode("");
        }
        return NODES.textNode(node.isTextual() ? node.textValue() : written(node));
    }

    private static String written(JsonNode scalar) {
        BigDecimal decimal = scalar.isBigDecimal() ? scalar.decimalValue() : null;
        return decimal != null ? decimal.toString() : scalar.toString();
    }

    /** Test-only inverse of flattening for names made of letters, digits, dots and indexes. */
    static JsonNode rebuild(Map<String, String> variables) {
        ObjectNode root = NODES.objectNode();
        variables.forEach((name, value) -> put(root, segments(name), value));
        return root;
    }

    private static List<String> segments(String name) {
        return List.of(name.replace("[", ".[").split("\\."));
    }

    private static void put(JsonNode root, List<String> segments, String value) {
        JsonNode container = root;
        Iterator<String> it = segments.iterator();
        String segment = it.next();
        while (it.hasNext()) {
            String next = it.next();
            JsonNode child = get(container, segment);
            if (child == null) {
                child = next.startsWith("[") ? NODES.arrayNode() : NODES.objectNode();
                set(container, segment, child);
            }
            container = child;
            segment = next;
        }
        set(container, segment, NODES.textNode(value));
    }

    private static JsonNode get(JsonNode container, String segment) {
        return segment.startsWith("[") ? container.get(index(segment)) : container.get(segment);
    }

    private static void set(JsonNode container, String segment, JsonNode child) {
        if (segment.startsWith("[")) {
            ArrayNode array = (ArrayNode) container;
            assertThat(index(segment)).as("indexes arrive in order").isEqualTo(array.size());
            array.add(child);
        } else {
            ((ObjectNode) container).set(segment, child);
        }
    }

    private static int index(String segment) {
        return Integer.parseInt(segment.substring(1, segment.length() - 1));
    }
}
