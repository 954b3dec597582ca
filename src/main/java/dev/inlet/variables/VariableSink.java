package dev.inlet.variables;

import dev.inlet.variables.FlattenLimits.Bound;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where every flattener puts variables, and the one place their {@link FlattenLimits} are applied:
 * a flattener asks {@link #fits} with the lengths before it builds a name or a value string, so
 * nothing past a bound is ever allocated. A variable that does not fit is left out and the rest of
 * the body still flattens; the bounds that left something out make the note of the result.
 * Not thread-safe: one per flattening.
 */
final class VariableSink {
    /**
     * Heap per variable besides its characters: a LinkedHashMap entry (40 bytes) and its table
     * slot (8), two Strings (24 each) and their arrays' headers (16 each), compressed oops.
     */
    static final long BYTES_PER_VARIABLE = 128;

    private final FlattenLimits limits;
    private final boolean values;
    private final Map<String, String> variables = new LinkedHashMap<>();
    private final Set<Bound> exceeded = EnumSet.noneOf(Bound.class);
    /** Notes on the body, fixed texts and configured names; a set: a repeated field notes the same. */
    private final Set<String> notes = new LinkedHashSet<>();

    private long chars;

    /** @param values false for a names-only walk: values are neither built nor counted */
    VariableSink(FlattenLimits limits, boolean values) {
        this.limits = limits;
        this.values = values;
    }

    FlattenLimits limits() {
        return limits;
    }

    /** Whether values are kept; a names-only walk stores {@code ""} for every value. */
    boolean keepsValues() {
        return values;
    }

    /**
     * Whether a variable with a name of {@code nameLength} and a value of {@code valueLength}
     * characters fits; when not, the bound it is over is recorded. A names-only walk counts names only.
     */
    boolean fits(int nameLength, int valueLength) {
        if (nameLength > limits.maxNameLength()) {
            return exceeded(Bound.NAME_LENGTH);
        }
        if (variables.size() >= limits.maxVariables()) {
            return exceeded(Bound.VARIABLES);
        }
        if (chars + nameLength + (values ? valueLength : 0) > limits.maxChars()) {
            return exceeded(Bound.CHARS);
        }
        return true;
    }

    /** Records that something was left out for {@code bound}; false, for callers to return. */
    boolean exceeded(Bound bound) {
        exceeded.add(bound);
        return false;
    }

    /** Notes something about the body that is not a limit; {@code note} must hold no payload text. */
    void note(String note) {
        notes.add(note);
    }

    /** Puts a variable that {@link #fits}; a repeated name keeps its first position and takes the new value. */
    void put(String name, String value) {
        String stored = values ? value : "";
        String old = variables.put(name, stored);
        chars += old == null ? name.length() + stored.length() : stored.length() - old.length();
    }

    Flattened result() {
        String note = null;
        if (!exceeded.isEmpty()) {
            note = "variables truncated at "
                    + exceeded.stream()
                            .map(b -> b.key() + " (" + b.of(limits) + ")")
                            .collect(Collectors.joining(", ")) + ": " + variables.size() + " kept";
        }
        return new Flattened(
                Collections.unmodifiableMap(variables),
                note,
                variables.size() * BYTES_PER_VARIABLE + 2 * chars,
                notes.isEmpty() ? null : String.join("; ", notes));
    }
}
