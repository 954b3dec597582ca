package dev.inlet.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The redis section: modes, node lists, shards and the sentinels' master name, with one line per problem. */
class RedisConfigTest {
    private static final ConfigLoader LOADER = new ConfigLoader(Map.of());

    private static java.util.List<String> problems(String yaml) {
        try {
            LOADER.parse(yaml);
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("expected the config to be refused");
    }

    @Test
    void defaultsAreOneShardAndMasterNameMymaster() {
        RedisConfig r = LOADER.parse("{}").redis();
        assertThat(r.shards()).isEqualTo(1);
        assertThat(r.masterName()).isEqualTo("mymaster");
        assertThat(r.mode()).isEqualTo(RedisMode.STANDALONE);
    }

    @Test
    void clusterAndSentinelTakeSeveralNodes() {
        RedisConfig cluster = LOADER.parse(
                        """
        redis: { url: "redis://h1:7000, redis://:secret@h2:7001,rediss://h3:7002", mode: cluster, shards: 3 }
        """)
                .redis();
        assertThat(RedisConfig.endpoints(cluster.url()))
                .containsExactly("redis://h1:7000", "redis://:secret@h2:7001", "rediss://h3:7002");
        assertThat(cluster.shards()).isEqualTo(3);
        assertThat(cluster.toString()).doesNotContain("secret");

        RedisConfig sentinel = LOADER.parse(
                        """
        redis: { url: "redis://s1:26379,redis://s2:26379", mode: sentinel, masterName: orders }
        """)
                .redis();
        assertThat(RedisConfig.endpoints(sentinel.url())).hasSize(2);
        assertThat(sentinel.masterName()).isEqualTo("orders");
    }

    @Test
    void eachProblemIsOneLineNamingTheKey() {
        assertThat(problems("redis: { url: \"redis://a:1,redis://b:2\" }"))
                .containsExactly("redis.url: lists 2 nodes; only mode cluster or sentinel takes several");
        assertThat(problems("redis: { mode: cluster }"))
                .containsExactly(
                        "redis.url: embedded Redis is standalone; with mode cluster set url to the cluster's nodes, "
                                + "e.g. redis://10.0.0.1:7000");
        assertThat(problems("redis: { url: \"redis://a:1,http://b:2\", mode: cluster }"))
                .containsExactly("redis.url: \"http://b:2\" is not embedded or a redis://, rediss:// or unix:// URL");
        assertThat(problems("redis: { url: \"unix:///tmp/r.sock\", mode: sentinel }"))
                .containsExactly("redis.url: \"unix:///tmp/r.sock\": unix sockets are for mode standalone only");
        assertThat(problems("redis: { url: \",\", mode: cluster }"))
                .containsExactly("redis.url: must name at least one Redis node");
        assertThat(problems("redis: { shards: 0 }")).singleElement().asString().startsWith("redis.shards: ");
        assertThat(problems("redis: { shards: 257 }"))
                .singleElement()
                .asString()
                .startsWith("redis.shards: ");
        assertThat(problems("redis: { shards: 2, stream: \"{inlet}:events\" }"))
                .containsExactly(
                        "redis.stream: \"{inlet}:events\" must not contain { or } in cluster mode or with shards > 1: "
                                + "Inlet adds a hash tag per shard itself");
        assertThat(problems("redis: { url: \"redis://s:26379\", mode: sentinel, masterName: \" \" }"))
                .containsExactly("redis.masterName: must name the master set the sentinels watch (default mymaster)");
    }

    @Test
    void oneShardOnStandaloneMayKeepABracedStreamName() {
        assertThat(LOADER.parse("redis: { stream: \"{inlet}:events\" }").redis().stream())
                .isEqualTo("{inlet}:events");
    }
}
