package dev.inlet.variables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class TemplateTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final List<String> unknown = new ArrayList<>();

    private String render(String template, Map<String, String> variables) {
        return render(template, TemplateSyntax.TEXT, variables);
    }

    private String render(String template, TemplateSyntax syntax, Map<String, String> variables) {
        Template parsed = Template.parse(template, syntax);
        assertThat(parsed.problems()).as("problems of " + template).isEmpty();
        return parsed.render(variables, unknown::add);
    }

    /** Parsed with the hardened defaults a receiver would use: no DOCTYPE. */
    static Document xml(String text) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Nested
    class Text {
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
        void valuesGoInAsTheyAre() {
            assertThat(render("<$a> & \"$a\"", Map.of("a", "</x>&\n"))).isEqualTo("<</x>&\n> & \"</x>&\n\"");
        }

        @Test
        void textWithoutReferencesIsUnchanged() {
            assertThat(render("plain text", Map.of())).isEqualTo("plain text");
            assertThat(render("", Map.of())).isEmpty();
            assertThat(Template.parse("a $b").toString()).isEqualTo("a $b");
            assertThat(Template.parse("a $b").syntax()).isEqualTo(TemplateSyntax.TEXT);
            assertThat(Template.parse("a $$b").hasReferences()).isFalse();
            assertThat(Template.parse("a $b").hasReferences()).isTrue();
        }

        @Test
        void aJsonStringTemplateEscapesEveryValueAsStringContent() {
            Map<String, String> variables = Map.of("note", "say \"hi\"\\\n\t\u0001é");
            assertThat(render("note: $note", TemplateSyntax.JSON_STRING, variables))
                    .isEqualTo("note: say \\\"hi\\\"\\\\\\u000a\\u0009\\u0001é");
        }
    }

    @Nested
    class Json {
        @Test
        void aReferenceInsideAStringIsEscapedAsStringContent() throws Exception {
            Map<String, String> variables = Map.of("note", "say \"hi\"\\\n\t\u0001é");
            String rendered = render("{\"text\":\"$note\"}", TemplateSyntax.JSON, variables);
            assertThat(rendered).isEqualTo("{\"text\":\"say \\\"hi\\\"\\\\\\u000a\\u0009\\u0001é\"}");
            assertThat(MAPPER.readTree(rendered).get("text").textValue()).isEqualTo(variables.get("note"));
        }

        @Test
        void anUnquotedSlotRendersAJsonValue() {
            String template = "[$v]";
            assertThat(render(template, TemplateSyntax.JSON, Map.of("v", "3"))).isEqualTo("[3]");
            assertThat(render(template, TemplateSyntax.JSON, Map.of("v", "-1.50e+3")))
                    .isEqualTo("[-1.50e+3]");
            assertThat(render(template, TemplateSyntax.JSON, Map.of("v", "0.5")))
                    .isEqualTo("[0.5]");
            assertThat(render(template, TemplateSyntax.JSON, Map.of("v", "true")))
                    .isEqualTo("[true]");
            assertThat(render(template, TemplateSyntax.JSON, Map.of("v", "false")))
                    .isEqualTo("[false]");
            assertThat(render(template, TemplateSyntax.JSON, Map.of("v", "null")))
                    .isEqualTo("[\"null\"]");
            assertThat(render(template, TemplateSyntax.JSON, Map.of("v", "01"))).isEqualTo("[\"01\"]");
            assertThat(render(template, TemplateSyntax.JSON, Map.of("v", "1."))).isEqualTo("[\"1.\"]");
            assertThat(render(template, TemplateSyntax.JSON, Map.of("v", "+1"))).isEqualTo("[\"+1\"]");
            assertThat(render(template, TemplateSyntax.JSON, Map.of("v", "1e"))).isEqualTo("[\"1e\"]");
            assertThat(render(template, TemplateSyntax.JSON, Map.of("v", "True")))
                    .isEqualTo("[\"True\"]");
            assertThat(render(template, TemplateSyntax.JSON, Map.of("v", "a\"b")))
                    .isEqualTo("[\"a\\\"b\"]");
            assertThat(render(template, TemplateSyntax.JSON, Map.of("v", ""))).isEqualTo("[null]");
            assertThat(unknown).isEmpty();
        }

        @Test
        void anUnknownVariableInAValueSlotRendersNullAndIsReported() {
            assertThat(render("{\"a\": $nope, \"b\": \"$nope\"}", TemplateSyntax.JSON, Map.of()))
                    .isEqualTo("{\"a\": null, \"b\": \"\"}");
            assertThat(unknown).containsExactly("nope", "nope");
        }

        @Test
        void anAttackersValueInAnUnquotedSlotStaysOneString() throws Exception {
            String rendered = render(
                    "{\"qty\": $data.qty, \"sku\": \"$data.sku\"}",
                    TemplateSyntax.JSON,
                    Map.of("data.qty", "1, \"admin\": true", "data.sku", "x\", \"admin\": \"true"));
            JsonNode json = MAPPER.readTree(rendered);
            assertThat(json.size()).isEqualTo(2);
            assertThat(json.get("qty").textValue()).isEqualTo("1, \"admin\": true");
            assertThat(json.get("sku").textValue()).isEqualTo("x\", \"admin\": \"true");
        }

        @Test
        void theScannerFollowsEscapedQuotesAndBackslashesInTheLiteralText() throws Exception {
            String rendered = render(
                    "{\"a\": \"say \\\"$x\\\" \\\\\", \"b\": $x, \"c\": \"}\"}", TemplateSyntax.JSON, Map.of("x", "v"));
            JsonNode json = MAPPER.readTree(rendered);
            assertThat(json.get("a").textValue()).isEqualTo("say \"v\" \\");
            assertThat(json.get("b").textValue()).isEqualTo("v");
            assertThat(json.get("c").textValue()).isEqualTo("}");
        }

        @Test
        void theRestOfANameRunStaysTemplateTextSoAnArrayCloses() throws Exception {
            String rendered = render("{\"list\": [$a, $b]}", TemplateSyntax.JSON, Map.of("a", "1", "b", "x"));
            assertThat(rendered).isEqualTo("{\"list\": [1, \"x\"]}");
            assertThat(MAPPER.readTree(rendered).get("list").size()).isEqualTo(2);
        }

        @Test
        void keysAndUnicodeAreEscapedAsStringContent() throws Exception {
            Map<String, String> variables = Map.of("k", "é\"😀\u2028", "v", "ü");
            JsonNode json = MAPPER.readTree(render("{\"$k\": \"$v\"}", TemplateSyntax.JSON, variables));
            assertThat(json.get("é\"😀\u2028").textValue()).isEqualTo("ü");
        }

        @Test
        void doubleDollarStaysALiteralDollar() {
            assertThat(render("{\"price\": \"$$5\", \"n\": $n}", TemplateSyntax.JSON, Map.of("n", "5")))
                    .isEqualTo("{\"price\": \"$5\", \"n\": 5}");
        }

        @Test
        void aReferenceAfterABackslashAndAnUnclosedStringAreRefused() {
            Template afterBackslash = Template.parse("{\"a\": \"\\$x\"}", TemplateSyntax.JSON);
            assertThat(afterBackslash.problems())
                    .containsExactly("$x follows a backslash in a JSON string: a value would complete the escape");
            assertThatThrownBy(() -> afterBackslash.render(Map.of("x", "\"}"), n -> {}))
                    .isInstanceOf(Template.UnrenderableException.class)
                    .hasMessageStartingWith("$x follows");
            assertThat(Template.parse("{\"a\": \"$x}", TemplateSyntax.JSON).problems())
                    .containsExactly("the template ends inside a JSON string: close it with \"");
        }

        @Test
        void aSampleShowsTheShapeOfTheRenderedTemplate() {
            assertThat(Template.parse("{\"a\": $x, \"b\": \"$x\"}", TemplateSyntax.JSON)
                            .renderSample("x"))
                    .isEqualTo("{\"a\": \"x\", \"b\": \"x\"}");
        }
    }

    @Nested
    class Xml {
        @Test
        void anAttackersElementsArriveAsText() throws Exception {
            String value = "</title><admin>true</admin><title>";
            String rendered = render(
                    "<order><title>$data.title</title></order>", TemplateSyntax.XML, Map.of("data.title", value));
            assertThat(rendered)
                    .isEqualTo(
                            "<order><title>&lt;/title&gt;&lt;admin&gt;true&lt;/admin&gt;&lt;title&gt;</title></order>");
            Document doc = xml(rendered);
            assertThat(doc.getElementsByTagName("admin").getLength()).isZero();
            assertThat(doc.getElementsByTagName("title").item(0).getTextContent())
                    .isEqualTo(value);
        }

        @Test
        void anAttributeValueCannotCloseItsQuotes() throws Exception {
            String rendered = render(
                    "<order id=\"$id\" note='$id'/>", TemplateSyntax.XML, Map.of("id", "1\" admin=\"true' x='&"));
            Document doc = xml(rendered);
            assertThat(doc.getDocumentElement().getAttributes().getLength()).isEqualTo(2);
            assertThat(doc.getDocumentElement().getAttribute("id")).isEqualTo("1\" admin=\"true' x='&");
        }

        @Test
        void charactersXmlDoesNotAllowBecomeTheReplacementCharacter() throws Exception {
            String value = "a\u0000b\u0001c\u000Bd\uFFFEe\uFFFFf\uD800g\tn\ni😀é";
            String rendered = render("<a>$v</a>", TemplateSyntax.XML, Map.of("v", value));
            assertThat(rendered).isEqualTo("<a>a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf\uFFFDg\tn\ni😀é</a>");
            assertThat(xml(rendered).getDocumentElement().getTextContent())
                    .isEqualTo("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf\uFFFDg\tn\ni😀é");
        }

        @Test
        void aValueInACdataSectionCannotEndItAndReadsBackUnchanged() throws Exception {
            String value = "]]><admin>true</admin><![CDATA[&lt;";
            String rendered = render("<a><![CDATA[before $v after]]>$v</a>", TemplateSyntax.XML, Map.of("v", value));
            Document doc = xml(rendered);
            assertThat(doc.getElementsByTagName("admin").getLength()).isZero();
            assertThat(doc.getDocumentElement().getTextContent()).isEqualTo("before " + value + " after" + value);
        }

        @Test
        void aCdataSectionNextToAValueStillCloses() throws Exception {
            // A value ending in ]] next to the literal > cannot make the section end early.
            String rendered = render("<a><![CDATA[$v]]><b>$v</b></a>", TemplateSyntax.XML, Map.of("v", "x]]"));
            Document doc = xml(rendered);
            assertThat(doc.getElementsByTagName("b").item(0).getTextContent()).isEqualTo("x]]");
            assertThat(doc.getDocumentElement().getTextContent()).isEqualTo("x]]x]]");
        }

        @Test
        void unknownVariablesRenderEmpty() {
            assertThat(render("<a>$nope</a>", TemplateSyntax.XML, Map.of())).isEqualTo("<a></a>");
            assertThat(unknown).containsExactly("nope");
        }
    }

    @Nested
    class Form {
        @Test
        void anAttackersAmpersandCannotAddAField() {
            String rendered = render(
                    "qty=$data.qty&sku=$data.sku",
                    TemplateSyntax.FORM,
                    Map.of("data.qty", "3&role=admin", "data.sku", "a b+é"));
            assertThat(rendered).isEqualTo("qty=3%26role%3Dadmin&sku=a+b%2B%C3%A9");
            String[] fields = rendered.split("&");
            assertThat(fields).hasSize(2);
            assertThat(URLDecoder.decode(fields[0].substring(4), StandardCharsets.UTF_8))
                    .isEqualTo("3&role=admin");
            assertThat(URLDecoder.decode(fields[1].substring(4), StandardCharsets.UTF_8))
                    .isEqualTo("a b+é");
        }

        @Test
        void unknownVariablesRenderEmpty() {
            assertThat(render("a=$nope&b=1", TemplateSyntax.FORM, Map.of())).isEqualTo("a=&b=1");
            assertThat(unknown).containsExactly("nope");
        }
    }

    @Nested
    class Url {
        private static final String TEMPLATE = "http://orders.internal:9000/hooks/$data.id";

        @Test
        void aValueInThePathIsOneEncodedSegment() {
            assertThat(render(TEMPLATE, TemplateSyntax.URL, Map.of("data.id", "order 1")))
                    .isEqualTo("http://orders.internal:9000/hooks/order%201");
            assertThat(render(TEMPLATE, TemplateSyntax.URL, Map.of("data.id", "../../admin?x=1#f")))
                    .isEqualTo("http://orders.internal:9000/hooks/..%2F..%2Fadmin%3Fx%3D1%23f");
            assertThat(render(TEMPLATE, TemplateSyntax.URL, Map.of("data.id", "x?injected=1")))
                    .isEqualTo("http://orders.internal:9000/hooks/x%3Finjected%3D1");
            assertThat(render(TEMPLATE, TemplateSyntax.URL, Map.of("data.id", "100%;a=b@c:d[e]é~-._")))
                    .isEqualTo("http://orders.internal:9000/hooks/100%25%3Ba%3Db%40c%3Ad%5Be%5D%C3%A9~-._");
        }

        @Test
        void theRenderedUrlHasTheTemplatesPathAndNoQuery() {
            URI uri = URI.create(render(TEMPLATE, TemplateSyntax.URL, Map.of("data.id", "../../admin?x=1#f")));
            assertThat(uri.getHost()).isEqualTo("orders.internal");
            assertThat(uri.getRawPath().split("/")).hasSize(3);
            assertThat(uri.getPath()).isEqualTo("/hooks/../../admin?x=1#f");
            assertThat(uri.getRawQuery()).isNull();
            assertThat(uri.getRawFragment()).isNull();
        }

        @Test
        void aValueInTheQueryOrFragmentIsOneEncodedComponent() {
            String rendered =
                    render("http://h/x?id=$id&src=inlet#$id", TemplateSyntax.URL, Map.of("id", "a&role=admin+1#f"));
            assertThat(rendered).isEqualTo("http://h/x?id=a%26role%3Dadmin%2B1%23f&src=inlet#a%26role%3Dadmin%2B1%23f");
            URI uri = URI.create(rendered);
            assertThat(uri.getRawQuery().split("&")).hasSize(2);
            assertThat(uri.getFragment()).isEqualTo("a&role=admin+1#f");
        }

        @Test
        void theRestOfANameRunIsEncodedWithTheValue() {
            assertThat(render("http://h/x/$data.id#top", TemplateSyntax.URL, Map.of("data.id", "42")))
                    .isEqualTo("http://h/x/42%23top");
            assertThat(render("http://h/x/$data.id.json", TemplateSyntax.URL, Map.of("data.id", "42")))
                    .isEqualTo("http://h/x/42.json");
        }

        @Test
        void doubleDollarAndLongestPrefixWorkAsInText() {
            assertThat(render("http://h/$$x/$data.idx", TemplateSyntax.URL, Map.of("data.id", "a b", "data", "D")))
                    .isEqualTo("http://h/$x/a%20bx");
        }

        @Test
        void anEmptyPathSlotCannotRender() {
            Template template = Template.parse(TEMPLATE, TemplateSyntax.URL);
            assertThatThrownBy(() -> template.render(Map.of("data.id", ""), unknown::add))
                    .isInstanceOf(Template.UnrenderableException.class)
                    .hasMessage("$data.id renders empty in a url path segment");
            assertThatThrownBy(() -> template.render(Map.of(), unknown::add))
                    .isInstanceOf(Template.UnrenderableException.class);
            assertThat(unknown).containsExactly("data.id");
            assertThat(render("http://h/x?id=$nope", TemplateSyntax.URL, Map.of()))
                    .isEqualTo("http://h/x?id=");
        }

        @Test
        void aReferenceInTheSchemeOrAuthorityIsRefused() {
            for (String template : List.of(
                    "http://$host/x",
                    "$base/hooks",
                    "http://h:$port/x",
                    "http://$user@h/x",
                    "https://api.$tenant.example.com/x",
                    "http:$x",
                    "http:/$x",
                    "mailto:$x")) {
                Template parsed = Template.parse(template, TemplateSyntax.URL);
                assertThat(parsed.problems()).as(template).hasSize(1);
                assertThat(parsed.problems().get(0))
                        .as(template)
                        .endsWith("is in the url's scheme or authority: a payload must not choose where an event goes;"
                                + " put variables in the path or the query");
                assertThatThrownBy(() -> parsed.render(Map.of("host", "evil"), n -> {}))
                        .isInstanceOf(Template.UnrenderableException.class);
            }
            assertThat(Template.parse("http://h?q=$x", TemplateSyntax.URL).problems())
                    .isEmpty();
            assertThat(Template.parse("http://h#$x", TemplateSyntax.URL).problems())
                    .isEmpty();
        }
    }
}
