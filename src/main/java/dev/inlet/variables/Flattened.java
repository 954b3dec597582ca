package dev.inlet.variables;

import java.util.Map;

/**
 * The variables of one body, as far as its {@link FlattenLimits} allowed.
 *
 * @param variables in document order, unmodifiable; from a names-only walk every value is {@code ""}
 * @param truncated null when every variable fit; else a note naming the bounds that cut it and how
 *     many variables were kept, e.g. {@code variables truncated at workers.maxNameLength (1024): 12 kept}.
 *     It holds no payload text, so it may be logged.
 * @param heapBytes an upper estimate of the heap the variables hold, map entries and strings
 * @param notes null, or what else the flattening noted about the body, without payload text: a
 *     field of the endpoint's {@code jsonFields} that did not hold JSON and kept its text, e.g.
 *     {@code jsonFields payload: not JSON, kept as text}
 */
public record Flattened(Map<String, String> variables, String truncated, long heapBytes, String notes) {

    /** Variables without notes. */
    public Flattened(Map<String, String> variables, String truncated, long heapBytes) {
        this(variables, truncated, heapBytes, null);
    }

    /** Whether some variables were left out. */
    public boolean isTruncated() {
        return truncated != null;
    }
}
