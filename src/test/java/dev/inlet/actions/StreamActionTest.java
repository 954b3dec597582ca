package dev.inlet.actions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.config.PayloadFormat;
import dev.inlet.queue.StoredHeaders;
import dev.inlet.queue.StreamEntry;
import dev.inlet.queue.StreamEntryCodec;
import dev.inlet.support.SyncRedis;
import dev.inlet.variables.Payload;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The {@code stream} action's entry: the event's fields as ingest wrote them, plus its variables. */
class StreamActionTest {
    private static SyncRedis redis;

    @BeforeAll
    static void start() {
        redis = SyncRedis.open();
    }

    @AfterAll
    static void stop() {
        redis.close();
    }

    /** Runs the action and reads back the one entry it wrote. */
    private static StreamEntry run(Event event) {
        String stream = "test:stream-action:" + UUID.randomUUID();
        Step step = new Step(
                "test step (stream)", StreamAction.NAME, Map.of(), Map.of("stream", stream), Map.of(), Map.of());
        ActionContext context = new StepContext(
                step, event, Payload.of(event.body(), event.format()), redis.vertx(), new UnknownVariables());
        SyncRedis.await(new StreamAction(redis.client()).run(context));
        Response entries =
                redis.send(Request.cmd(Command.XRANGE).arg(stream).arg("-").arg("+"));
        assertThat(entries.size()).isEqualTo(1);
        return StreamEntry.from(entries.get(0));
    }

    @Test
    void theEntryHoldsTheEventsFieldsAsStoredAndItsVariables() {
        byte[] stored = "{\"x-order\":\"o-17\",\"host\":\"h\"}".getBytes(StandardCharsets.UTF_8);
        byte[] body = "{\"data\": {\"id\": \"o-17\"}}".getBytes(StandardCharsets.UTF_8);
        Event event = new Event(
                "t-out", "ep", "svc", 1_700_000_000_000L, null, PayloadFormat.JSON, StoredHeaders.read(stored), body);
        StreamEntry out = run(event);
        assertThat(out.transid()).isEqualTo("t-out");
        assertThat(out.endpoint()).isEqualTo("ep");
        assertThat(out.service()).isEqualTo("svc");
        assertThat(out.receivedMillis()).isEqualTo(1_700_000_000_000L);
        assertThat(out.contentType()).isEmpty();
        assertThat(out.format()).isEqualTo(PayloadFormat.JSON);
        assertThat(out.headers())
                .as("the stored headers, not parsed and written again")
                .isEqualTo(stored);
        assertThat(out.body()).isEqualTo(body);
        assertThat(new JsonObject(out.others().get("variables")).getString("data.id"))
                .isEqualTo("o-17");
        assertThat(out.others()).doesNotContainKey("variablesTruncated");
    }

    @Test
    void headersAnActionMadeAreStoredAsIngestStoresThem() {
        Event event = new Event(
                "t-own",
                "ep",
                "svc",
                0,
                "application/xml",
                PayloadFormat.XML,
                Map.of("x-a", "\"1\""),
                "<a>1</a>".getBytes(StandardCharsets.UTF_8));
        StreamEntry out = run(event);
        assertThat(new String(out.headers(), StandardCharsets.UTF_8)).isEqualTo("{\"x-a\":\"\\\"1\\\"\"}");
        assertThat(StreamEntryCodec.text(out, "format")).isEqualTo("xml");
        assertThat(out.contentType()).isEqualTo("application/xml");
    }
}
