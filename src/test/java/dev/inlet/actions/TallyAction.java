package dev.inlet.actions;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The example of a custom action, and the test that the SPI works: registered in
 * {@code src/test/resources/META-INF/services/dev.inlet.actions.Action}, used in a config as
 * <pre>
 * - action: tally
 *   label: "order $data.id"
 * </pre>
 * It renders {@code label} with the event's variables and remembers it by transid. It keeps the
 * default {@link Action#blocking()}, so it runs on worker threads; the tests check where it ran and
 * that its calls never overlapped.
 */
public final class TallyAction implements Action {
    /** transid → rendered label, for the tests to read. */
    public static final Map<String, String> SEEN = new ConcurrentHashMap<>();
    /** transid → whether its run was on a worker thread. */
    public static final Map<String, Boolean> ON_WORKER_THREAD = new ConcurrentHashMap<>();
    /** The most runs of one instance in progress at once, over all instances. */
    public static final AtomicInteger MOST_AT_ONCE = new AtomicInteger();

    private final AtomicInteger running = new AtomicInteger();

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
        int now = running.incrementAndGet();
        MOST_AT_ONCE.accumulateAndGet(now, Math::max);
        try {
            ON_WORKER_THREAD.put(context.event().transid(), Context.isOnWorkerThread());
            SEEN.put(context.event().transid(), context.render("label"));
            return Future.succeededFuture();
        } finally {
            running.decrementAndGet();
        }
    }
}
