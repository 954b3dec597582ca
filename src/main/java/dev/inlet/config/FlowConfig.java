package dev.inlet.config;

import java.util.List;

/** An ordered list of steps, each an action with an optional condition. */
public record FlowConfig(String id, List<ActionConfig> steps) {}
