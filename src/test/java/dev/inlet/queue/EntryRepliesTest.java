package dev.inlet.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.support.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.ProtocolVersion;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A consumer's reads and claims give the same entries whichever protocol the server speaks. */
@ExtendWith(VertxExtension.class)
class EntryRepliesTest {

    @ParameterizedTest
    @EnumSource(
            value = ProtocolVersion.class,
            names = {"RESP2", "RESP3"})
    void readsAndClaimsGiveTheEntries(ProtocolVersion protocol, Vertx vertx, VertxTestContext ctx) {
        Redis redis = Redis.createClient(
                vertx, new RedisOptions().setConnectionString(TestRedis.url()).setPreferredProtocolVersion(protocol));
        String stream = "test:replies:" + UUID.randomUUID();
        GroupReader reader = new GroupReader(redis, stream, "c-0");
        Claims claims = new Claims(redis, stream, "c-1");
        ConsumerGroup.ensure(redis, stream)
                .compose(v -> redis.send(Request.cmd(Command.XADD)
                        .arg(stream)
                        .arg("1-1")
                        .arg(EventFields.TRANSID)
                        .arg("t1")
                        .arg(EventFields.BODY)
                        .arg("{\"n\":1}")))
                .compose(v -> redis.send(Request.cmd(Command.XADD)
                        .arg(stream)
                        .arg("2-1")
                        .arg(EventFields.TRANSID)
                        .arg("t2")))
                .compose(v -> reader.fresh(10, 100))
                .compose(fresh -> reader.fresh(10, 1).map(none -> List.of(fresh, none)))
                .compose(reads ->
                        reader.ownPending("0", 10).map(pending -> List.of(reads.get(0), reads.get(1), pending)))
                .compose(reads -> claims.idle(0, "0-0", 10).map(page -> {
                    ctx.verify(() -> {
                        assertThat(reads.get(0)).extracting(StreamEntry::id).containsExactly("1-1", "2-1");
                        assertThat(reads.get(0).get(0).transid()).isEqualTo("t1");
                        assertThat(new String(reads.get(0).get(0).body())).isEqualTo("{\"n\":1}");
                        assertThat(reads.get(0).get(1).body()).isEmpty();
                        assertThat(reads.get(1))
                                .as("nothing new: the block times out")
                                .isEmpty();
                        assertThat(reads.get(2))
                                .extracting(StreamEntry::transid)
                                .containsExactly("t1", "t2");
                        assertThat(page.cursor()).isEqualTo("0-0");
                        assertThat(page.entries()).extracting(StreamEntry::id).containsExactly("1-1", "2-1");
                    });
                    return page;
                }))
                .eventually(() -> redis.send(Request.cmd(Command.DEL).arg(stream)))
                .eventually(redis::close)
                .onComplete(ctx.succeeding(page -> ctx.completeNow()));
    }
}
