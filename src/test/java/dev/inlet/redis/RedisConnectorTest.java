package dev.inlet.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.config.ConfigLoader;
import dev.inlet.config.RedisConfig;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.RedisRole;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Client options per mode: every listed node becomes an endpoint; sentinel asks for the named master. */
class RedisConnectorTest {
    private static RedisConfig redis(String yaml) {
        return new ConfigLoader(Map.of()).parse(yaml).redis();
    }

    @Test
    void sentinelClientsAskTheSentinelsForTheNamedMaster() {
        RedisConfig config = redis(
                "redis: { url: \"redis://10.0.0.1:26379,redis://10.0.0.2:26379\", mode: sentinel, masterName: orders }");
        RedisOptions options = RedisConnector.options(config, config.url(), 3);
        assertThat(options.getType()).isEqualTo(RedisClientType.SENTINEL);
        assertThat(options.getEndpoints()).containsExactly("redis://10.0.0.1:26379", "redis://10.0.0.2:26379");
        assertThat(options.getMasterName()).isEqualTo("orders");
        assertThat(options.getRole()).isEqualTo(RedisRole.MASTER);
        assertThat(options.getPoolOptions().getMaxSize()).isEqualTo(3);
        Vertx vertx = Vertx.vertx();
        try {
            Redis client = RedisConnector.create(vertx, config, config.url(), 3);
            assertThat(client).isNotNull();
            client.close();
        } finally {
            vertx.close();
        }
    }

    @Test
    void clusterClientsKnowEveryNode() {
        RedisConfig config = redis("redis: { url: \"redis://h1:7000,redis://h2:7001\", mode: cluster, shards: 2 }");
        RedisOptions options = RedisConnector.options(config, config.url(), 8);
        assertThat(options.getType()).isEqualTo(RedisClientType.CLUSTER);
        assertThat(options.getEndpoints()).containsExactly("redis://h1:7000", "redis://h2:7001");
    }

    @Test
    void standaloneKeepsItsOneUrl() {
        RedisConfig config = redis("redis: { url: \"redis://user:pw@h1:6380/2\" }");
        RedisOptions options = RedisConnector.options(config, config.url(), 8);
        assertThat(options.getType()).isEqualTo(RedisClientType.STANDALONE);
        assertThat(options.getEndpoints()).containsExactly("redis://user:pw@h1:6380/2");
    }
}
