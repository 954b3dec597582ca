package dev.inlet.config;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in scalar values from the environment, so
 * secrets stay out of config files. {@code $${...}} is a literal {@code ${...}}. One instance per
 * load, which hands out one {@link String} per distinct value: the YAML parser makes a new one for
 * every scalar, and 100,000 endpoints repeat their service ids, flow ids and signature settings.
 * Not thread-safe; a load runs on one thread.
 */
final class EnvSubstitution {
    private static final Pattern REF = Pattern.compile("\\$(\\$?)\\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}");

    private final Map<String, String> env;
    private final Map<String, String> values = new HashMap<>();

    EnvSubstitution(Map<String, String> env) {
        this.env = env;
    }

    /** Substitutes references in {@code value}; an unset variable without default is reported to {@code missing}. */
    String apply(String value, Consumer<String> missing) {
        if (value.indexOf('$') < 0) {
            String held = values.putIfAbsent(value, value);
            return held == null ? value : held;
        }
        Matcher m = REF.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (!m.group(1).isEmpty()) {
                replacement = m.group().substring(1);
            } else {
                String set = env.get(m.group(2));
                if (set != null) {
                    replacement = set;
                } else if (m.group(3) != null) {
                    replacement = m.group(4);
                } else {
                    missing.accept(m.group(2));
                    replacement = "";
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
