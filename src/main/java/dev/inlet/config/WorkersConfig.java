package dev.inlet.config;

import java.time.Duration;

/**
 * Worker verticles of this process; {@code instances} 0 makes the process ingest-only. The last
 * three bound what flattening one event may produce (the variables package's FlattenLimits, which
 * also says what the defaults cost in heap).
 */
public record WorkersConfig(
        int instances,
        int batchSize,
        int maxAttempts,
        Duration claimIdle,
        Duration backoff,
        int maxVariables,
        int maxVariableChars,
        int maxNameLength) {
    /** {@code workers.maxVariables} when the config leaves it out. */
    public static final int DEFAULT_MAX_VARIABLES = 10_000;
    /** {@code workers.maxVariableChars} when the config leaves it out. */
    public static final int DEFAULT_MAX_VARIABLE_CHARS = 1024 * 1024;
    /** {@code workers.maxNameLength} when the config leaves it out. */
    public static final int DEFAULT_MAX_NAME_LENGTH = 1024;
}
