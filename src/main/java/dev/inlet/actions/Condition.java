package dev.inlet.actions;

import dev.inlet.config.PayloadFormat;
import dev.inlet.variables.Payload;
import java.util.Objects;

/**
 * A predicate over one event's payload, as written in a rule or a flow step, compiled once at
 * start-up and then tested on many payloads from many threads.
 *
 * <p>Three forms, told apart by how the expression starts:
 * <ul>
 *   <li>{@code $.} or {@code $[}: a JsonPath, e.g. {@code $.data[?(@.amount > 100)]}. True when
 *       the result is a non-empty list or a scalar other than null and false; a path that is not
 *       there is false. On a form or multipart payload it runs over the JSON view of its fields
 *       ({@link Payload#jsonDocument()}). False on an XML payload. Regular expressions ({@code =~}) and
 *       {@code contains}, {@code anyof}, {@code noneof}, {@code subsetof} between two paths are
 *       refused: no budget can count their time.</li>
 *   <li>{@code $name}: a comparison of variables, {@code $name op literal} or
 *       {@code $name op $other}, with op one of {@code == != > >= < <= contains startsWith}.
 *       Literals are quoted ({@code 'x'}, {@code "x"}, no escapes) or bare numbers. Both sides
 *       compare as numbers when both parse as JSON-style numbers, else as strings. A missing
 *       variable makes the comparison false, whatever the operator. Works on every format.</li>
 *   <li>anything else: an XPath 1.0 expression, e.g. {@code count(/order/item) > 1}, evaluated
 *       as XPath {@code boolean()} (a node-set is true when non-empty), by Jaxen with the XPath 1.0
 *       core function library only. No namespace prefixes or variables are bound: match prefixed
 *       names with {@code *[local-name()='Body']}. False on a JSON, form or multipart payload.</li>
 * </ul>
 *
 * <p>An endpoint's format decides what compiles: a JSON, form or multipart endpoint refuses XPath,
 * an XML endpoint refuses JsonPath, and an AUTO endpoint accepts both, each simply false on a
 * payload it cannot read.
 *
 * <p>Every evaluation runs with a {@link ConditionBudget}: the work it may do, counted in steps
 * (nodes visited, values and characters read). A condition that needs more fails with
 * {@link ConditionBudgetExceeded}, the same way wherever and however often it runs.
 */
public interface Condition {

    /**
     * Whether the payload satisfies the condition, spending at most the budget.
     *
     * @throws dev.inlet.variables.MalformedPayloadException when the body is not well-formed
     * @throws ConditionBudgetExceeded when the evaluation needs more steps than the budget has
     */
    boolean test(Payload payload, ConditionBudget budget);

    /** {@link #test(Payload, ConditionBudget)} with a {@linkplain ConditionBudget#full() full budget}. */
    default boolean test(Payload payload) {
        return test(payload, ConditionBudget.full());
    }

    /**
     * Compiles a condition for an endpoint of the given format.
     *
     * @throws IllegalArgumentException naming the expression and the problem, for start-up
     *     validation
     */
    static Condition compile(String expression, PayloadFormat format) {
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(format, "format");
        String text = expression.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException(
                    "condition is empty: write a JsonPath ($.a.b), " + "an XPath (/a/b) or a comparison ($a.b == 'x')");
        }
        if (text.startsWith("$.") || text.startsWith("$[")) {
            if (format == PayloadFormat.XML) {
                throw new IllegalArgumentException(
                        "condition \"" + text + "\": a JsonPath cannot match an XML endpoint; use an XPath");
            }
            return ConditionJsonPath.compile(text);
        }
        if (text.startsWith("$")) {
            return ConditionComparison.compile(text);
        }
        if (format != PayloadFormat.XML && format != PayloadFormat.AUTO) {
            throw new IllegalArgumentException("condition \"" + text + "\": is neither a JsonPath "
                    + "($. or $[) nor a comparison ($name op value), and an XPath cannot match "
                    + "a " + format.name() + " endpoint");
        }
        return ConditionXPath.compile(text);
    }
}
