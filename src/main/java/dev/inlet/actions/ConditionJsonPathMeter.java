package dev.inlet.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.TypeRef;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import com.jayway.jsonpath.spi.mapper.MappingProvider;
import dev.inlet.variables.Parsers;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * What a JsonPath evaluation is charged: json-path reads the tree only through its
 * {@code JsonProvider} and converts values only through its {@code MappingProvider}, so each
 * evaluation gets its own pair, which spends the evaluation's {@link ConditionBudget} on every
 * node, key and text they touch.
 */
final class ConditionJsonPathMeter {
    private ConditionJsonPathMeter() {}

    /** A configuration for one evaluation, spending {@code budget}. */
    static Configuration configuration(ConditionBudget budget) {
        return Configuration.builder()
                .jsonProvider(new MeteredJsonProvider(budget))
                .mappingProvider(new MeteredMappingProvider(budget))
                .build();
    }

    /**
     * Jackson's node provider, spending a step on every read and write and on every text's length.
     * json-path also builds the path of every value it reaches, copying the path of its container
     * (a value under eight nested 4,000-character keys has a 32,000-character path): each read is
     * charged the length of that path too, tracked for the containers whose path is long.
     */
    private static final class MeteredJsonProvider extends JacksonJsonNodeJsonProvider {
        /** Paths up to this long cost about as much as the step already charged for reaching them. */
        private static final int LONG_PATH = 256;
        /** The steps charged for starting the evaluation of a path, besides the values it reaches. */
        private static final int EVALUATION_STEPS = 4;

        private final ConditionBudget budget;
        private final Map<Object, Integer> longPaths = new IdentityHashMap<>();

        MeteredJsonProvider(ConditionBudget budget) {
            super(Parsers.jsonMapper());
            this.budget = budget;
        }

        @Override
        public Object parse(String json) {
            budget.chargeText(json.length());
            return super.parse(json);
        }

        @Override
        public String toJson(Object obj) {
            chargeTree(obj, budget);
            return super.toJson(obj);
        }

        @Override
        public Object createArray() {
            // json-path creates two for every path it evaluates, one per item a filter tests.
            budget.charge(EVALUATION_STEPS);
            return super.createArray();
        }

        @Override
        public Object createMap() {
            budget.charge(1);
            return super.createMap();
        }

        @Override
        public Object unwrap(Object o) {
            if (o instanceof JsonNode node && node.isTextual()) {
                budget.chargeText(node.textValue().length());
            } else {
                budget.charge(1);
            }
            return super.unwrap(o);
        }

        @Override
        public Object getArrayIndex(Object obj, int idx) {
            return reached(obj, 2 + String.valueOf(idx).length(), super.getArrayIndex(obj, idx));
        }

        @Override
        public void setArrayIndex(Object array, int index, Object newValue) {
            // json-path collects each result with its path, a string.
            budget.chargeText(newValue instanceof String text ? text.length() : 0);
            super.setArrayIndex(array, index, newValue);
        }

        @Override
        public Object getMapValue(Object obj, String key) {
            return reached(obj, 4 + key.length(), super.getMapValue(obj, key));
        }

        /** Charges the path json-path built to a child: its container's, plus {@code segment}. */
        private Object reached(Object container, int segment, Object child) {
            int length = longPaths.getOrDefault(container, 0) + segment;
            budget.chargeText(length);
            if (length > LONG_PATH && child instanceof ContainerNode<?>) {
                longPaths.merge(child, length, Math::max);
            }
            return child;
        }

        @Override
        public void setProperty(Object obj, Object key, Object value) {
            budget.charge(1);
            super.setProperty(obj, key, value);
        }

        @Override
        public void removeProperty(Object obj, Object key) {
            budget.charge(1);
            super.removeProperty(obj, key);
        }

        @Override
        public Collection<String> getPropertyKeys(Object obj) {
            budget.charge(1 + (obj instanceof JsonNode node ? node.size() : 0));
            return super.getPropertyKeys(obj);
        }

        @Override
        public int length(Object obj) {
            budget.charge(1);
            return super.length(obj);
        }

        @Override
        public Iterable<?> toIterable(Object obj) {
            budget.charge(1);
            Iterable<?> elements = super.toIterable(obj);
            return () -> {
                Iterator<?> each = elements.iterator();
                return new Iterator<Object>() {
                    private int index;

                    @Override
                    public boolean hasNext() {
                        return each.hasNext();
                    }

                    @Override
                    public Object next() {
                        // A deep scan builds each element's path as getArrayIndex does.
                        return reached(obj, 2 + String.valueOf(index++).length(), each.next());
                    }
                };
            };
        }
    }

    /**
     * Jackson's mapping provider, spending a step on every node it converts, before converting, and
     * {@value #CONVERSION_STEPS} for the conversion itself (Jackson's convertValue takes some
     * microseconds even for a small value).
     */
    private static final class MeteredMappingProvider implements MappingProvider {
        private static final int CONVERSION_STEPS = 200;

        private final MappingProvider jackson = new JacksonMappingProvider(Parsers.jsonMapper());
        private final ConditionBudget budget;

        MeteredMappingProvider(ConditionBudget budget) {
            this.budget = budget;
        }

        @Override
        public <T> T map(Object source, Class<T> targetType, Configuration configuration) {
            budget.charge(CONVERSION_STEPS);
            chargeTree(source, budget);
            return jackson.map(source, targetType, configuration);
        }

        @Override
        public <T> T map(Object source, TypeRef<T> targetType, Configuration configuration) {
            budget.charge(CONVERSION_STEPS);
            chargeTree(source, budget);
            return jackson.map(source, targetType, configuration);
        }
    }

    /** Spends a step per node of a Jackson tree and per field name, and the length of every text. */
    private static void chargeTree(Object value, ConditionBudget budget) {
        if (!(value instanceof JsonNode root)) {
            budget.charge(1);
            return;
        }
        Deque<JsonNode> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            JsonNode node = pending.pop();
            if (node.isTextual()) {
                budget.chargeText(node.textValue().length());
            } else if (node.isObject()) {
                budget.charge(1);
                for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    budget.chargeText(field.getKey().length());
                    pending.push(field.getValue());
                }
            } else {
                budget.charge(1);
                node.elements().forEachRemaining(pending::push);
            }
        }
    }
}
