package dev.inlet.variables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.w3c.dom.Document;

/** Whatever a payload's value is, it never changes the structure the template's literal text gives. */
class TemplateProperties {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Any text, and text that looks like the JSON values, URL parts and markup a value could pretend to be. */
    @Provide
    Arbitrary<String> values() {
        return Arbitraries.oneOf(
                Arbitraries.strings(),
                Arbitraries.strings().withChars("0123456789-+.eE"),
                Arbitraries.strings().withChars("/?#&=%+.:@[] \\\"'<>;,"),
                Arbitraries.of("", ".", "..", "true", "false", "null", "0", "-1.5e3", "]]>", "</a>", "\"}", "%2e%2e"));
    }

    /** What a String is once written as UTF-8: a lone surrogate becomes '?'. */
    private static String utf8(String value) {
        return new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    @Property(tries = 300)
    void anyValueInAJsonTemplateYieldsValidJsonThatReadsBack(@ForAll("values") String value) throws Exception {
        String rendered = Template.parse("{\"s\": \"$v\", \"n\": $v, \"a\": [$v, \"x$v\"]}", TemplateSyntax.JSON)
                .render(Map.of("v", value), n -> {});
        JsonNode json = MAPPER.readTree(rendered);
        assertThat(json.size()).isEqualTo(3);
        assertThat(json.get("s").textValue()).isEqualTo(value);
        assertThat(json.get("a").size()).isEqualTo(2);
        assertThat(json.get("a").get(1).textValue()).isEqualTo("x" + value);
        JsonNode slot = json.get("n");
        if (value.isEmpty()) {
            assertThat(slot.isNull()).isTrue();
        } else if (value.equals("true") || value.equals("false")) {
            assertThat(slot.booleanValue()).isEqualTo(Boolean.parseBoolean(value));
        } else if (ValueEscape.isJsonNumber(value)) {
            assertThat(slot.isNumber()).isTrue();
        } else {
            assertThat(slot.textValue()).isEqualTo(value);
        }
    }

    @Property(tries = 300)
    void anyValueInAUrlPathSlotKeepsTheTemplatesSegmentsHostAndQuery(@ForAll("values") String value) {
        Template template = Template.parse(
                "https://orders.internal:9000/hooks/$v/items?src=inlet&id=$v&end=1#$v", TemplateSyntax.URL);
        if (value.isEmpty()) {
            assertThatThrownBy(() -> template.render(Map.of("v", value), n -> {}))
                    .isInstanceOf(Template.UnrenderableException.class);
            return;
        }
        URI uri = URI.create(template.render(Map.of("v", value), n -> {}));
        assertThat(uri.getScheme()).isEqualTo("https");
        assertThat(uri.getHost()).isEqualTo("orders.internal");
        assertThat(uri.getPort()).isEqualTo(9000);
        String[] segments = uri.getRawPath().split("/", -1);
        assertThat(segments).hasSize(4);
        assertThat(segments[1]).isEqualTo("hooks");
        assertThat(segments[3]).isEqualTo("items");
        assertThat(URLDecoder.decode(segments[2].replace("+", "%2B"), StandardCharsets.UTF_8))
                .isEqualTo(utf8(value));
        String[] query = uri.getRawQuery().split("&", -1);
        assertThat(query).hasSize(3);
        assertThat(query[0]).isEqualTo("src=inlet");
        assertThat(query[2]).isEqualTo("end=1");
        assertThat(URLDecoder.decode(query[1].substring("id=".length()), StandardCharsets.UTF_8))
                .isEqualTo(utf8(value));
        assertThat(uri.getFragment()).isEqualTo(utf8(value));
    }

    @Property(tries = 300)
    void anyValueInAnXmlTemplateYieldsWellFormedXmlThatReadsBack(@ForAll("values") String value) throws Exception {
        String rendered = Template.parse("<a t=\"$v\"><b>$v</b><c><![CDATA[$v]]></c></a>", TemplateSyntax.XML)
                .render(Map.of("v", value), n -> {});
        Document doc = TemplateTest.xml(rendered);
        String text = xmlText(value);
        assertThat(doc.getDocumentElement().getChildNodes().getLength()).isEqualTo(2);
        assertThat(doc.getElementsByTagName("b").item(0).getTextContent()).isEqualTo(text);
        assertThat(doc.getElementsByTagName("c").item(0).getTextContent()).isEqualTo(text);
        // Attribute values are normalised by every parser: tabs and line ends read as spaces.
        assertThat(doc.getDocumentElement().getAttribute("t"))
                .isEqualTo(text.replace('\t', ' ').replace('\n', ' '));
    }

    /** What a parser reads of a value: U+FFFD for what XML 1.0 does not allow, line ends as LF. */
    private static String xmlText(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                out.append(c).append(value.charAt(++i));
            } else if (c == '\t' || c == '\n' || c == '\r' || c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD) {
                out.append(c);
            } else {
                out.append('\uFFFD');
            }
        }
        return out.toString().replace("\r\n", "\n").replace('\r', '\n');
    }

    @Property(tries = 300)
    void anyValueInAFormTemplateIsOneFieldThatReadsBack(@ForAll("values") String value) {
        String rendered = Template.parse("a=$v&b=1", TemplateSyntax.FORM).render(Map.of("v", value), n -> {});
        String[] fields = rendered.split("&", -1);
        assertThat(fields).hasSize(2);
        assertThat(fields[1]).isEqualTo("b=1");
        assertThat(URLDecoder.decode(fields[0].substring(2), StandardCharsets.UTF_8))
                .isEqualTo(utf8(value));
    }
}
