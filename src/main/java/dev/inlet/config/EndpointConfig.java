package dev.inlet.config;

import java.util.List;

/**
 * One receiving endpoint. {@code signature}, {@code idempotency} and {@code answer} (null: the
 * default answer) may be null; lists are never null; {@code history} is never null ({@link
 * HistoryConfig#OFF} when off).
 */
public record EndpointConfig(
        String id,
        String service,
        AuthMode auth,
        PayloadFormat format,
        List<String> jsonFields,
        long maxBodySize,
        List<String> allowIps,
        LimitConfig limit,
        SignatureConfig signature,
        IdempotencyConfig idempotency,
        List<String> flows,
        List<String> rules,
        AnswerConfig answer,
        HistoryConfig history) {}
