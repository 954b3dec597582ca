package dev.inlet.variables;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {

    private final List<String> unknown = new ArrayList<>();

    private String render(String template, Map<String, String> variables) {
        return Template.parse(template).render(variables, false, unknown::add);
    }

    @Test
    void usesTheLongestVariableNameThatMatches() {
        Map<String, String> variables = Map.of("data", "D", "data.id", "42", "items[0].sku", "A");

        assertThat(render("$data.id queued", variables)).isEqualTo("42 queued");
        assertThat(render("sku $items[0].sku, ok", variables)).isEqualTo("sku A, ok");
        assertThat(render("$data;$data.id.", variables)).isEqualTo("D;42.");
        assertThat(render("$data.idx", variables)).isEqualTo("42x");
        assertThat(unknown).isEmpty();
    }

    @Test
    void namesMayHoldXmlCharacters() {
        Map<String, String> variables = Map.of("order.@id", "7", "soap:Body.#text", "t");
        assertThat(render("$order.@id/$soap:Body.#text", variables)).isEqualTo("7/t");
    }

    @Test
    void doubleDollarAndLoneDollarAreLiteral() {
        assertThat(render("costs $$5 or $ 6 $", Map.of("5", "five"))).isEqualTo("costs $5 or $ 6 $");
        assertThat(render("$$$a", Map.of("a", "x"))).isEqualTo("$x");
    }

    @Test
    void unknownVariablesRenderEmptyAndAreReported() {
        assertThat(render("id=$missing.id; again $missing.id", Map.of("data", "x")))
                .isEqualTo("id=; again ");
        assertThat(unknown).containsExactly("missing.id", "missing.id");
    }

    @Test
    void jsonEscapingAppliesToValuesOnly() {
        Map<String, String> variables = Map.of("note", "say \"hi\"\\\n\t\u0001é");
        String rendered = Template.parse("{\"text\":\"$note\"}").render(variables, true, unknown::add);
        assertThat(rendered).isEqualTo("{\"text\":\"say \\\"hi\\\"\\\\\\u000a\\u0009\\u0001é\"}");
    }

    @Test
    void textWithoutReferencesIsUnchanged() {
        assertThat(render("plain text", Map.of())).isEqualTo("plain text");
        assertThat(render("", Map.of())).isEmpty();
        assertThat(Template.parse("a $b").toString()).isEqualTo("a $b");
    }
}
