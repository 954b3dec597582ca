package dev.inlet.actions;

/**
 * How much work one evaluation of a condition may do, in steps: every node or value a JsonPath or
 * an XPath visits, every string value it reads, every character a comparison scans (a step per
 * {@value #CHARS_PER_STEP} of them). The count is deterministic, unlike a clock: the same condition
 * on the same payload spends the same steps wherever and whenever it runs, so a condition over its
 * budget would be over it on every retry.
 *
 * <p>Not thread-safe: one per evaluation, on the thread that evaluates.
 */
public final class ConditionBudget {

    /**
     * The budget of a condition tested on a payload thread. Linear conditions over bodies of a few
     * MiB fit with room to spare: filters and sums over every node of 3.6 MB of XML (120,000 nodes)
     * or 3.2 MB of JSON spend at most 670,000 steps. Spending it all took 25–60 ms of CPU over such
     * bodies (about 145 ms over 11 MB, where every node is a cache miss); the quadratic XPath of a
     * hostile 256 KiB body, which took 13–16 s, runs out of it in about 25 ms.
     */
    public static final long FULL_STEPS = 1_500_000;

    /**
     * The budget of a condition tested on the event loop (bodies up to 16 KiB): about 0.2 ms of
     * work. A condition that needs more is tested again, from the start, with the full budget on a
     * payload thread.
     */
    public static final long INLINE_STEPS = 10_000;

    /** Characters read, copied or compared per step. */
    public static final int CHARS_PER_STEP = 16;

    private final long steps;
    private long left;

    private ConditionBudget(long steps) {
        this.steps = steps;
        this.left = steps;
    }

    /** A fresh budget of {@link #FULL_STEPS}. */
    public static ConditionBudget full() {
        return new ConditionBudget(FULL_STEPS);
    }

    /** A fresh budget of {@link #INLINE_STEPS}. */
    public static ConditionBudget inline() {
        return new ConditionBudget(INLINE_STEPS);
    }

    /** A fresh budget of any size, for measurements. */
    static ConditionBudget of(long steps) {
        return new ConditionBudget(steps);
    }

    /** The size of this budget. */
    public long steps() {
        return steps;
    }

    /** The steps spent so far. */
    public long spent() {
        return steps - Math.max(0, left);
    }

    /**
     * Spends {@code count} steps.
     *
     * @throws ConditionBudgetExceeded when fewer were left
     */
    public void charge(long count) {
        left -= count;
        if (left < 0) {
            throw new ConditionBudgetExceeded(steps);
        }
    }

    /** Spends a step for a value plus a step per {@link #CHARS_PER_STEP} characters of it. */
    public void chargeText(int length) {
        charge(1 + length / CHARS_PER_STEP);
    }
}
