package dev.inlet.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inlet.actions.Event;
import dev.inlet.queue.EventFields;
import dev.inlet.queue.StreamEntry;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoredHeadersTest {

  private static Event event(String storedHeaders) {
    return EventPipeline.event(new StreamEntry("1-1", Map.of(EventFields.TRANSID, "t", EventFields.HEADERS, storedHeaders),
        new byte[0]));
  }

  @Test
  void theStoredHeadersReadAsAMap() {
    Map<String, String> headers = event("{\"x-order\":\"o-17\",\"content-length\":12}").headers();
    assertThat(headers).containsExactlyInAnyOrderEntriesOf(Map.of("x-order", "o-17", "content-length", "12"));
    assertThat(headers.get("x-order")).isEqualTo("o-17");
    assertThat(headers.get("missing")).isNull();
    assertThatThrownBy(() -> headers.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void unreadableStoredHeadersReadAsNone() {
    assertThat(event("not json").headers()).isEmpty();
    assertThat(event("").headers()).isEmpty();
  }
}
