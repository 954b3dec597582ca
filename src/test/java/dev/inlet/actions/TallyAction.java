package dev.inlet.actions;

import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The example of a custom action, and the test that the SPI works: registered in
 * {@code src/test/resources/META-INF/services/dev.inlet.actions.Action}, used in a config as
 * <pre>
 * - action: tally
 *   label: "order $data.id"
 * </pre>
 * It renders {@code label} with the event's variables and remembers it by transid.
 */
public final class TallyAction implements Action {
  /** transid → rendered label, for the tests to read. */
  public static final Map<String, String> SEEN = new ConcurrentHashMap<>();

  @Override
  public String name() {
    return "tally";
  }

  @Override
  public List<String> check(Map<String, Object> options) {
    return options.get("label") == null ? List.of("label: is required for action tally") : List.of();
  }

  @Override
  public Future<Void> run(ActionContext context) {
    SEEN.put(context.event().transid(), context.render("label"));
    return Future.succeededFuture();
  }
}
