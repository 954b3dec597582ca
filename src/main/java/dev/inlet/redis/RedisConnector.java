package dev.inlet.redis;

import dev.inlet.config.RedisConfig;
import dev.inlet.config.RedisMode;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.RedisRole;

/**
 * Builds Redis clients from {@link RedisConfig}. Ingest and workers each get clients of their own so
 * a blocking XREADGROUP never holds a connection the ingest path needs (see NOTES).
 */
public final class RedisConnector {
    private RedisConnector() {}

    /**
     * A pooled client. {@code url} is the resolved connection string (the embedded server's URL when
     * {@code redis.url} is {@code embedded}); in cluster and sentinel mode it may list several nodes,
     * comma-separated. In cluster mode the pool size is per node.
     */
    public static Redis create(Vertx vertx, RedisConfig config, String url, int poolSize) {
        return Redis.createClient(vertx, options(config, url, poolSize));
    }

    static RedisOptions options(RedisConfig config, String url, int poolSize) {
        RedisOptions options = new RedisOptions()
                .setType(
                        switch (config.mode()) {
                            case STANDALONE -> RedisClientType.STANDALONE;
                            case CLUSTER -> RedisClientType.CLUSTER;
                            case SENTINEL -> RedisClientType.SENTINEL;
                        })
                .setEndpoints(new java.util.ArrayList<>(RedisConfig.endpoints(url)))
                .setMaxPoolSize(poolSize)
                // Many requests may wait for a connection under load; failing them would turn load into 7005s.
                .setMaxPoolWaiting(4096)
                .setMaxWaitingHandlers(4096)
                .setPoolRecycleTimeout(15_000)
                .setNetClientOptions(new NetClientOptions()
                        .setConnectTimeout(
                                (int) Math.max(200, Math.min(config.timeout().toMillis(), 5_000)))
                        .setTcpNoDelay(true)
                        .setTcpKeepAlive(true));
        if (config.mode() == RedisMode.SENTINEL) {
            // The sentinels name the current master; every new connection asks them again after a failover.
            options.setMasterName(config.masterName()).setRole(RedisRole.MASTER);
        }
        return options;
    }
}
