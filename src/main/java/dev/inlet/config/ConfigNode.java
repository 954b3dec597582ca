package dev.inlet.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A YAML mapping being read into records: remembers its path for error lines, substitutes the
 * environment in every string, and reports keys that nobody read as unknown.
 */
final class ConfigNode {
    private final String path;
    private final JsonNode json;
    private final List<String> problems;
    private final EnvSubstitution env;
    private final Set<String> read = new HashSet<>();

    ConfigNode(String path, JsonNode json, List<String> problems, EnvSubstitution env) {
        this.path = path;
        this.json = json == null ? MissingNode.getInstance() : json;
        this.problems = problems;
        this.env = env;
        if (!this.json.isMissingNode() && !this.json.isNull() && !this.json.isObject()) {
            problem("must be a mapping of keys to values");
        }
    }

    String keyPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Whether the key holds a value; the key counts as read. */
    boolean has(String key) {
        read.add(key);
        JsonNode v = json.get(key);
        return v != null && !v.isNull();
    }

    void problem(String message) {
        problems.add((path.isEmpty() ? "config" : path) + ": " + message);
    }

    void problem(String key, String message) {
        problems.add(keyPath(key) + ": " + message);
    }

    private JsonNode raw(String key) {
        read.add(key);
        JsonNode v = json.get(key);
        return v == null || v.isNull() ? null : v;
    }

    /** Whether the key holds a single value (a scalar), not a mapping or a list. */
    boolean isScalar(String key) {
        JsonNode v = json.get(key);
        return v != null && v.isValueNode() && !v.isNull();
    }

    ConfigNode child(String key) {
        return new ConfigNode(keyPath(key), raw(key), problems, env);
    }

    String string(String key, String dflt) {
        JsonNode v = raw(key);
        if (v == null) {
            return dflt;
        }
        if (!v.isValueNode()) {
            problem(key, "must be a single value, not a " + (v.isArray() ? "list" : "mapping"));
            return dflt;
        }
        return substitute(() -> keyPath(key), v.asText());
    }

    /** {@code at} is the value's path, made only for a problem line (not for each of a million values). */
    private String substitute(Supplier<String> at, String value) {
        return env.apply(
                value,
                name -> problems.add(at.get() + ": environment variable " + name + " is not set (set it, or write ${"
                        + name + ":-default})"));
    }

    /** A string that must be present and non-empty. */
    String required(String key) {
        String v = string(key, null);
        if (v == null || v.isBlank()) {
            if (v == null) {
                problem(key, "is required");
            } else {
                problem(key, "must not be empty");
            }
            return null;
        }
        return v;
    }

    <T> T parsed(String key, T dflt, Function<String, T> parser) {
        String v = string(key, null);
        if (v == null) {
            return dflt;
        }
        try {
            return parser.apply(v);
        } catch (IllegalArgumentException e) {
            problem(key, e.getMessage());
            return dflt;
        }
    }

    long integer(String key, long dflt, long min, long max) {
        return parsed(key, dflt, v -> {
            long n;
            try {
                n = Long.parseLong(v.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("\"" + v + "\" is not a whole number");
            }
            if (n < min || n > max) {
                throw new IllegalArgumentException(n + " is outside " + min + ".." + max);
            }
            return n;
        });
    }

    boolean bool(String key, boolean dflt) {
        return parsed(key, dflt, v -> switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException("\"" + v + "\" is not true or false");
        });
    }

    Duration duration(String key, Duration dflt) {
        return parsed(key, dflt, Durations::parse);
    }

    long size(String key, long dflt) {
        return parsed(key, dflt, Sizes::parse);
    }

    <E extends Enum<E>> E choice(String key, Class<E> type, E dflt) {
        return parsed(key, dflt, v -> {
            for (E e : type.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(v.trim())) {
                    return e;
                }
            }
            List<String> names = new ArrayList<>();
            for (E e : type.getEnumConstants()) {
                names.add(e.name().toLowerCase(Locale.ROOT));
            }
            throw new IllegalArgumentException("\"" + v + "\" is not one of " + String.join(", ", names));
        });
    }

    /** A list of CIDR ranges (IPv4 or IPv6), as {@link #strings}; a range that is not one is a problem of the key. */
    List<String> cidrs(String key) {
        List<String> values = strings(key);
        try {
            values.forEach(IpLiterals::requireRange);
        } catch (IllegalArgumentException e) {
            problem(key, e.getMessage());
        }
        return values;
    }

    /** A list of scalar strings; a single scalar is taken as a one-element list. */
    List<String> strings(String key) {
        JsonNode v = raw(key);
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (v.isValueNode()) {
            out.add(substitute(() -> keyPath(key), v.asText()));
            return out;
        }
        if (!v.isArray()) {
            problem(key, "must be a list");
            return out;
        }
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            if (!item.isValueNode() || item.isNull()) {
                problem(key, "item " + i + " must be a single value");
            } else {
                int at = i;
                out.add(substitute(() -> keyPath(key) + "[" + at + "]", item.asText()));
            }
        }
        return out;
    }

    /** A list of mappings. */
    List<ConfigNode> list(String key) {
        JsonNode v = raw(key);
        List<ConfigNode> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (!v.isArray()) {
            problem(key, "must be a list");
            return out;
        }
        for (int i = 0; i < v.size(); i++) {
            out.add(new ConfigNode(keyPath(key) + "[" + i + "]", v.get(i), problems, env));
        }
        return out;
    }

    /**
     * The keys not read so far as plain Java values (strings substituted from the environment, maps,
     * lists); used for action options whose keys belong to each action.
     */
    Map<String, Object> remaining() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!read.contains(e.getKey())) {
                read.add(e.getKey());
                out.put(e.getKey(), plain(keyPath(e.getKey()), e.getValue()));
            }
        }
        return out;
    }

    private Object plain(String at, JsonNode v) {
        if (v.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            v.fields().forEachRemaining(e -> m.put(e.getKey(), plain(at + "." + e.getKey(), e.getValue())));
            return m;
        }
        if (v.isArray()) {
            List<Object> l = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                l.add(plain(at + "[" + i + "]", v.get(i)));
            }
            return l;
        }
        if (v.isNull()) {
            return null;
        }
        if (v.isTextual()) {
            return substitute(() -> at, v.asText());
        }
        return v.isNumber() ? v.numberValue() : v.isBoolean() ? v.booleanValue() : v.asText();
    }

    /** Item {@code i} of the list under {@code key}, over {@code json} (null: without its YAML, for problem lines). */
    ConfigNode listItem(String key, int i, JsonNode json) {
        return new ConfigNode(keyPath(key) + "[" + i + "]", json, problems, env);
    }

    /** The same path, problems and environment over another tree. */
    ConfigNode over(JsonNode other) {
        return new ConfigNode(path, other, problems, env);
    }

    /** The keys of this mapping that hold a value; none of them counts as read. */
    List<String> keys() {
        List<String> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isNull()) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    /** Reports every key of this mapping that was never read. */
    void rejectUnknown() {
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!read.contains(key)) {
                problem(key, "unknown key");
            }
        }
    }
}
