package dev.inlet.config;

import java.time.Duration;

/**
 * A transaction limit: a token bucket of {@code rate} events per {@code per} holding at most
 * {@code burst}, and/or a {@code daily} quota (UTC day). 0 means unlimited for that part.
 */
public record LimitConfig(long rate, Duration per, long burst, long daily) {
    public static final LimitConfig NONE = new LimitConfig(0, Duration.ofSeconds(1), 0, 0);

    public boolean unlimited() {
        return rate <= 0 && daily <= 0;
    }
}
