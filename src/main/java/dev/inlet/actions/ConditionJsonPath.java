package dev.inlet.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.JsonPathException;
import com.jayway.jsonpath.spi.cache.CacheProvider;
import com.jayway.jsonpath.spi.cache.NOOPCache;
import dev.inlet.variables.Payload;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A JsonPath condition, evaluated on the payload's Jackson tree (a form or multipart payload's JSON
 * view) so the body is parsed once.
 *
 * <p>Each evaluation reads the tree through its own {@link ConditionJsonPathMeter}, which spends the
 * evaluation's {@link ConditionBudget} on every node, key and text it touches. json-path catches no
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
        if (!payload.hasJsonDocument()) {
            return false;
        }
        JsonNode document = payload.jsonDocument();
        Configuration metered = ConditionJsonPathMeter.configuration(budget);
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
}
