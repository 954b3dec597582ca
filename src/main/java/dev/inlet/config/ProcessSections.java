package dev.inlet.config;

import java.time.Duration;
import java.util.List;

/**
 * The sections that say how this process runs ({@code server}, {@code admin}, {@code redis},
 * {@code workers}), read from their nodes with their defaults; problems are recorded on the node.
 */
final class ProcessSections {
    private ProcessSections() {}

    static ServerConfig server(ConfigNode n) {
        int port = (int) n.integer("port", 8080, 0, 65535);
        String host = n.string("host", "0.0.0.0");
        long maxBody = n.size("maxBodySize", 256 * 1024);
        List<String> proxies = n.cidrs("trustedProxies");
        Duration idle = n.duration("idleTimeout", Duration.ofSeconds(30));
        long bodyMemory = n.size("maxBodyMemory", 0);
        String forwardedName = n.string("forwardedHeader", ForwardedHeader.X_FORWARDED_FOR.configName());
        ForwardedHeader forwarded = ForwardedHeader.named(forwardedName);
        if (forwarded == null) {
            if (forwardedName != null) {
                n.problem(
                        "forwardedHeader",
                        "\"" + forwardedName + "\" is not one of x-forwarded-for, forwarded: "
                                + "name the header your proxy writes");
            }
            forwarded = ForwardedHeader.X_FORWARDED_FOR;
        }
        HistoryConfig history = HistorySection.read(n, "history", HistoryConfig.DEFAULT);
        n.rejectUnknown();
        return new ServerConfig(port, host, maxBody, List.copyOf(proxies), idle, bodyMemory, forwarded, history);
    }

    /** The first value of {@code key} that is not a CIDR range, if any, is a problem. */
    static AdminConfig admin(ConfigNode n) {
        String token = n.string("token", "");
        n.rejectUnknown();
        return new AdminConfig(token);
    }

    static RedisConfig redis(ConfigNode n) {
        String url = n.string("url", "embedded");
        RedisMode mode = n.choice("mode", RedisMode.class, RedisMode.STANDALONE);
        redisUrl(n, url, mode);
        String stream = n.string("stream", "inlet:events");
        long maxLength = n.integer("maxLength", 1_000_000, 0, Long.MAX_VALUE);
        Duration timeout = n.duration("timeout", Duration.ofSeconds(2));
        int pool = (int) n.integer("poolSize", 8, 1, 1024);
        int shards = (int) n.integer("shards", 1, 1, RedisConfig.MAX_SHARDS);
        String masterName = n.string("masterName", "mymaster");
        if (masterName != null && masterName.isBlank()) {
            n.problem("masterName", "must name the master set the sentinels watch (default mymaster)");
        }
        if (stream != null
                && (shards > 1 || mode == RedisMode.CLUSTER)
                && (stream.contains("{") || stream.contains("}"))) {
            n.problem(
                    "stream",
                    "\"" + stream + "\" must not contain { or } in cluster mode or with shards > 1: "
                            + "Inlet adds a hash tag per shard itself");
        }
        n.rejectUnknown();
        return new RedisConfig(url, mode, stream, maxLength, timeout, pool, shards, masterName);
    }

    /** One URL, or in cluster and sentinel mode a comma-separated list of nodes; embedded is standalone only. */
    static void redisUrl(ConfigNode n, String url, RedisMode mode) {
        if (url == null || mode == null) {
            return;
        }
        if (url.equals("embedded")) {
            if (mode != RedisMode.STANDALONE) {
                n.problem(
                        "url",
                        "embedded Redis is standalone; with mode " + mode.name().toLowerCase(java.util.Locale.ROOT)
                                + " set url to the " + (mode == RedisMode.CLUSTER ? "cluster's nodes" : "sentinels")
                                + ", e.g. redis://10.0.0.1:" + (mode == RedisMode.CLUSTER ? "7000" : "26379"));
            }
            return;
        }
        List<String> urls = RedisConfig.endpoints(url);
        if (urls.size() > 1 && mode == RedisMode.STANDALONE) {
            n.problem("url", "lists " + urls.size() + " nodes; only mode cluster or sentinel takes several");
        }
        for (String u : urls) {
            boolean unix = u.startsWith("unix://");
            if (!u.startsWith("redis://") && !u.startsWith("rediss://") && !unix) {
                n.problem(
                        "url",
                        "\"" + RedisConfig.redact(u) + "\" is not embedded or a redis://, rediss:// or unix:// URL");
            } else if (unix && mode != RedisMode.STANDALONE) {
                n.problem("url", "\"" + RedisConfig.redact(u) + "\": unix sockets are for mode standalone only");
            }
        }
        if (urls.isEmpty()) {
            n.problem("url", "must name at least one Redis node");
        }
    }

    static WorkersConfig workers(ConfigNode n) {
        // Each worker verticle runs its events on one event loop at a time: two per core keep the cores
        // busy while others wait on Redis.
        int instances = (int)
                n.integer("instances", Math.min(256, 2 * Runtime.getRuntime().availableProcessors()), 0, 256);
        int batch = (int) n.integer("batchSize", 64, 1, 10_000);
        int attempts = (int) n.integer("maxAttempts", 5, 1, 1000);
        Duration claimIdle = n.duration("claimIdle", Duration.ofSeconds(30));
        Duration backoff = n.duration("backoff", Duration.ofSeconds(1));
        // Per event; the defaults are far above real webhooks and cost ~3.3 MiB of heap at most (FlattenLimits).
        int maxVariables = (int) n.integer("maxVariables", WorkersConfig.DEFAULT_MAX_VARIABLES, 1, 1_000_000);
        int maxVariableChars =
                (int) n.integer("maxVariableChars", WorkersConfig.DEFAULT_MAX_VARIABLE_CHARS, 1, 64 * 1024 * 1024);
        int maxNameLength = (int) n.integer("maxNameLength", WorkersConfig.DEFAULT_MAX_NAME_LENGTH, 1, 64 * 1024);
        n.rejectUnknown();
        return new WorkersConfig(
                instances, batch, attempts, claimIdle, backoff, maxVariables, maxVariableChars, maxNameLength);
    }
}
