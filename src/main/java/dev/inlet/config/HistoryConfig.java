package dev.inlet.config;

import java.time.Duration;

/**
 * What an endpoint keeps of its requests ({@code history}; server-wide default under {@code
 * server.history}): at most {@code keep} records, none older than {@code age} ({@code for} in
 * YAML), each with at most {@code maxBodyBytes} of its body (the rest counted, not kept). Refused
 * requests and handshakes are recorded at most {@code refusalsPerSecond} a second per endpoint and
 * process; those past it are counted. {@link #OFF} keeps nothing.
 */
public record HistoryConfig(boolean enabled, long keep, Duration age, long maxBodyBytes, long refusalsPerSecond) {
    /** On and modest: about 1,000 × (body ≤ 16 KiB + ~1 KiB) per endpoint at most. */
    public static final HistoryConfig DEFAULT = new HistoryConfig(true, 1_000, Duration.ofDays(3), 16 * 1024, 10);

    public static final HistoryConfig OFF = new HistoryConfig(false, 0, Duration.ZERO, 0, 0);

    /** Most records an endpoint may keep. */
    public static final long MAX_KEEP = 1_000_000;

    /** Most body bytes a record may keep. */
    public static final long MAX_BODY_BYTES = 1024 * 1024;
}
