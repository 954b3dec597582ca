package dev.inlet.variables;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PayloadSyntaxTest {

    private static final Duration FAST = Duration.ofSeconds(2);

    private static Optional<String> json(String body) {
        return PayloadSyntax.checkJson(body.getBytes(UTF_8));
    }

    private static Optional<String> xml(String body) {
        return PayloadSyntax.checkXml(body.getBytes(UTF_8));
    }

    @Nested
    class Json {

        @Test
        void acceptsOneValueOfAnyKind() {
            assertThat(json("{\"data\":{\"attributes\":{\"title\":\"x\"}}}")).isEmpty();
            assertThat(json("[1, 2.5e3, true, false, null, \"é\"]")).isEmpty();
            assertThat(json("  \"just a string\"\n")).isEmpty();
            assertThat(json("42")).isEmpty();
        }

        @Test
        void refusesAnEmptyOrBlankBody() {
            assertThat(json("")).hasValue("empty body: no JSON value");
            assertThat(json(" \n\t")).hasValue("empty body: no JSON value");
        }

        @Test
        void reportsTruncatedInputWithItsPosition() {
            assertThat(json("{\"amount\": 12")).hasValue("unexpected end of input at line 1, column 14");
            assertThat(json("[1, 2")).get().asString().startsWith("unexpected end of input");
            assertThat(json("{\"a\":\"unterminated")).get().asString().startsWith("unexpected end of input");
        }

        @Test
        void refusesContentAfterTheValue() {
            assertThat(json("{} x")).get().asString().startsWith("content after the JSON value");
            assertThat(json("{}{}")).hasValue("content after the JSON value at line 1, column 3");
            assertThat(json("1 2")).get().asString().startsWith("content after the JSON value");
        }

        @Test
        void refusesDeepNestingFastWithoutStackOverflow() {
            String deep = "[".repeat(100_000) + "]".repeat(100_000);
            Optional<String> reason = assertTimeoutPreemptively(FAST, () -> json(deep));
            assertThat(reason).get().asString().startsWith("nesting deeper than 256 levels");

            String objects = "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000);
            assertThat(json(objects)).get().asString().startsWith("nesting deeper than 256");
        }

        @Test
        void acceptsNestingAtTheLimit() {
            assertThat(json("[".repeat(256) + "]".repeat(256))).isEmpty();
            assertThat(json("[".repeat(257) + "]".repeat(257))).isPresent();
        }

        @Test
        void refusesHugeNumbersButNotHugeExponents() {
            assertThat(json("{\"n\":" + "9".repeat(101) + "}"))
                    .get()
                    .asString()
                    .startsWith("number longer than 100 characters");
            assertThat(json("[0." + "1".repeat(200) + "]")).get().asString().startsWith("number longer than 100");
            assertThat(json("[" + "9".repeat(100) + "]")).isEmpty();
            assertThat(json("[1e999999999]")).isEmpty();
        }

        @Test
        void refusesOverlongStringsAndNames() {
            String big = "a".repeat(Parsers.MAX_STRING_LENGTH + 1);
            assertThat(json("[\"" + big + "\"]")).get().asString().startsWith("string longer than");
            String name = "k".repeat(Parsers.MAX_NAME_LENGTH + 1);
            assertThat(json("{\"" + name + "\":1}")).get().asString().startsWith("field name longer than 4096");
        }

        @Test
        void refusesInvalidUtf8() {
            byte[] bad = {'[', '"', (byte) 0xff, '"', ']'};
            assertThat(PayloadSyntax.checkJson(bad)).hasValue("invalid UTF-8 at byte 2");
            byte[] overlong = {'[', '"', (byte) 0xc0, (byte) 0xaf, '"', ']'};
            assertThat(PayloadSyntax.checkJson(overlong)).hasValue("invalid UTF-8 at byte 2");
            byte[] surrogate = {'"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"'};
            assertThat(PayloadSyntax.checkJson(surrogate)).hasValue("invalid UTF-8 at byte 1");
            byte[] cut = {'"', (byte) 0xe2, (byte) 0x82};
            assertThat(PayloadSyntax.checkJson(cut)).hasValue("invalid UTF-8 at byte 1");
        }

        @Test
        void refusesNonStandardJson() {
            assertThat(json("{'a':1}")).isPresent();
            assertThat(json("[NaN]")).isPresent();
            assertThat(json("{\"a\":1,}")).isPresent();
            assertThat(json("// hi\n{}")).isPresent();
        }

        @Test
        void neverEchoesMoreThanAFewCharactersOfThePayload() {
            String secret = "supersecretvalue".repeat(20);
            Optional<String> reason = json("{\"a\": " + secret + "}");
            assertThat(reason).isPresent();
            assertThat(reason.get()).doesNotContain(secret.substring(0, 20)).hasSizeLessThan(160);
        }
    }

    @Nested
    class Xml {

        @Test
        void acceptsWellFormedDocuments() {
            assertThat(xml("<order id=\"7\"><item><sku>A</sku></item></order>")).isEmpty();
            assertThat(xml("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a>&amp;&#65;<![CDATA[x]]></a>"))
                    .isEmpty();
            assertThat(xml("<soap:Envelope xmlns:soap=\"urn:s\"><soap:Body/></soap:Envelope>"))
                    .isEmpty();
        }

        @Test
        void refusesNamesLongerThanTheDomTheConditionsReadTakes() {
            String name = "n".repeat(Parsers.MAX_NAME_LENGTH);
            assertThat(xml("<" + name + " " + name + "=\"1\"/>")).isEmpty();
            assertThat(xml("<p:" + name.substring(2) + " xmlns:p=\"urn:p\"/>")).isEmpty();
            assertThat(xml("<" + name + "x/>")).hasValue("a name is longer than 4096 characters at line 1, column 1");
            assertThat(xml("<a " + name + "x=\"1\"/>")).get().asString().startsWith("a name is longer than 4096");
            assertThat(xml("<p:" + name.substring(1) + " xmlns:p=\"urn:p\"/>")).isPresent();
            // What the check accepts, the DOM of XPath conditions reads.
            assertThat(Payload.of(
                                    ("<" + name + ">x</" + name + ">")
                                            .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                                    dev.inlet.config.PayloadFormat.XML)
                            .xmlDocument()
                            .getDocumentElement()
                            .getTagName())
                    .isEqualTo(name);
        }

        @Test
        void refusesEmptyAndTruncatedBodies() {
            assertThat(xml("")).isPresent();
            assertThat(xml("<order><item>")).get().asString().contains("line 1");
            assertThat(xml("<a></b>")).isPresent();
            assertThat(xml("<a/><b/>")).isPresent();
            assertThat(xml("<p:a/>")).isPresent();
        }

        @Test
        void refusesXxeReadingAFileWithoutReadingIt() {
            String body =
                    """
                    <?xml version="1.0"?>
                    <!DOCTYPE foo [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
                    <foo>&xxe;</foo>""";
            assertThat(assertTimeoutPreemptively(FAST, () -> xml(body)))
                    .hasValue("DOCTYPE is not allowed at line 2, column 1");
        }

        @Test
        void refusesXxeOverTheNetworkWithoutConnecting() {
            String body =
                    """
                    <!DOCTYPE foo [ <!ENTITY xxe SYSTEM "http://127.0.0.1:1/x"> ]><foo>&xxe;</foo>""";
            assertThat(assertTimeoutPreemptively(FAST, () -> xml(body)))
                    .get()
                    .asString()
                    .startsWith("DOCTYPE is not allowed");
        }

        @Test
        void refusesBillionLaughsFast() {
            StringBuilder body = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n");
            body.append(" <!ENTITY lol \"lol\">\n");
            for (int i = 1; i <= 9; i++) {
                body.append(" <!ENTITY lol")
                        .append(i)
                        .append(" \"")
                        .append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10))
                        .append("\">\n");
            }
            body.append("]>\n<lolz>&lol9;</lolz>");
            assertThat(assertTimeoutPreemptively(FAST, () -> xml(body.toString())))
                    .get()
                    .asString()
                    .startsWith("DOCTYPE is not allowed");
        }

        @Test
        void refusesExternalDtdAndParameterEntities() {
            assertThat(xml("<!DOCTYPE foo SYSTEM \"http://127.0.0.1:1/evil.dtd\"><foo/>"))
                    .get()
                    .asString()
                    .startsWith("DOCTYPE is not allowed");
            assertThat(xml("<!DOCTYPE foo [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]><foo/>"))
                    .get()
                    .asString()
                    .startsWith("DOCTYPE is not allowed");
            assertThat(xml("<!DOCTYPE foo><foo/>")).get().asString().startsWith("DOCTYPE is not allowed");
        }

        @Test
        void refusesUndeclaredEntities() {
            assertThat(xml("<foo>&xxe;</foo>")).isPresent();
        }

        @Test
        void leavesXIncludeUnprocessed() {
            String body =
                    """
                    <doc xmlns:xi="http://www.w3.org/2001/XInclude">\
                    <xi:include href="file:///etc/passwd" parse="text"/></doc>""";
            assertThat(xml(body)).isEmpty();
        }

        @Test
        void refusesDeepNestingFastWithoutStackOverflow() {
            String deep = "<a>".repeat(100_000) + "</a>".repeat(100_000);
            Optional<String> reason = assertTimeoutPreemptively(FAST, () -> xml(deep));
            assertThat(reason).get().asString().containsIgnoringCase("depth");
            assertThat(xml("<a>".repeat(256) + "</a>".repeat(256))).isEmpty();
        }

        @Test
        void refusesTooManyAttributesAndOverlongText() {
            StringBuilder attributes = new StringBuilder("<a");
            for (int i = 0; i <= Parsers.MAX_ATTRIBUTES; i++) {
                attributes.append(" a").append(i).append("=\"1\"");
            }
            assertThat(xml(attributes + "/>")).isPresent();
            String text = "x".repeat(Parsers.MAX_STRING_LENGTH + 1);
            assertThat(xml("<a>" + text + "</a>")).isPresent();
        }

        @Test
        void refusesInvalidUtf8() {
            byte[] bad = {'<', 'a', '>', (byte) 0xff, '<', '/', 'a', '>'};
            assertThat(PayloadSyntax.checkXml(bad)).get().asString().containsIgnoringCase("utf-8");
            byte[] cut = {'<', 'a', '>', (byte) 0xe2, (byte) 0x82, '<', '/', 'a', '>'};
            assertThat(PayloadSyntax.checkXml(cut)).isPresent();
        }

        @Test
        void neverEchoesMoreThanAFewCharactersOfThePayload() {
            String name = "supersecretvalue".repeat(20);
            Optional<String> reason = xml("<a><" + name + "></a>");
            assertThat(reason).isPresent();
            assertThat(reason.get()).doesNotContain(name.substring(0, 20)).hasSizeLessThan(160);
        }
    }
}
