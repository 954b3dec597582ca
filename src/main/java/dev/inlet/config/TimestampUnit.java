package dev.inlet.config;

/** How a signed timestamp is written: Unix seconds, Unix milliseconds, or ISO-8601 / RFC 3339 text. */
public enum TimestampUnit {
    SECONDS,
    MILLISECONDS,
    ISO8601
}
