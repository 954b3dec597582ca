package dev.inlet.actions;

import dev.inlet.config.ActionConfig;
import dev.inlet.config.ConfigException;
import dev.inlet.config.EndpointConfig;
import dev.inlet.config.FlowConfig;
import dev.inlet.config.InletConfig;
import dev.inlet.config.PayloadFormat;
import dev.inlet.config.RuleConfig;
import dev.inlet.variables.Template;
import dev.inlet.variables.TemplateSyntax;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The flows and rules of one configuration, compiled once (templates parsed, conditions compiled
 * for the formats of the endpoints they are bound to), and what each endpoint is bound to.
 * Immutable and shared by all worker verticles.
 */
public final class Bindings {
    private final Map<String, EndpointBindings> endpoints;

    private Bindings(Map<String, EndpointBindings> endpoints) {
        this.endpoints = Map.copyOf(endpoints);
    }

    /**
     * Compiles every flow and rule of a configuration.
     *
     * @throws ConfigException with one line per problem, naming the key: an unknown action, a
     *     missing or wrong option, a condition that does not compile for a bound endpoint's format
     */
    public static Bindings compile(InletConfig config, ActionCatalog catalog) {
        Set<String> problems = new LinkedHashSet<>();
        Map<String, Set<PayloadFormat>> flowFormats = new HashMap<>();
        Map<String, Set<PayloadFormat>> ruleFormats = new HashMap<>();
        for (EndpointConfig e : config.endpoints()) {
            e.flows().forEach(f -> flowFormats
                    .computeIfAbsent(f, k -> EnumSet.noneOf(PayloadFormat.class))
                    .add(e.format()));
            e.rules().forEach(r -> ruleFormats
                    .computeIfAbsent(r, k -> EnumSet.noneOf(PayloadFormat.class))
                    .add(e.format()));
        }

        Map<String, CompiledFlow> flows = new HashMap<>();
        for (int i = 0; i < config.flows().size(); i++) {
            FlowConfig flow = config.flows().get(i);
            Set<PayloadFormat> formats = formatsOf(flowFormats.get(flow.id()));
            List<Step> steps = new ArrayList<>();
            for (int j = 0; j < flow.steps().size(); j++) {
                steps.add(step(
                        "flows[" + i + "].steps[" + j + "]",
                        "flow " + flow.id() + " step " + (j + 1),
                        flow.steps().get(j),
                        formats,
                        catalog,
                        problems));
            }
            flows.put(flow.id(), new CompiledFlow(flow.id(), List.copyOf(steps)));
        }

        Map<String, CompiledRule> rules = new HashMap<>();
        for (int i = 0; i < config.rules().size(); i++) {
            RuleConfig rule = config.rules().get(i);
            Set<PayloadFormat> formats = formatsOf(ruleFormats.get(rule.id()));
            Map<PayloadFormat, Condition> when = conditions("rules[" + i + "].when", rule.when(), formats, problems);
            List<Step> actions = new ArrayList<>();
            for (int j = 0; j < rule.actions().size(); j++) {
                actions.add(step(
                        "rules[" + i + "].actions[" + j + "]",
                        "rule " + rule.id() + " action " + (j + 1),
                        rule.actions().get(j),
                        formats,
                        catalog,
                        problems));
            }
            rules.put(rule.id(), new CompiledRule(rule.id(), when, List.copyOf(actions)));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(List.copyOf(problems));
        }

        UnknownVariables unknown = new UnknownVariables();
        Map<String, EndpointBindings> endpoints = new HashMap<>();
        // One list per distinct list of ids: many endpoints are bound to the same flows.
        Map<List<String>, List<CompiledRule>> ruleLists = new HashMap<>();
        Map<List<String>, List<CompiledFlow>> flowLists = new HashMap<>();
        for (EndpointConfig e : config.endpoints()) {
            endpoints.put(
                    e.id(),
                    new EndpointBindings(
                            e,
                            ruleLists.computeIfAbsent(e.rules(), ids -> bound(ids, rules)),
                            flowLists.computeIfAbsent(e.flows(), ids -> bound(ids, flows)),
                            unknown));
        }
        return new Bindings(endpoints);
    }

    private static <T> List<T> bound(List<String> ids, Map<String, T> compiled) {
        return ids.stream()
                .map(compiled::get)
                .filter(java.util.Objects::nonNull)
                .toList();
    }

    /** What an endpoint is bound to; null when the endpoint is not configured. */
    public EndpointBindings endpoint(String id) {
        return id == null ? null : endpoints.get(id);
    }

    /** A flow or rule bound to no endpoint is still checked, as if for an endpoint of format auto. */
    private static Set<PayloadFormat> formatsOf(Set<PayloadFormat> bound) {
        return bound == null || bound.isEmpty() ? EnumSet.of(PayloadFormat.AUTO) : bound;
    }

    private static Map<PayloadFormat, Condition> conditions(
            String key, String expression, Set<PayloadFormat> formats, Set<String> problems) {
        Map<PayloadFormat, Condition> out = new EnumMap<>(PayloadFormat.class);
        if (expression == null) {
            return out;
        }
        for (PayloadFormat f : formats) {
            try {
                out.put(f, Condition.compile(expression, f));
            } catch (IllegalArgumentException e) {
                String boundTo = f == PayloadFormat.AUTO
                        ? ""
                        : " (bound to an endpoint of format " + f.name().toLowerCase(java.util.Locale.ROOT) + ")";
                problems.add(key + ": " + e.getMessage() + boundTo);
            }
        }
        return out;
    }

    private static Step step(
            String key,
            String label,
            ActionConfig action,
            Set<PayloadFormat> formats,
            ActionCatalog catalog,
            Set<String> problems) {
        String name = action.action();
        if (name == null || !catalog.has(name)) {
            problems.add(key + ".action: \"" + name + "\" is not an action; use one of "
                    + String.join(", ", catalog.names()));
        } else {
            for (String p : catalog.check(name, action.options())) {
                problems.add(key + "." + p);
            }
        }
        // Each key is parsed for the syntax its action gives it (the http action's url and body), so a
        // reference's escape is decided here, once, from where it stands.
        Map<String, TemplateSyntax> syntaxes =
                name == null ? Map.of() : catalog.templateSyntaxes(name, action.options());
        Map<String, Template> texts = new LinkedHashMap<>();
        Map<String, Map<String, Template>> textMaps = new LinkedHashMap<>();
        action.options().forEach((k, v) -> {
            TemplateSyntax syntax = syntaxes.getOrDefault(k, TemplateSyntax.TEXT);
            if (v instanceof String s) {
                texts.put(k, Template.parse(s, syntax));
            } else if (v instanceof Number || v instanceof Boolean) {
                texts.put(k, Template.parse(v.toString(), syntax));
            } else if (v instanceof Map<?, ?> m
                    && m.values().stream()
                            .allMatch(x -> x instanceof String || x instanceof Number || x instanceof Boolean)) {
                Map<String, Template> each = new LinkedHashMap<>();
                m.forEach((mk, mv) -> each.put(String.valueOf(mk), Template.parse(String.valueOf(mv), syntax)));
                textMaps.put(k, Map.copyOf(each));
            }
        });
        return new Step(
                label + " (" + name + ")",
                name,
                conditions(key + ".when", action.when(), formats, problems),
                action.options(),
                Map.copyOf(texts),
                Map.copyOf(textMaps));
    }
}
