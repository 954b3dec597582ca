package dev.inlet.actions;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a template reference that matched no variable once per endpoint and name, so a typo in a
 * template shows up in the log without flooding it. Bounded: past {@link #MAX_REMEMBERED} pairs
 * nothing more is logged.
 */
final class UnknownVariables {
    private static final Logger LOG = LoggerFactory.getLogger(UnknownVariables.class);
    static final int MAX_REMEMBERED = 10_000;

    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    void report(String endpoint, String label, String name) {
        if (reported.size() >= MAX_REMEMBERED) {
            return;
        }
        if (reported.add(endpoint + '\n' + name)) {
            LOG.warn(
                    "endpoint={} {}: ${} matches no variable of the payload and renders empty (logged once)",
                    endpoint,
                    label,
                    name);
        }
    }
}
