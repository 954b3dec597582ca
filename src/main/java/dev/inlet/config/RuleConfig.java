package dev.inlet.config;

import java.util.List;

/** A condition over the event ({@code when}: JsonPath or XPath) and the actions run when it matches. */
public record RuleConfig(String id, String when, List<ActionConfig> actions) {}
