package dev.inlet.config;

import java.time.Duration;

/** Where an endpoint's idempotency key lives: a request {@code header} or a JsonPath {@code path} in the body. */
public record IdempotencyConfig(String header, String path, Duration window) {}
