package dev.inlet.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.actions.Event;
import dev.inlet.config.PayloadFormat;
import dev.inlet.queue.StreamEntry;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What actions see of a stream entry: every field of the event, the headers as a map. */
class ActionEventTest {

    @Test
    void anEntryBecomesTheEventActionsSee() {
        byte[] body = "<a/>".getBytes(StandardCharsets.UTF_8);
        StreamEntry entry = new StreamEntry(
                "1-1",
                "t",
                "ep",
                "svc",
                17,
                "text/xml",
                PayloadFormat.XML,
                "{\"x-order\":\"o-17\"}".getBytes(StandardCharsets.UTF_8),
                "a=1&b=2",
                body,
                Map.of("error", "not an event field"),
                false);
        Event event = EventPipeline.event(entry);
        assertThat(event)
                .isEqualTo(new Event(
                        "t",
                        "ep",
                        "svc",
                        17,
                        "text/xml",
                        PayloadFormat.XML,
                        Map.of("x-order", "o-17"),
                        "a=1&b=2",
                        body));
        assertThat(event.body()).as("not copied").isSameAs(body);
    }

    @Test
    void anEntryWithoutAContentTypeGivesNone() {
        StreamEntry entry = new StreamEntry(
                "1-1", "t", "ep", "svc", 0, null, PayloadFormat.JSON, new byte[0], "", new byte[0], Map.of(), false);
        assertThat(EventPipeline.event(entry).contentType()).isNull();
        assertThat(EventPipeline.event(entry).headers()).isEmpty();
    }
}
