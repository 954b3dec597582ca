package dev.inlet.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Redis settings. {@code url} is {@code embedded} (start a bundled redis-server on a free port) or
 * a redis:// / rediss:// URL; in cluster and sentinel mode a comma-separated list of nodes (cluster
 * nodes, or the sentinels). {@code timeout} bounds every ingest-side command: past it the sender
 * gets 7005. {@code shards} splits the event stream (see {@code queue.StreamNames}); {@code masterName}
 * is the master set the sentinels watch.
 */
public record RedisConfig(
        String url,
        RedisMode mode,
        String stream,
        long maxLength,
        Duration timeout,
        int poolSize,
        int shards,
        String masterName) {
    /** The most shards {@code redis.shards} may ask for. */
    public static final int MAX_SHARDS = 256;

    public boolean embedded() {
        return "embedded".equals(url);
    }

    /** Splits a comma-separated list of URLs. */
    public static List<String> endpoints(String url) {
        return Arrays.stream(url.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** A URL with its credentials replaced by {@code ***}, for logs and errors. */
    public static String redact(String url) {
        return url.replaceAll("//[^@/,]*@", "//***@");
    }

    @Override
    public String toString() {
        return "RedisConfig[url=" + redact(url) + ", mode=" + mode + ", stream=" + stream
                + ", maxLength=" + maxLength + ", timeout=" + timeout + ", poolSize=" + poolSize + ", shards=" + shards
                + ", masterName=" + masterName + "]";
    }
}
