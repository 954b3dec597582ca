package dev.inlet.queue;

import static dev.inlet.support.SyncRedis.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.config.PayloadFormat;
import dev.inlet.support.SyncRedis;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A dead letter's fields in Redis, as moved, listed and replayed, and those of earlier versions. */
class DeadLettersTest {
    private static SyncRedis sync;
    private static Redis redis;

    @BeforeAll
    static void start() {
        sync = SyncRedis.open();
        redis = sync.client();
    }

    @AfterAll
    static void stop() {
        sync.close();
    }

    /** Appends an event to the shard's stream and delivers it to a consumer, as a worker reads it. */
    private static StreamEntry delivered(StreamNames.Shard shard) {
        StreamEntry event = StreamEntry.toAppend(
                "t-dead",
                "ep",
                "svc",
                1_700_000_000_000L,
                "application/json",
                PayloadFormat.JSON,
                "{\"x-a\":\"1\"}".getBytes(StandardCharsets.UTF_8),
                "",
                "{\"n\":1}".getBytes(StandardCharsets.UTF_8));
        sync.send(StreamEntryCodec.addFields(
                Request.cmd(Command.XADD).arg(shard.stream()).arg("*"), event));
        sync.send(Request.cmd(Command.XGROUP)
                .arg("CREATE")
                .arg(shard.stream())
                .arg(StreamNames.GROUP)
                .arg("0"));
        Response read = sync.send(Request.cmd(Command.XREADGROUP)
                .arg("GROUP")
                .arg(StreamNames.GROUP)
                .arg("c")
                .arg("STREAMS")
                .arg(shard.stream())
                .arg(">"));
        Response entries = read.isMap() ? read.get(shard.stream()) : read.get(0).get(1);
        return StreamEntryCodec.readAll(entries).get(0);
    }

    @Test
    void aDeadLetterHoldsItsOwnFieldsThenTheEventsAndReplayGivesTheEventBack() {
        String stream = "test:dead:" + UUID.randomUUID();
        StreamNames names = StreamNames.single(stream);
        StreamNames.Shard shard = names.shard(0);
        StreamEntry entry = delivered(shard);
        List<String> event = sync.onlyEntry(stream);

        String error = "e".repeat(1500);
        await(DeadLetters.move(redis, shard, entry, error, 3));
        List<String> letter = sync.onlyEntry(shard.deadLetter());
        assertThat(letter.subList(0, 8))
                .containsExactly(
                        "originalId",
                        entry.id(),
                        "error",
                        "e".repeat(1000),
                        "attempts",
                        "3",
                        "failedAt",
                        letter.get(7));
        assertThat(letter.subList(8, letter.size()))
                .as("the event's fields as they were in the stream")
                .isEqualTo(event);
        assertThat(sync.send(Request.cmd(Command.XPENDING).arg(stream).arg(StreamNames.GROUP))
                        .get(0)
                        .toLong())
                .as("acknowledged")
                .isZero();

        DeadLetters deadLetters = new DeadLetters(redis, names);
        StreamEntry listed = await(deadLetters.list(null, 10)).get(0);
        assertThat(DeadLetterCodec.originalId(listed)).isEqualTo(entry.id());
        assertThat(DeadLetterCodec.error(listed)).isEqualTo("e".repeat(1000));
        assertThat(DeadLetterCodec.attempts(listed)).isEqualTo(3L);
        assertThat(DeadLetterCodec.failedAt(listed)).isPositive();
        assertThat(listed.transid()).isEqualTo("t-dead");
        assertThat(listed.body()).isEqualTo(entry.body());

        sync.send(Request.cmd(Command.XDEL).arg(stream).arg(entry.id()));
        assertThat(await(deadLetters.replay(listed.id()))).isNotNull();
        assertThat(sync.onlyEntry(stream))
                .as("replayed: the event's fields without the dead letter's")
                .isEqualTo(event);
        assertThat(await(deadLetters.size())).isZero();
    }

    @Test
    void aDeadLetterOfAnEarlierVersionIsListedAndReplayed() {
        String stream = "test:dead:old:" + UUID.randomUUID();
        StreamNames names = StreamNames.single(stream);
        // As earlier versions moved it: their own fields first, then the event's in no particular order.
        String id = sync.send(Request.cmd(Command.XADD)
                        .arg(names.shard(0).deadLetter())
                        .arg("*")
                        .arg("originalId")
                        .arg("1-0")
                        .arg("error")
                        .arg("answered 500")
                        .arg("attempts")
                        .arg("5")
                        .arg("failedAt")
                        .arg("1718")
                        .arg("format")
                        .arg("xml")
                        .arg("endpoint")
                        .arg("ep")
                        .arg("transid")
                        .arg("t-old")
                        .arg("received")
                        .arg("17")
                        .arg("service")
                        .arg("svc")
                        .arg("headers")
                        .arg("{}")
                        .arg("contentType")
                        .arg("text/xml")
                        .arg("body")
                        .arg("<a/>"))
                .toString();
        DeadLetters deadLetters = new DeadLetters(redis, names);
        StreamEntry listed = await(deadLetters.list(null, 10)).get(0);
        assertThat(listed.id()).isEqualTo(id);
        assertThat(DeadLetterCodec.originalId(listed)).isEqualTo("1-0");
        assertThat(DeadLetterCodec.error(listed)).isEqualTo("answered 500");
        assertThat(DeadLetterCodec.attempts(listed)).isEqualTo(5L);
        assertThat(DeadLetterCodec.failedAt(listed)).isEqualTo(1718L);
        assertThat(listed.transid()).isEqualTo("t-old");
        assertThat(listed.format()).isEqualTo(PayloadFormat.XML);
        assertThat(listed.contentType()).isEqualTo("text/xml");
        assertThat(new String(listed.body(), StandardCharsets.UTF_8)).isEqualTo("<a/>");

        assertThat(await(deadLetters.replay(id))).isNotNull();
        assertThat(sync.onlyEntry(stream))
                .containsExactly(
                        "format",
                        "xml",
                        "endpoint",
                        "ep",
                        "transid",
                        "t-old",
                        "received",
                        "17",
                        "service",
                        "svc",
                        "headers",
                        "{}",
                        "contentType",
                        "text/xml",
                        "body",
                        "<a/>");
    }

    @Test
    void withSeveralShardsTheIdAndOriginalIdNameTheShard() {
        String stream = "test:dead:sharded:" + UUID.randomUUID();
        StreamNames names = StreamNames.of(stream, 2, false);
        StreamEntry entry = delivered(names.shard(1));
        await(DeadLetters.move(redis, names.shard(1), entry, "failed", 1));
        StreamEntry listed = await(new DeadLetters(redis, names).list(null, 10)).get(0);
        assertThat(listed.id()).startsWith("1:");
        assertThat(DeadLetterCodec.originalId(listed)).isEqualTo("1:" + entry.id());
        assertThat(DeadLetterCodec.error(listed)).isEqualTo("failed");
        assertThat(listed.transid()).isEqualTo("t-dead");
    }
}
