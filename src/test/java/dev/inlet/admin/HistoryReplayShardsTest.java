package dev.inlet.admin;

import static dev.inlet.support.SyncRedis.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.Inlet;
import dev.inlet.config.ConfigLoader;
import dev.inlet.history.HistoryKeys;
import dev.inlet.history.HistoryRecord;
import dev.inlet.ingest.Transids;
import dev.inlet.queue.EventFields;
import dev.inlet.queue.StreamEntry;
import dev.inlet.queue.StreamEntryCodec;
import dev.inlet.queue.StreamNames;
import dev.inlet.support.Http;
import dev.inlet.support.SyncRedis;
import dev.inlet.support.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Replay with several shards: every replay of an endpoint goes to one shard's stream, in order. */
@ExtendWith(VertxExtension.class)
class HistoryReplayShardsTest {
    static final String TOKEN = "s3cret-admin-token";
    static final String EP = "e0000000000000000000000000000001";

    @Test
    void replaysOfAnEndpointGoToOneShardOldestFirst(Vertx vertx) {
        String stream = "test:history-shards:" + UUID.randomUUID();
        Inlet inlet = Inlet.start(new ConfigLoader(Map.of())
                .parse(
                        """
        server: { port: 0, host: 127.0.0.1 }
        admin: { token: %s }
        redis: { url: "%s", stream: "%s", shards: 3 }
        workers: { instances: 0 }
        services: [{ id: shop }]
        endpoints:
          - { id: %s, service: shop, auth: none, format: json }
        """
                                .formatted(TOKEN, TestRedis.url(), stream, EP)));
        try (SyncRedis redis = SyncRedis.open()) {
            HistoryKeys keys = HistoryKeys.of(stream);
            List<String> transids = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String t = Transids.next();
                transids.add(t);
                redis.send(HistoryRecord.append(
                        keys.records(EP),
                        100,
                        List.of(new HistoryRecord(
                                null,
                                System.currentTimeMillis(),
                                "shop",
                                "198.51.100.7",
                                "",
                                "POST",
                                "/v1/webhooks/" + EP,
                                "",
                                "{}".getBytes(StandardCharsets.UTF_8),
                                ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8),
                                7,
                                "json",
                                1002,
                                202,
                                t,
                                1,
                                ""))));
            }
            HttpResponse<Buffer> res = await(new Http(vertx, inlet.port())
                    .send(
                            HttpMethod.POST,
                            "/v1/endpoints/" + EP + "/events/replay",
                            Http.headers("Authorization", "Bearer " + TOKEN),
                            null));
            assertThat(res.statusCode()).as(res.bodyAsString()).isEqualTo(200);
            assertThat(res.bodyAsJsonObject().getJsonArray("replayed")).hasSize(4);
            List<List<String>> perShard = new ArrayList<>();
            for (StreamNames.Shard shard :
                    StreamNames.of(inlet.config().redis()).shards()) {
                List<String> replayed = new ArrayList<>();
                for (StreamEntry e : StreamEntryCodec.readAll(redis.send(
                        Request.cmd(Command.XRANGE).arg(shard.stream()).arg("-").arg("+")))) {
                    assertThat(e.others()).containsKey(EventFields.REPLAY_OF);
                    replayed.add(e.transid());
                }
                perShard.add(replayed);
            }
            assertThat(perShard)
                    .containsOnlyOnce(transids)
                    .filteredOn(List::isEmpty)
                    .hasSize(2);
        } finally {
            inlet.stop();
        }
    }
}
