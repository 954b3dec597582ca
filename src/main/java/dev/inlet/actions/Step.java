package dev.inlet.actions;

import dev.inlet.config.PayloadFormat;
import dev.inlet.variables.Template;
import java.util.Map;

/**
 * One action of a flow or a rule, compiled once per configuration: its option texts parsed as
 * templates of the syntax the action gives each key (plain text unless it says otherwise), its
 * optional {@code when} compiled for each endpoint format it is bound to.
 *
 * @param label how logs and errors name it, e.g. {@code flow forward-orders step 2 (http)}
 * @param when the step's condition by endpoint format; empty when the step has none
 * @param texts every text option, as a template
 * @param textMaps every mapping option whose values are all texts, each value as a template
 */
record Step(
        String label,
        String action,
        Map<PayloadFormat, Condition> when,
        Map<String, Object> options,
        Map<String, Template> texts,
        Map<String, Map<String, Template>> textMaps) {

    /** The condition for events of an endpoint with this configured format; null = always runs. */
    Condition condition(PayloadFormat endpointFormat) {
        return when.get(endpointFormat);
    }
}
