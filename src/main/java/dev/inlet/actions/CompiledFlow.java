package dev.inlet.actions;

import java.util.List;

/** A flow ready to run: its steps in order. */
record CompiledFlow(String id, List<Step> steps) {}
