package dev.inlet.config;

import java.time.Duration;
import java.util.Map;

/**
 * One action of a flow step or a rule. {@code action} names a built-in ({@code http}, {@code stream},
 * {@code log}) or a custom handler; {@code options} holds the action's own keys as parsed from YAML
 * (strings, numbers, booleans, maps, lists). {@code when} is an optional per-step condition.
 */
public record ActionConfig(String action, String when, Map<String, Object> options) {
  public String string(String key, String dflt) {
    Object v = options.get(key);
    return v == null ? dflt : v.toString();
  }

  public Duration duration(String key, Duration dflt) {
    Object v = options.get(key);
    return v == null ? dflt : Durations.parse(v.toString());
  }
}
