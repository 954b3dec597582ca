package dev.inlet.config;

import java.time.Duration;

/**
 * Worker verticles of this process; {@code instances} 0 makes the process ingest-only. The last
 * three bound what flattening one event may produce (see {@code dev.inlet.variables.FlattenLimits}).
 */
public record WorkersConfig(int instances, int batchSize, int maxAttempts, Duration claimIdle, Duration backoff,
    int maxVariables, int maxVariableChars, int maxNameLength) {}
