package dev.inlet.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.JsonPathException;
import com.jayway.jsonpath.TypeRef;
import com.jayway.jsonpath.spi.cache.CacheProvider;
import com.jayway.jsonpath.spi.cache.NOOPCache;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import com.jayway.jsonpath.spi.mapper.MappingProvider;
import dev.inlet.config.PayloadFormat;
import dev.inlet.variables.Parsers;
import dev.inlet.variables.Payload;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A JsonPath condition, evaluated on the payload's Jackson tree so the body is parsed once.
 *
 * <p>json-path reads the tree only through its {@code JsonProvider} and converts values only
 * through its {@code MappingProvider}: each evaluation gets its own pair, which spends the
 * evaluation's {@link ConditionBudget} on every node, key and text they touch. json-path catches no
 * exception of ours (2.9.0: its catch blocks name {@code PathNotFoundException},
 * {@code InvalidPathException} and exceptions of its own compilers), so a budget that runs out stops
 * the evaluation. Two things json-path does outside the providers cannot be counted, so they are
 * refused at start-up: a regular expression ({@code =~}, whose backtracking on a hostile text has
 * no bound) and {@code contains}, {@code anyof}, {@code noneof} or {@code subsetof} between two
 * values of the payload (their time is the product of the two sizes).
 */
final class ConditionJsonPath implements Condition {

    /** Filter operators whose cost is the product of their operands' sizes (json-path ignores their case). */
    private static final Set<String> PRODUCT_OPERATORS = Set.of("CONTAINS", "ANYOF", "NONEOF", "SUBSETOF");

    static {
        // We compile every path ourselves, so json-path's LRU path cache is useless to us, and its
        // lock is contended under load. setCache fails if the cache was already set or used
        // elsewhere, in which case that choice stands.
        try {
            CacheProvider.setCache(new NOOPCache());
        } catch (JsonPathException alreadyConfigured) {
            // Kept as is: nothing of ours goes through the cache.
        }
    }

    private final String expression;
    private final JsonPath path;

    private ConditionJsonPath(String expression, JsonPath path) {
        this.expression = expression;
        this.path = path;
    }

    static ConditionJsonPath compile(String expression) {
        JsonPath path;
        try {
            path = JsonPath.compile(expression);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(
                    "condition \"" + expression + "\": invalid JsonPath: " + e.getMessage(), e);
        }
        refuseUnbounded(expression);
        return new ConditionJsonPath(expression, path);
    }

    @Override
    public boolean test(Payload payload, ConditionBudget budget) {
        if (payload.format() != PayloadFormat.JSON) {
            return false;
        }
        JsonNode document = payload.jsonDocument();
        Configuration metered = Configuration.builder()
                .jsonProvider(new MeteredJsonProvider(budget))
                .mappingProvider(new MeteredMappingProvider(budget))
                .build();
        try {
            return matches(path.read(document, metered));
        } catch (JsonPathException e) {
            // A path that is missing or does not fit this payload's shape simply does not match.
            return false;
        }
    }

    private static boolean matches(Object result) {
        if (result instanceof JsonNode node) {
            if (node.isArray()) {
                return !node.isEmpty();
            }
            if (node.isBoolean()) {
                return node.booleanValue();
            }
            return !node.isNull() && !node.isMissingNode();
        }
        if (result instanceof Collection<?> list) {
            return !list.isEmpty();
        }
        return result != null && !Boolean.FALSE.equals(result);
    }

    /**
     * Refuses what the providers cannot count, reading the filters as json-path does: a word
     * operator stands between spaces, a literal is quoted or a number or a list, anything starting
     * with {@code @} or {@code $} is a path into the payload.
     */
    private static void refuseUnbounded(String expression) {
        List<String> tokens = new ArrayList<>();
        int at = 0;
        while (at < expression.length()) {
            if (Character.isWhitespace(expression.charAt(at))) {
                at++;
                continue;
            }
            int start = at;
            while (at < expression.length() && !Character.isWhitespace(expression.charAt(at))) {
                if (expression.startsWith("=~", at)) {
                    throw new IllegalArgumentException("condition \"" + expression + "\": a regular "
                            + "expression (=~) is not allowed: its time on a hostile text has no bound; "
                            + "match with ==, in or contains, or compare variables ($name startsWith 'x')");
                }
                at = skipQuoted(expression, at) + 1;
            }
            tokens.add(expression.substring(start, Math.min(at, expression.length())));
        }
        for (int i = 1; i + 1 < tokens.size(); i++) {
            String operator = tokens.get(i).toUpperCase(Locale.ROOT);
            if (PRODUCT_OPERATORS.contains(operator)
                    && isPath(operand(tokens.get(i - 1)))
                    && isPath(operand(tokens.get(i + 1)))) {
                throw new IllegalArgumentException("condition \"" + expression + "\": "
                        + operator.toLowerCase(Locale.ROOT) + " between two values of the payload takes "
                        + "time proportional to the product of their sizes; compare one with a literal");
            }
        }
    }

    /** The index of the closing quote when a quoted literal starts at {@code at}, else {@code at}. */
    private static int skipQuoted(String text, int at) {
        char quote = text.charAt(at);
        if (quote != '\'' && quote != '"') {
            return at;
        }
        int i = at + 1;
        while (i < text.length() && text.charAt(i) != quote) {
            i += text.charAt(i) == '\\' ? 2 : 1;
        }
        return i;
    }

    /**
     * The operand a token ends or starts with: what follows the last parenthesis that opens a
     * filter or a group (not a function's, which follows a name) and any negation.
     */
    private static String operand(String token) {
        int start = 0;
        for (int i = 0; i < token.length(); i = skipQuoted(token, i) + 1) {
            char c = token.charAt(i);
            if (c == '!' || c == '(' && (i == 0 || !Character.isLetterOrDigit(token.charAt(i - 1)))) {
                start = i + 1;
            }
        }
        return token.substring(Math.min(start, token.length()));
    }

    private static boolean isPath(String operand) {
        return operand.startsWith("@") || operand.startsWith("$");
    }

    @Override
    public String toString() {
        return expression;
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
