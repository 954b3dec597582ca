package dev.inlet.actions;

import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Built-in {@code log}: one INFO line with the transid, the endpoint and {@code message} (a template,
 * default {@value #DEFAULT_MESSAGE}, cut at {@value #MAX_MESSAGE} characters). The payload itself is
 * never logged; only the variables a message names. Those come from senders: the text log layout
 * escapes their control characters ({@link dev.inlet.logging.LogText}), so an event cannot forge lines.
 */
final class LogAction implements Action {
    static final String NAME = "log";
    static final String DEFAULT_MESSAGE = "event processed";
    static final int MAX_MESSAGE = 2048;
    private static final Logger LOG = LoggerFactory.getLogger("dev.inlet.actions.log");
    private static final Set<String> KEYS = Set.of("message");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> check(Map<String, Object> options) {
        return checkOptions(options);
    }

    static List<String> checkOptions(Map<String, Object> options) {
        Options o = new Options(NAME, options);
        o.onlyKeys(KEYS);
        o.text("message");
        return o.problems();
    }

    @Override
    public boolean blocking() {
        return false;
    }

    @Override
    public Future<Void> run(ActionContext ctx) {
        String message = ctx.render("message");
        if (message == null) {
            message = DEFAULT_MESSAGE;
        } else if (message.length() > MAX_MESSAGE) {
            message = message.substring(0, MAX_MESSAGE) + "…";
        }
        LOG.info("transid={} endpoint={} {}", ctx.event().transid(), ctx.event().endpoint(), message);
        return Future.succeededFuture();
    }
}
