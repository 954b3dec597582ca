package dev.inlet.config;

import java.util.Map;

/**
 * One action of a flow step or a rule. {@code action} names a built-in ({@code http}, {@code stream},
 * {@code log}) or a custom handler; {@code options} holds the action's own keys as parsed from YAML
 * (strings, numbers, booleans, maps, lists). {@code when} is an optional per-step condition.
 */
public record ActionConfig(String action, String when, Map<String, Object> options) {}
