package dev.inlet.variables;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.Map;
import org.junit.jupiter.api.Test;

class XmlFlattenerTest {

    private static Map<String, String> flatten(String xml) {
        return XmlFlattener.flatten(xml.getBytes(UTF_8));
    }

    @Test
    void specExample() {
        assertThat(flatten("<order id=\"7\"><item><sku>A</sku></item><item><sku>B</sku></item>\n</order>"))
                .containsExactly(
                        entry("order.@id", "7"), entry("order.item[0].sku", "A"), entry("order.item[1].sku", "B"));
    }

    @Test
    void onlyRepeatedSiblingsAreIndexedEvenWhenInterleaved() {
        assertThat(flatten("<r><a>1</a><b>x</b><a>2</a><c><a>3</a></c></r>"))
                .containsExactly(entry("r.a[0]", "1"), entry("r.b", "x"), entry("r.a[1]", "2"), entry("r.c.a", "3"));
    }

    @Test
    void textBesideAttributesOrChildrenIsHashText() {
        assertThat(flatten("<r><price currency=\"EUR\">12.50</price><p>Hello <b>you</b> there</p></r>"))
                .containsExactly(
                        entry("r.price.@currency", "EUR"),
                        entry("r.price.#text", "12.50"),
                        entry("r.p.#text", "Hello  there"),
                        entry("r.p.b", "you"));
    }

    @Test
    void textIsTrimmedAndWhitespaceBetweenElementsIgnored() {
        String pretty =
                """
                <order>
                  <note>
                    leave at the door
                  </note>
                  <blank>   </blank>
                </order>
                """;
        assertThat(flatten(pretty)).containsExactly(entry("order.note", "leave at the door"), entry("order.blank", ""));
    }

    @Test
    void emptyElementsAreEmptyStringsUnlessTheyHaveAttributes() {
        assertThat(flatten("<r><a/><b></b><c id=\"1\"/></r>"))
                .containsExactly(entry("r.a", ""), entry("r.b", ""), entry("r.c.@id", "1"));
        assertThat(flatten("<r/>")).containsExactly(entry("r", ""));
    }

    @Test
    void cdataAndPredefinedEntitiesAreText() {
        assertThat(flatten("<r>a &amp; b &#65;<![CDATA[ <raw> ]]></r>")).containsExactly(entry("r", "a & b A <raw>"));
    }

    @Test
    void namespacesKeepThePrefixAsWritten() {
        String soap =
                """
                <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns="urn:d">
                  <soap:Body><order xml:lang="en" soap:mustUnderstand="1"><id>9</id></order></soap:Body>
                </soap:Envelope>""";
        assertThat(flatten(soap))
                .containsExactly(
                        entry("soap:Envelope.soap:Body.order.@xml:lang", "en"),
                        entry("soap:Envelope.soap:Body.order.@soap:mustUnderstand", "1"),
                        entry("soap:Envelope.soap:Body.order.id", "9"));
    }

    @Test
    void commentsAndProcessingInstructionsAreIgnored() {
        assertThat(flatten("<?xml version=\"1.0\"?><!-- c --><r><?pi x?><a>1<!-- c --></a></r>"))
                .containsExactly(entry("r.a", "1"));
    }

    @Test
    void xincludeIsJustAnElement() {
        String body =
                """
                <doc xmlns:xi="http://www.w3.org/2001/XInclude">\
                <xi:include href="file:///etc/passwd" parse="text"/></doc>""";
        assertThat(flatten(body))
                .containsExactly(
                        entry("doc.xi:include.@href", "file:///etc/passwd"), entry("doc.xi:include.@parse", "text"));
    }

    @Test
    void refusesDoctypeAndDeepNesting() {
        assertThatThrownBy(
                        () -> flatten("<!DOCTYPE foo [ <!ENTITY xxe SYSTEM \"file:///etc/passwd\"> ]><foo>&xxe;</foo>"))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessageStartingWith("DOCTYPE is not allowed");
        assertThatThrownBy(() -> flatten("<a>".repeat(100_000) + "</a>".repeat(100_000)))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessageContaining("Depth");
    }

    @Test
    void refusesMalformedBodies() {
        assertThatThrownBy(() -> flatten("<a><b></a>")).isInstanceOf(MalformedPayloadException.class);
        assertThatThrownBy(() -> flatten("")).isInstanceOf(MalformedPayloadException.class);
    }
}
