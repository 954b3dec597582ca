package dev.inlet.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inlet.config.PayloadFormat;
import dev.inlet.support.SyncRedis;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.ProtocolVersion;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The stream entry's wire format: what every writer sends and how every reply reads back, in RESP2 and RESP3. */
class StreamEntryCodecTest {
    private static final byte[] HEADERS = "{\"x-ünï\":\"a\\\"b\",\"host\":\"h\"}".getBytes(StandardCharsets.UTF_8);
    /** Not UTF-8: a body is bytes, never text. */
    private static final byte[] BODY = {'<', 'a', '>', (byte) 0xff, (byte) 0xfe, 0, '<', '/', 'a', '>'};

    private static SyncRedis resp2;
    private static SyncRedis resp3;

    @BeforeAll
    static void start() {
        resp2 = SyncRedis.open(ProtocolVersion.RESP2);
        resp3 = SyncRedis.open(ProtocolVersion.RESP3);
    }

    @AfterAll
    static void stop() {
        resp2.close();
        resp3.close();
    }

    private static SyncRedis redis(ProtocolVersion version) {
        return version == ProtocolVersion.RESP2 ? resp2 : resp3;
    }

    private static String stream() {
        return "test:codec:" + UUID.randomUUID();
    }

    private static StreamEntry event(String contentType, PayloadFormat format) {
        return StreamEntry.toAppend("t-1", "ep", "svc", 1_700_000_000_123L, contentType, format, HEADERS, "", BODY);
    }

    private static String xadd(SyncRedis redis, String stream, StreamEntry entry) {
        return redis.send(StreamEntryCodec.addFields(
                        Request.cmd(Command.XADD).arg(stream).arg("*"), entry))
                .toString();
    }

    private static List<StreamEntry> xrange(SyncRedis redis, String stream) {
        return StreamEntryCodec.readAll(
                redis.send(Request.cmd(Command.XRANGE).arg(stream).arg("-").arg("+")));
    }

    private static void assertSameEvent(StreamEntry read, StreamEntry written, String id) {
        assertThat(read.id()).isEqualTo(id);
        assertThat(read.transid()).isEqualTo(written.transid());
        assertThat(read.endpoint()).isEqualTo(written.endpoint());
        assertThat(read.service()).isEqualTo(written.service());
        assertThat(read.receivedMillis()).isEqualTo(written.receivedMillis());
        assertThat(read.contentType()).isEqualTo(written.contentType() == null ? "" : written.contentType());
        assertThat(read.format()).isEqualTo(written.format());
        assertThat(read.headers()).isEqualTo(written.headers());
        assertThat(read.body()).isEqualTo(written.body());
        assertThat(read.others()).isEmpty();
        assertThat(read.deleted()).isFalse();
    }

    @Test
    void theEventIsWrittenAsTheEightFieldsOfEarlierVersionsAndItsQuery() {
        String stream = stream();
        xadd(resp2, stream, event(null, PayloadFormat.XML));
        assertThat(resp2.onlyEntry(stream))
                .containsExactly(
                        "transid",
                        "t-1",
                        "endpoint",
                        "ep",
                        "service",
                        "svc",
                        "received",
                        "1700000000123",
                        "contentType",
                        "",
                        "format",
                        "xml",
                        "headers",
                        new String(HEADERS, StandardCharsets.ISO_8859_1),
                        "query",
                        "",
                        "body",
                        new String(BODY, StandardCharsets.ISO_8859_1));
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void furtherFieldsAreWrittenLastAndReadBack(ProtocolVersion version) {
        SyncRedis redis = redis(version);
        String stream = stream();
        StreamEntry plain = event("application/xml", PayloadFormat.XML);
        StreamEntry replay = new StreamEntry(
                null,
                plain.transid(),
                plain.endpoint(),
                plain.service(),
                plain.receivedMillis(),
                plain.contentType(),
                plain.format(),
                plain.headers(),
                "a=1",
                plain.body(),
                Map.of(EventFields.REPLAY_OF, "1733000000000-0"),
                false);
        xadd(redis, stream, replay);
        List<String> fields = redis.onlyEntry(stream);
        assertThat(fields.subList(fields.size() - 2, fields.size())).containsExactly("replayOf", "1733000000000-0");
        StreamEntry read = xrange(redis, stream).get(0);
        assertThat(read.others()).isEqualTo(Map.of(EventFields.REPLAY_OF, "1733000000000-0"));
        assertThat(read.transid()).isEqualTo(plain.transid());
        assertThat(read.query()).isEqualTo("a=1");
        assertThat(read.body()).isEqualTo(BODY);
    }

    @ParameterizedTest
    @EnumSource(value = PayloadFormat.class, names = "AUTO", mode = EnumSource.Mode.EXCLUDE)
    void everyFormatIsWrittenByItsNameAndReadsBack(PayloadFormat format) {
        String stream = stream();
        xadd(resp2, stream, event("text/plain", format));
        StreamEntry read = xrange(resp2, stream).get(0);
        assertThat(read.format()).isEqualTo(format);
        assertThat(read.fields()).containsEntry("format", format.name().toLowerCase(java.util.Locale.ROOT));
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void everyFieldReadsBackAsWrittenFromXrangeAndXreadgroup(ProtocolVersion version) {
        SyncRedis redis = redis(version);
        String stream = stream();
        StreamEntry json = event("application/json; charset=utf-8", PayloadFormat.JSON);
        StreamEntry xml = event(null, PayloadFormat.XML);
        String first = xadd(redis, stream, json);
        String second = xadd(redis, stream, xml);

        List<StreamEntry> ranged = xrange(redis, stream);
        assertThat(ranged).hasSize(2);
        assertSameEvent(ranged.get(0), json, first);
        assertSameEvent(ranged.get(1), xml, second);

        redis.send(
                Request.cmd(Command.XGROUP).arg("CREATE").arg(stream).arg("g").arg("0"));
        Response read = redis.send(Request.cmd(Command.XREADGROUP)
                .arg("GROUP")
                .arg("g")
                .arg("c")
                .arg("COUNT")
                .arg(10)
                .arg("STREAMS")
                .arg(stream)
                .arg(">"));
        Response entries = read.isMap() ? read.get(stream) : read.get(0).get(1);
        List<StreamEntry> delivered = StreamEntryCodec.readAll(entries);
        assertThat(delivered).hasSize(2);
        assertSameEvent(delivered.get(0), json, first);
        assertSameEvent(delivered.get(1), xml, second);

        Response claimed = redis.send(Request.cmd(Command.XAUTOCLAIM)
                .arg(stream)
                .arg("g")
                .arg("other")
                .arg(0)
                .arg("0"));
        List<StreamEntry> reclaimed = StreamEntryCodec.readAll(claimed.get(1));
        assertThat(reclaimed).hasSize(2);
        assertSameEvent(reclaimed.get(0), json, first);
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void anEntryDeletedWhilePendingReadsAsDeleted(ProtocolVersion version) {
        SyncRedis redis = redis(version);
        String stream = stream();
        String id = xadd(redis, stream, event(null, PayloadFormat.JSON));
        redis.send(
                Request.cmd(Command.XGROUP).arg("CREATE").arg(stream).arg("g").arg("0"));
        redis.send(Request.cmd(Command.XREADGROUP)
                .arg("GROUP")
                .arg("g")
                .arg("c")
                .arg("STREAMS")
                .arg(stream)
                .arg(">"));
        redis.send(Request.cmd(Command.XDEL).arg(stream).arg(id));
        // The consumer's own pending entries, read from 0, still name the deleted one.
        Response pending = redis.send(Request.cmd(Command.XREADGROUP)
                .arg("GROUP")
                .arg("g")
                .arg("c")
                .arg("STREAMS")
                .arg(stream)
                .arg("0"));
        Response entries =
                pending.isMap() ? pending.get(stream) : pending.get(0).get(1);
        List<StreamEntry> read = StreamEntryCodec.readAll(entries);
        assertThat(read).hasSize(1);
        assertThat(read.get(0).id()).isEqualTo(id);
        assertThat(read.get(0).deleted()).isTrue();
        assertThat(read.get(0).fields()).isEmpty();
        assertThat(read.get(0).body()).isEmpty();
        assertThat(StreamEntryCodec.read(null)).isNull();
    }

    @Test
    void anEntryOfAnEarlierVersionOrAnotherWriterReads() {
        String stream = stream();
        // As earlier versions wrote it, by hand, with a field this one does not know, another left out, one unreadable.
        resp2.send(Request.cmd(Command.XADD)
                .arg(stream)
                .arg("*")
                .arg("transid")
                .arg("t-old")
                .arg("endpoint")
                .arg("ep")
                .arg("received")
                .arg("yesterday")
                .arg("format")
                .arg("json")
                .arg("headers")
                .arg("{\"a\":\"b\"}")
                .arg("body")
                .arg("{}")
                .arg("source")
                .arg("replayed-by-hand"));
        StreamEntry read = xrange(resp2, stream).get(0);
        assertThat(read.transid()).isEqualTo("t-old");
        assertThat(read.service()).isEmpty();
        assertThat(read.receivedMillis()).isZero();
        assertThat(read.contentType()).isNull();
        assertThat(read.format()).isEqualTo(PayloadFormat.JSON);
        assertThat(StoredHeaders.read(read.headers())).containsExactlyEntriesOf(Map.of("a", "b"));
        assertThat(read.query())
                .as("no query field: written before queries were stored")
                .isEmpty();
        assertThat(read.others()).containsExactlyEntriesOf(Map.of("source", "replayed-by-hand"));
        assertThat(read.fields())
                .containsEntry("transid", "t-old")
                .containsEntry("source", "replayed-by-hand")
                .containsEntry("format", "json")
                .doesNotContainKey("body");
        assertThat(StreamEntryCodec.text(read, "source")).isEqualTo("replayed-by-hand");
        assertThat(StreamEntryCodec.text(read, "received")).isEqualTo("0");
        assertThat(StreamEntryCodec.text(read, "missing")).isNull();
    }

    @Test
    void anEntryWithNothingButABodyHasNoContent() {
        String stream = stream();
        resp2.send(Request.cmd(Command.XADD).arg(stream).arg("*").arg("body").arg("{}"));
        assertThat(xrange(resp2, stream).get(0).deleted()).isTrue();
    }

    @Test
    void theScriptsFieldsAndArgumentsComeFromTheSameList() {
        assertThat(StreamEntryCodec.luaPairs("p"))
                .isEqualTo("'transid', ARGV[p + 1], 'endpoint', ARGV[p + 2], "
                        + "'service', ARGV[p + 3], 'received', ARGV[p + 4], 'contentType', ARGV[p + 5], 'format', ARGV[p + 6], "
                        + "'headers', ARGV[p + 7], 'query', ARGV[p + 8], 'body', ARGV[p + 9]");
        assertThat(StreamEntryCodec.luaValue("p", EventFields.TRANSID)).isEqualTo("ARGV[p + 1]");
        assertThatThrownBy(() -> StreamEntryCodec.luaValue("p", "variables"))
                .isInstanceOf(IllegalArgumentException.class);
        List<Object> values = new ArrayList<>();
        StreamEntryCodec.addValues(values, event(null, PayloadFormat.XML));
        assertThat(values).hasSize(StreamEntryCodec.VALUES);
        assertThat(values.subList(0, 5)).containsExactly("t-1", "ep", "svc", 1_700_000_000_123L, "");
        assertThat(values.subList(5, 9)).containsExactly("xml".getBytes(StandardCharsets.UTF_8), HEADERS, "", BODY);
    }
}
