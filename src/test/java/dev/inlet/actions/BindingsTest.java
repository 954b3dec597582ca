package dev.inlet.actions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.config.ConfigException;
import dev.inlet.config.ConfigLoader;
import dev.inlet.config.InletConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Flows and rules are compiled once per load, at start-up and on reload, where the workers get
 * them: every mistake is one line naming its key.
 */
class BindingsTest {
    private static final ConfigLoader LOADER = new ConfigLoader(Map.of());

    private static final String ENDPOINTS =
            """
      services: [{ id: s, keys: [k] }]
      endpoints:
        - { id: json-endpoint, service: s, format: json, flows: [f], rules: [r] }
        - { id: xml-endpoint, service: s, format: xml, rules: [x] }
      """;

    private static List<String> problems(String yaml) {
        try {
            Bindings.compile(LOADER.parse(ENDPOINTS + yaml), ActionCatalog.load());
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("expected the config to be refused");
    }

    @Test
    void aValidConfigCompiles() {
        InletConfig config = LOADER.parse(
                ENDPOINTS
                        + """
        flows:
          - id: f
            steps:
              - { action: http, url: "http://localhost:9/x/$data.id", method: put, headers: { X-Id: "$data.id" }, body: '{"a": "$a"}', timeout: 2s }
              - { action: log, message: "order $data.id" }
              - { action: stream, stream: "out", maxLength: 1000, when: "$.data[?(@.priority == 'high')]" }
              - { action: tally, label: "$data.id", when: "$data.amount > 10" }
        rules:
          - { id: r, when: "$.data[?(@.amount > 100)]", actions: [{ action: log }] }
          - { id: x, when: "/order[@total > 100]", actions: [{ action: log }] }
        """);
        Bindings bindings = Bindings.compile(config, ActionCatalog.load());
        assertThat(bindings.endpoint("json-endpoint").isEmpty()).isFalse();
        assertThat(bindings.endpoint("nope")).isNull();
    }

    @Test
    void unknownActionNamesTheKeyAndTheChoices() {
        assertThat(
                        problems(
                                """
        flows: [{ id: f, steps: [{ action: log }, { action: htp, url: "http://x" }] }]
        rules: [{ id: r, when: "$.a", actions: [{ action: log }] }, { id: x, when: "/a", actions: [{ action: log }] }]
        """))
                .containsExactly(
                        "flows[0].steps[1].action: \"htp\" is not an action; use one of http, log, stream, tally");
    }

    @Test
    void requiredOptionsAreNamed() {
        assertThat(
                        problems(
                                """
        flows: [{ id: f, steps: [{ action: log }, { action: http }, { action: stream }] }]
        rules: [{ id: r, when: "$.a", actions: [{ action: tally }] }, { id: x, when: "/a", actions: [{ action: log }] }]
        """))
                .containsExactly(
                        "flows[0].steps[1].url: is required for action http",
                        "flows[0].steps[2].stream: is required for action stream",
                        "rules[0].actions[0].label: is required for action tally");
    }

    @Test
    void wrongOptionsAreNamed() {
        assertThat(
                        problems(
                                """
        flows:
          - id: f
            steps:
              - { action: http, url: "ftp://x/y", method: FETCH, timeout: soon, retries: 3, body: { a: 1 } }
              - { action: stream, stream: out, maxLength: -1 }
        rules: [{ id: r, when: "$.a", actions: [{ action: log, level: debug }] }, { id: x, when: "/a", actions: [{ action: log }] }]
        """))
                .containsExactlyInAnyOrder(
                        "flows[0].steps[0].retries: unknown key for action http (it takes body, headers, method, timeout, url)",
                        "flows[0].steps[0].url: \"ftp://x/y\" is not an http:// or https:// URL with a host",
                        "flows[0].steps[0].method: \"FETCH\" is not one of DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT",
                        "flows[0].steps[0].body: must be a text (a template); quote a JSON body: body: '{\"id\": \"$data.id\"}'",
                        "flows[0].steps[0].timeout: \"soon\" is not a duration (like 500ms, 30s, 5m, 24h, 2d)",
                        "flows[0].steps[1].maxLength: must be at least 1",
                        "rules[0].actions[0].level: unknown key for action log (it takes message)");
    }

    @Test
    void conditionsCompileForTheFormatOfTheirEndpoints() {
        List<String> problems = problems(
                """
        flows: [{ id: f, steps: [{ action: log, when: "$.a[?(@.b ==" }] }]
        rules:
          - { id: r, when: "/order/item", actions: [{ action: log }] }
          - { id: x, when: "$.order", actions: [{ action: log }] }
        """);
        assertThat(problems).hasSize(3);
        assertThat(problems.get(0)).startsWith("flows[0].steps[0].when: ");
        assertThat(problems.get(1)).startsWith("rules[0].when: ").endsWith("(bound to an endpoint of format json)");
        assertThat(problems.get(2))
                .startsWith("rules[1].when: ")
                .contains("XML")
                .endsWith("(bound to an endpoint of format xml)");
    }
}
