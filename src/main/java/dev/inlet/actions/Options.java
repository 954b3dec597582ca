package dev.inlet.actions;

import dev.inlet.config.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Start-up checks shared by the built-in actions; each problem reads {@code key: what is wrong}. */
final class Options {
    private final String action;
    private final Map<String, Object> options;
    private final List<String> problems = new ArrayList<>();

    Options(String action, Map<String, Object> options) {
        this.action = action;
        this.options = options;
    }

    List<String> problems() {
        return problems;
    }

    void onlyKeys(Set<String> known) {
        for (String key : options.keySet()) {
            if (!known.contains(key)) {
                problems.add(key + ": unknown key for action " + action + " (it takes "
                        + String.join(", ", new TreeSet<>(known)) + ")");
            }
        }
    }

    /** A text that must be there and not be blank; null when it is not. */
    String requiredText(String key) {
        Object v = options.get(key);
        if (v == null) {
            problems.add(key + ": is required for action " + action);
            return null;
        }
        return text(key);
    }

    /** A single value as text, or null when absent or not a single value. */
    String text(String key) {
        Object v = options.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Map || v instanceof List) {
            problems.add(key + ": must be a single value, not a " + (v instanceof Map ? "mapping" : "list"));
            return null;
        }
        String s = v.toString();
        if (s.isBlank()) {
            problems.add(key + ": must not be empty");
            return null;
        }
        return s;
    }

    void textMap(String key) {
        Object v = options.get(key);
        if (v == null) {
            return;
        }
        if (!(v instanceof Map<?, ?> map)) {
            problems.add(key + ": must be a mapping of names to texts");
            return;
        }
        map.forEach((k, value) -> {
            if (value == null || value instanceof Map || value instanceof List) {
                problems.add(key + "." + k + ": must be a single value");
            }
        });
    }

    void positiveDuration(String key) {
        String v = text(key);
        if (v == null) {
            return;
        }
        try {
            if (Durations.parse(v).compareTo(Duration.ZERO) <= 0) {
                problems.add(key + ": must be longer than 0");
            }
        } catch (IllegalArgumentException e) {
            problems.add(key + ": " + e.getMessage());
        }
    }

    void wholeNumber(String key, long min) {
        String v = text(key);
        if (v == null) {
            return;
        }
        try {
            if (Long.parseLong(v.trim()) < min) {
                problems.add(key + ": must be at least " + min);
            }
        } catch (NumberFormatException e) {
            problems.add(key + ": \"" + v + "\" is not a whole number");
        }
    }
}
