package dev.inlet.config;

import java.time.Duration;

/** Worker verticles of this process; {@code instances} 0 makes the process ingest-only. */
public record WorkersConfig(int instances, int batchSize, int maxAttempts, Duration claimIdle, Duration backoff) {}
