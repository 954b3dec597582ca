package dev.inlet.variables;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class TemplateProperties {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Property(tries = 200)
    void anEscapedValueReadsBackIdenticalFromJson(@ForAll String value) throws Exception {
        String rendered = Template.parse("{\"v\":\"$v\"}").render(Map.of("v", value), true, n -> { });
        assertThat(MAPPER.readTree(rendered).get("v").textValue()).isEqualTo(value);
    }
}
