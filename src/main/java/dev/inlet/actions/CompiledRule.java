package dev.inlet.actions;

import dev.inlet.config.PayloadFormat;
import java.util.List;
import java.util.Map;

/** A rule ready to run: its condition per endpoint format and its actions in order. */
record CompiledRule(String id, Map<PayloadFormat, Condition> when, List<Step> actions) {}
