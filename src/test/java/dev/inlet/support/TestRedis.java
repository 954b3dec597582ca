package dev.inlet.support;

import dev.inlet.redis.EmbeddedRedis;

/**
 * The Redis the tests talk to: {@code REDIS_URL} when set, else one embedded redis-server per JVM,
 * started on first use and stopped when the JVM exits. Tests keep apart by using their own stream
 * and key names.
 */
public final class TestRedis {
    private static EmbeddedRedis shared;

    private TestRedis() {}

    public static synchronized String url() {
        String external = System.getenv("REDIS_URL");
        if (external != null && !external.isBlank()) {
            return external;
        }
        if (shared == null) {
            shared = EmbeddedRedis.start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
        }
        return shared.url();
    }
}
