package dev.inlet.actions;

import dev.inlet.variables.Payload;
import dev.inlet.variables.Template;
import java.util.Map;

/**
 * {@code $name op literal} or {@code $name op $other} over the payload's variables; false when
 * a variable is missing.
 */
final class ConditionComparison implements Condition {

    private final String expression;
    private final String variable;
    private final ConditionOperator operator;
    private final String literal;
    private final String otherVariable;

    private ConditionComparison(
            String expression, String variable, ConditionOperator operator, String literal, String otherVariable) {
        this.expression = expression;
        this.variable = variable;
        this.operator = operator;
        this.literal = literal;
        this.otherVariable = otherVariable;
    }

    static ConditionComparison compile(String expression) {
        return new Parser(expression).parse();
    }

    @Override
    public boolean test(Payload payload, ConditionBudget budget) {
        Map<String, String> variables = payload.variables();
        String left = variables.get(variable);
        String right = otherVariable == null ? literal : variables.get(otherVariable);
        if (left == null || right == null) {
            return false;
        }
        // Every operator is linear in its operands: the steps are their characters.
        budget.chargeText(left.length() + right.length());
        return operator.apply(left, right);
    }

    @Override
    public String toString() {
        return expression;
    }

    /** A hand-written scanner: the grammar is three tokens, a regex would hide the errors. */
    private static final class Parser {

        private final String text;
        private int at;

        Parser(String text) {
            this.text = text;
        }

        ConditionComparison parse() {
            String variable = name();
            skipSpaces();
            ConditionOperator operator = operator();
            skipSpaces();
            if (at == text.length()) {
                throw fail("a value is missing after " + operator.symbol());
            }
            char first = text.charAt(at);
            if (first == '$') {
                String other = name();
                requireEnd();
                return new ConditionComparison(text, variable, operator, null, other);
            }
            String literal = first == '\'' || first == '"' ? quoted(first) : number();
            requireEnd();
            return new ConditionComparison(text, variable, operator, literal, null);
        }

        private String name() {
            at++;
            int start = at;
            while (at < text.length() && Template.isNameChar(text.charAt(at))) {
                at++;
            }
            if (at == start) {
                throw fail("a variable name must follow $");
            }
            return text.substring(start, at);
        }

        private ConditionOperator operator() {
            for (ConditionOperator operator : ConditionOperator.values()) {
                String symbol = operator.symbol();
                if (text.startsWith(symbol, at)) {
                    int end = at + symbol.length();
                    if (operator.isWord() && (end == text.length() || Character.isLetterOrDigit(text.charAt(end)))) {
                        continue;
                    }
                    at = end;
                    return operator;
                }
            }
            throw fail("expected an operator (== != > >= < <= contains startsWith) at column " + (at + 1));
        }

        private String quoted(char quote) {
            int close = text.indexOf(quote, at + 1);
            if (close < 0) {
                throw fail("the quoted value has no closing " + quote);
            }
            String value = text.substring(at + 1, close);
            at = close + 1;
            return value;
        }

        private String number() {
            int start = at;
            while (at < text.length() && !Character.isWhitespace(text.charAt(at))) {
                at++;
            }
            String value = text.substring(start, at);
            if (ConditionOperator.number(value) == null) {
                throw fail("the value " + value + " is neither quoted ('text') nor a number; " + "quote it: '" + value
                        + "'");
            }
            return value;
        }

        private void skipSpaces() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        private void requireEnd() {
            skipSpaces();
            if (at < text.length()) {
                throw fail("unexpected text after the value at column " + (at + 1));
            }
        }

        private IllegalArgumentException fail(String problem) {
            return new IllegalArgumentException("condition \"" + text + "\": " + problem);
        }
    }
}
