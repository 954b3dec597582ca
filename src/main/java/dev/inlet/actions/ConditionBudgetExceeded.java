package dev.inlet.actions;

import java.util.Locale;

/**
 * A condition needed more steps than its {@link ConditionBudget}. Unchecked, so it passes through
 * the JsonPath and XPath engines, neither of which catches it. Without a stack trace: it is an
 * outcome, thrown whenever a condition on a small body moves off the event loop.
 */
public final class ConditionBudgetExceeded extends RuntimeException {

    ConditionBudgetExceeded(long steps) {
        super(String.format(Locale.ROOT, "exceeded its budget of %,d steps", steps), null, false, false);
    }
}
