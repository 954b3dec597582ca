package dev.inlet.actions;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * The operators of a variable comparison. Ordering operators compare as numbers when both sides
 * are JSON-style numbers ({@code 1.0 == 1}), else as strings by UTF-16 code units. Every operator
 * takes time linear in its operands (numbers are parsed only up to 400 characters).
 */
enum ConditionOperator {
    EQUALS("=="),
    NOT_EQUALS("!="),
    GREATER_OR_EQUAL(">="),
    LESS_OR_EQUAL("<="),
    GREATER(">"),
    LESS("<"),
    CONTAINS("contains"),
    STARTS_WITH("startsWith");

    private static final Pattern NUMBER = Pattern.compile("-?(?:0|[1-9]\\d*)(?:\\.\\d+)?(?:[eE][+-]?\\d+)?");

    private final String symbol;

    ConditionOperator(String symbol) {
        this.symbol = symbol;
    }

    String symbol() {
        return symbol;
    }

    /** Whether the symbol is a word, which must stand apart from the operands. */
    boolean isWord() {
        return Character.isLetter(symbol.charAt(0));
    }

    boolean apply(String left, String right) {
        return switch (this) {
            case CONTAINS -> TextSearch.contains(left, right);
            case STARTS_WITH -> left.startsWith(right);
            default -> fromOrder(compare(left, right));
        };
    }

    private boolean fromOrder(int order) {
        return switch (this) {
            case EQUALS -> order == 0;
            case NOT_EQUALS -> order != 0;
            case GREATER_OR_EQUAL -> order >= 0;
            case LESS_OR_EQUAL -> order <= 0;
            case GREATER -> order > 0;
            case LESS -> order < 0;
            default -> throw new IllegalStateException(symbol + " is not an ordering");
        };
    }

    private static int compare(String left, String right) {
        BigDecimal a = number(left);
        BigDecimal b = a == null ? null : number(right);
        return b == null ? left.compareTo(right) : a.compareTo(b);
    }

    /** The number a text spells, or null; the pattern is checked first, exceptions are rare. */
    static BigDecimal number(String text) {
        if (text.isEmpty() || text.length() > 400 || !NUMBER.matcher(text).matches()) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException outOfRange) {
            return null;
        }
    }
}
