package dev.inlet.variables;

import dev.inlet.config.WorkersConfig;

/**
 * What flattening one event may produce at most: variables, characters of names and values
 * together, and characters of one name. A sender controls all three (a 64 KiB body of nested long
 * keys would otherwise name gigabytes), so each event is cut to them; what does not fit is left
 * out and {@link Flattened#truncated()} says so.
 *
 * <p>The defaults are far above real webhooks (a GitHub push or a Shopify order has a few hundred
 * variables, names under 200 characters) and bound an event's variables to about 3.3 MiB of heap:
 * 10,000 × ~128 bytes of map entries and strings plus 1 Mi characters at 2 bytes.
 *
 * @param maxVariables variables kept per event ({@code workers.maxVariables})
 * @param maxChars characters of names and values together per event ({@code workers.maxVariableChars})
 * @param maxNameLength characters of one variable name ({@code workers.maxNameLength})
 */
public record FlattenLimits(int maxVariables, int maxChars, int maxNameLength) {
    /** The limits of a {@code workers} section that sets none of them. */
    public static final FlattenLimits DEFAULT = new FlattenLimits(
            WorkersConfig.DEFAULT_MAX_VARIABLES,
            WorkersConfig.DEFAULT_MAX_VARIABLE_CHARS,
            WorkersConfig.DEFAULT_MAX_NAME_LENGTH);

    public FlattenLimits {
        if (maxVariables < 1 || maxChars < 1 || maxNameLength < 1) {
            throw new IllegalArgumentException(
                    "flatten limits must be positive: " + maxVariables + ", " + maxChars + ", " + maxNameLength);
        }
    }

    /** The limits the {@code workers} section configures. */
    public static FlattenLimits of(WorkersConfig workers) {
        return new FlattenLimits(workers.maxVariables(), workers.maxVariableChars(), workers.maxNameLength());
    }

    /** One of the limits, by the config key that sets it. */
    public enum Bound {
        VARIABLES("workers.maxVariables"),
        CHARS("workers.maxVariableChars"),
        NAME_LENGTH("workers.maxNameLength");

        private final String key;

        Bound(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        int of(FlattenLimits limits) {
            return switch (this) {
                case VARIABLES -> limits.maxVariables();
                case CHARS -> limits.maxChars();
                case NAME_LENGTH -> limits.maxNameLength();
            };
        }
    }
}
