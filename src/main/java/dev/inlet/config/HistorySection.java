package dev.inlet.config;

import java.time.Duration;
import java.util.Locale;

/**
 * Reads a {@code history} key: {@code off} (or {@code false}), {@code on} (or {@code true}: the
 * default), or a mapping {@code {keep, for, maxBodyBytes, refusals}} whose missing keys take the
 * default's values; the default is {@code server.history} for an endpoint, {@link
 * HistoryConfig#DEFAULT} for the server.
 */
final class HistorySection {
    private HistorySection() {}

    static HistoryConfig read(ConfigNode parent, String key, HistoryConfig dflt) {
        if (!parent.has(key)) {
            return dflt;
        }
        if (parent.isScalar(key)) {
            String v = parent.string(key, "on").trim().toLowerCase(Locale.ROOT);
            return switch (v) {
                case "off", "false", "no" -> HistoryConfig.OFF;
                case "on", "true", "yes" -> dflt.enabled() ? dflt : HistoryConfig.DEFAULT;
                default -> {
                    parent.problem(
                            key, "\"" + v + "\" is not off, on or a mapping {keep, for, maxBodyBytes, refusals}");
                    yield dflt;
                }
            };
        }
        HistoryConfig base = dflt.enabled() ? dflt : HistoryConfig.DEFAULT;
        ConfigNode n = parent.child(key);
        long keep = n.integer("keep", base.keep(), 1, HistoryConfig.MAX_KEEP);
        Duration age = n.duration("for", base.age());
        if (age.toMillis() < 1000) {
            n.problem("for", "must be at least 1s (use history: off to keep nothing)");
            age = base.age();
        }
        long maxBody = n.size("maxBodyBytes", base.maxBodyBytes());
        if (maxBody < 0 || maxBody > HistoryConfig.MAX_BODY_BYTES) {
            n.problem("maxBodyBytes", "must be from 0 to 1MiB");
            maxBody = base.maxBodyBytes();
        }
        long refusals = n.integer("refusals", base.refusalsPerSecond(), 0, 100_000);
        n.rejectUnknown();
        return new HistoryConfig(true, keep, age, maxBody, refusals);
    }
}
