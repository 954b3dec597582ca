package dev.inlet.actions;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jayway.jsonpath.spi.cache.CacheProvider;
import com.jayway.jsonpath.spi.cache.NOOPCache;
import dev.inlet.config.PayloadFormat;
import dev.inlet.variables.Payload;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ConditionTest {

    private static final Payload ORDER_JSON = json(
            """
            {"data":{"amount":150,"currency":"EUR","paid":false,"note":null,"tags":[],
             "attributes":{"priority":"high","title":"Order 7"},
             "items":[{"sku":"A","qty":2},{"sku":"B","qty":10}]},
             "limit":"100"}""");

    private static final Payload ORDER_XML = xml(
            """
            <order id="7" total="250.5">
              <item><sku>A</sku></item>
              <item><sku>B</sku></item>
              <status>paid</status>
            </order>""");

    private static Payload json(String body) {
        return Payload.of(body.getBytes(UTF_8), PayloadFormat.JSON);
    }

    private static Payload xml(String body) {
        return Payload.of(body.getBytes(UTF_8), PayloadFormat.XML);
    }

    private static boolean test(String expression, PayloadFormat format, Payload payload) {
        return Condition.compile(expression, format).test(payload);
    }

    @Nested
    class JsonPaths {

        private boolean matches(String expression) {
            return test(expression, PayloadFormat.JSON, ORDER_JSON);
        }

        @Test
        void specExamples() {
            assertThat(matches("$.data[?(@.amount > 100)]")).isTrue();
            assertThat(matches("$.data[?(@.amount > 200)]")).isFalse();
            assertThat(matches("$.data.attributes[?(@.priority == 'high')]")).isTrue();
            assertThat(matches("$.data.attributes[?(@.priority == 'low')]")).isFalse();
        }

        @Test
        void decimalsCompareWithIntegerLiterals() {
            Payload decimal = json("{\"data\":{\"amount\":100.50}}");
            assertThat(test("$.data[?(@.amount > 100)]", PayloadFormat.JSON, decimal))
                    .isTrue();
            assertThat(test("$.data[?(@.amount == 100.5)]", PayloadFormat.JSON, decimal))
                    .isTrue();
        }

        @Test
        void filtersOverArrays() {
            assertThat(matches("$.data.items[?(@.qty > 5)]")).isTrue();
            assertThat(matches("$.data.items[?(@.qty > 50)]")).isFalse();
            assertThat(matches("$['data']['items'][0].sku")).isTrue();
        }

        @Test
        void scalarsMatchUnlessNullOrFalse() {
            assertThat(matches("$.data.amount")).isTrue();
            assertThat(matches("$.data.currency")).isTrue();
            assertThat(matches("$.data.paid")).isFalse();
            assertThat(matches("$.data.note")).isFalse();
            assertThat(matches("$.data.tags")).isFalse();
            assertThat(matches("$.data.attributes")).isTrue();
        }

        @Test
        void aMissingPathIsFalse() {
            assertThat(matches("$.data.missing")).isFalse();
            assertThat(matches("$.data.attributes.title.deeper")).isFalse();
            assertThat(matches("$.nothing[0].here")).isFalse();
        }

        @Test
        void replacesJsonPathsLruCacheSinceWeCompileOurselves() {
            Condition.compile("$.a", PayloadFormat.JSON);
            assertThat(CacheProvider.getCache()).isInstanceOf(NOOPCache.class);
        }

        @Test
        void isFalseOnXmlPayloadsOfAnAutoEndpoint() {
            assertThat(test("$.order", PayloadFormat.AUTO, ORDER_XML)).isFalse();
            assertThat(test("$.data.amount", PayloadFormat.AUTO, ORDER_JSON)).isTrue();
        }

        /** A form or multipart body is a JSON object of its fields, a repeated name an array. */
        @Test
        void runOverTheJsonViewOfAFormOrMultipartPayload() {
            Payload form = Payload.of(
                    "From=%2B1415&tag=a&tag=b&payload=%7B%22user%22%3A%7B%22id%22%3A%22U1%22%7D%7D".getBytes(UTF_8),
                    PayloadFormat.FORM,
                    null,
                    java.util.List.of("payload"),
                    dev.inlet.variables.FlattenLimits.DEFAULT,
                    heap -> {});
            assertThat(test("$.tag[?(@ == 'b')]", PayloadFormat.FORM, form)).isTrue();
            assertThat(test("$.tag[?(@ == 'c')]", PayloadFormat.FORM, form)).isFalse();
            assertThat(test("$.payload.user[?(@.id == 'U1')]", PayloadFormat.AUTO, form))
                    .isTrue();
            assertThat(test("$.From", PayloadFormat.FORM, form)).isTrue();
            assertThat(test("$.To", PayloadFormat.FORM, form)).isFalse();
            assertThat(test("$From == '+1415'", PayloadFormat.FORM, form)).isTrue();
            assertThat(test("$tag[1] == 'b'", PayloadFormat.FORM, form)).isTrue();
            assertThat(test("/From", PayloadFormat.AUTO, form))
                    .as("XPath on a form payload")
                    .isFalse();
            assertThatThrownBy(() -> Condition.compile("/From", PayloadFormat.MULTIPART))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("XPath cannot match a MULTIPART endpoint");
        }

        @Test
        void regularExpressionsAreRefused() {
            // java.util.regex backtracks on a hostile text without bound; no budget can count it.
            assertThatThrownBy(() -> Condition.compile("$.data[?(@.currency =~ /E.*R/)]", PayloadFormat.JSON))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("condition \"$.data[?(@.currency =~ /E.*R/)]\": a regular expression (=~)");
            assertThat(matches("$.data[?(@.currency == '=~')]")).isFalse();
        }

        @Test
        void productOperatorsBetweenTwoPayloadValuesAreRefused() {
            for (String expression : List.of(
                    "$.data[?(@.attributes.title contains @.currency)]",
                    "$[?(@.data.tags anyof $.data.items)]",
                    "$.data[?(!@.tags noneof @.items)]",
                    "$.data.items[?(@.sku subsetof $.data.tags)]",
                    "$.a[?(@.b[?(@.c CONTAINS @.d)])]")) {
                assertThatThrownBy(() -> Condition.compile(expression, PayloadFormat.JSON))
                        .as(expression)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("between two values of the payload");
            }
            assertThat(matches("$.data[?(@.attributes.title contains 'Order')]"))
                    .isTrue();
            assertThat(matches("$.data[?(@.tags anyof ['x', 'y'])]")).isFalse();
            assertThat(matches("$.data[?(@.currency in ['EUR', 'USD'])]")).isTrue();
            assertThat(matches("$.data[?(@['a contains b'] == 'x')]")).isFalse();
        }

        @Test
        void badPathsAndWrongFormatsAreRefusedAtCompileTime() {
            assertThatThrownBy(() -> Condition.compile("$.data[?(@.amount > ]", PayloadFormat.JSON))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("condition \"$.data[?(@.amount > ]\": invalid JsonPath");
            assertThatThrownBy(() -> Condition.compile("$.data", PayloadFormat.XML))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("JsonPath cannot match an XML endpoint");
        }
    }

    @Nested
    class XPaths {

        private boolean matches(String expression) {
            return test(expression, PayloadFormat.XML, ORDER_XML);
        }

        @Test
        void predicatesAndFunctions() {
            assertThat(matches("/order[@total > 100]")).isTrue();
            assertThat(matches("/order[@total > 1000]")).isFalse();
            assertThat(matches("count(/order/item) > 1")).isTrue();
            assertThat(matches("count(/order/item) > 2")).isFalse();
            assertThat(matches("/order/item[2]/sku = 'B'")).isTrue();
            assertThat(matches("/order/status[. = 'paid']")).isTrue();
            assertThat(matches("/order/missing")).isFalse();
            assertThat(matches("(/order/item)[1]")).isTrue();
        }

        @Test
        void prefixedNamesMatchByLocalName() {
            Payload soap = xml("<s:Envelope xmlns:s=\"urn:s\"><s:Body><ok/></s:Body></s:Envelope>");
            assertThat(test("/*[local-name()='Envelope']/*[local-name()='Body']/ok", PayloadFormat.XML, soap))
                    .isTrue();
        }

        @Test
        void isFalseOnJsonPayloadsOfAnAutoEndpoint() {
            assertThat(test("/order", PayloadFormat.AUTO, ORDER_JSON)).isFalse();
            assertThat(test("/order", PayloadFormat.AUTO, ORDER_XML)).isTrue();
        }

        @Test
        void badExpressionsAndWrongFormatsAreRefusedAtCompileTime() {
            assertThatThrownBy(() -> Condition.compile("/order[", PayloadFormat.XML))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("condition \"/order[\": invalid XPath");
            assertThatThrownBy(() -> Condition.compile("/s:Envelope", PayloadFormat.XML))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("condition \"/s:Envelope\": invalid XPath: " + "Prefix must resolve to a namespace: s");
            assertThatThrownBy(() -> Condition.compile("nosuchfunction(1)", PayloadFormat.AUTO))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Could not find function");
            assertThatThrownBy(() -> Condition.compile("/order", PayloadFormat.JSON))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("XPath cannot match a JSON endpoint");
            assertThatThrownBy(() -> Condition.compile("  ", PayloadFormat.XML))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("condition is empty");
        }

        @Test
        void onlyTheXPathCoreFunctionLibraryIsBound() {
            // Jaxen's default function context adds document(), which loads any URL, evaluate() and
            // string extensions; the JDK's engine added XSLT's. None of them is bound.
            for (String call : List.of(
                    "document('http://127.0.0.1:9/x.xml')",
                    "document('file:///etc/passwd')",
                    "evaluate('/order')",
                    "upper-case('a')",
                    "lower-case('A')",
                    "ends-with('ab', 'b')",
                    "current()",
                    "generate-id()",
                    "system-property('java.version')",
                    "key('k', 'v')",
                    "format-number(1, '#')")) {
                assertThatThrownBy(() -> Condition.compile(call, PayloadFormat.XML))
                        .as(call)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("invalid XPath: Could not find function: ");
            }
            for (String call : List.of(
                    "/order/item[last()]/sku = 'B'",
                    "/order/item[position() = 1]/sku = 'A'",
                    "count(/order/item) = 2",
                    "count(id('7')) = 0",
                    "local-name(/*) = 'order'",
                    "namespace-uri(/*) = ''",
                    "name(/*) = 'order'",
                    "string(/order/status)",
                    "concat('pa', 'id') = /order/status",
                    "starts-with(/order/status, 'pa')",
                    "contains(/order/status, 'ai')",
                    "substring-before('paid', 'i') = 'pa'",
                    "substring-after('paid', 'a') = 'id'",
                    "substring('paid', 2) = 'aid'",
                    "string-length(/order/status) = 4",
                    "normalize-space(' paid ') = 'paid'",
                    "translate('PAID', 'PAID', 'paid') = /order/status",
                    "boolean(/order)",
                    "not(/order/missing)",
                    "true()",
                    "not(false())",
                    "not(lang('en'))",
                    "number(/order/@id) = 7",
                    "sum(/order/@total) = 250.5",
                    "floor(/order/@total) = 250",
                    "ceiling(/order/@total) = 251",
                    "round(/order/@total) = 251")) {
                assertThat(matches(call)).as(call).isTrue();
            }
        }

        @Test
        void theNavigatorRefusesToLoadDocuments() {
            ConditionXPathNavigator navigator = new ConditionXPathNavigator(ConditionBudget.full());
            assertThatThrownBy(() -> navigator.getDocument("http://127.0.0.1:9/x.xml"))
                    .isInstanceOf(org.jaxen.FunctionCallException.class);
            assertThatThrownBy(() -> navigator.parseXPath("/order"))
                    .isInstanceOf(org.jaxen.saxpath.SAXPathException.class);
        }

        @Test
        void wrongArgumentCountsVariablesAndEveryPrefixAreRefusedAtCompileTime() {
            assertThatThrownBy(() -> Condition.compile("count() > 1", PayloadFormat.XML))
                    .hasMessage("condition \"count() > 1\": invalid XPath: count() takes 1 arguments, not 0");
            assertThatThrownBy(() -> Condition.compile("concat('a') = 'a'", PayloadFormat.XML))
                    .hasMessageContaining("concat() takes at least 2 arguments, not 1");
            assertThatThrownBy(() -> Condition.compile("substring('a', 1, 2, 3)", PayloadFormat.XML))
                    .hasMessageContaining("substring() takes 2 or 3 arguments, not 4");
            assertThatThrownBy(() -> Condition.compile("/order[$limit]", PayloadFormat.XML))
                    .hasMessageContaining("invalid XPath: no variables are bound: $limit");
            assertThatThrownBy(() -> Condition.compile("/order/@xml:lang", PayloadFormat.XML))
                    .hasMessageContaining("Prefix must resolve to a namespace: xml");
            assertThatThrownBy(() -> Condition.compile("/s:*", PayloadFormat.XML))
                    .hasMessageContaining("Prefix must resolve to a namespace: s");
            assertThatThrownBy(() -> Condition.compile("count(/order[s:f(1)])", PayloadFormat.XML))
                    .hasMessageContaining("Prefix must resolve to a namespace: s");
        }

        @Test
        void nodeSetsAreInDocumentOrderAttributesBeforeChildren() {
            assertThat(matches("string(/order/item[2] | /order/item[1]) = 'A'")).isTrue();
            assertThat(matches("string((/order/status | /order/item)[2]) = 'B'"))
                    .isTrue();
            assertThat(matches("string(/order/item | /order/@id) = '7'")).isTrue();
            assertThat(matches("string((//sku/ancestor::*)[1]) = string(/order)"))
                    .isTrue();
            assertThat(matches("(//item/preceding-sibling::*)[last()]/sku = 'A'"))
                    .isTrue();
        }

        @Test
        void numbersAndCharactersAsJaxenReadsThem() {
            // Jaxen departs from the JDK (and XPath 1.0) here: it reads numbers as Java does.
            assertThat(test("/a = 1000", PayloadFormat.XML, xml("<a>1e3</a>"))).isTrue();
            // It counts characters, not UTF-16 units (XPath 1.0 agrees, the JDK did not).
            assertThat(test("string-length(/a) = 1", PayloadFormat.XML, xml("<a>\uD83D\uDE00</a>")))
                    .isTrue();
        }

        @Test
        void isThreadSafe() throws Exception {
            Condition twoItems = Condition.compile("count(/order/item) = 2", PayloadFormat.XML);
            Condition jsonAmount = Condition.compile("$.data[?(@.amount == 150)]", PayloadFormat.JSON);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Callable<Boolean>> tasks = IntStream.range(0, 400)
                        .mapToObj(i -> (Callable<Boolean>)
                                () -> i % 2 == 0 ? twoItems.test(ORDER_XML) : jsonAmount.test(ORDER_JSON))
                        .toList();
                for (Future<Boolean> result : pool.invokeAll(tasks)) {
                    assertThat(result.get()).isTrue();
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Nested
    class Comparisons {

        private boolean onJson(String expression) {
            return test(expression, PayloadFormat.JSON, ORDER_JSON);
        }

        @Test
        void numbersCompareAsNumbers() {
            assertThat(onJson("$data.amount > 100")).isTrue();
            assertThat(onJson("$data.amount>=150")).isTrue();
            assertThat(onJson("$data.amount == 150.0")).isTrue();
            assertThat(onJson("$data.amount < 1e3")).isTrue();
            assertThat(onJson("$data.amount <= -1")).isFalse();
            assertThat(onJson("$data.amount != 150")).isFalse();
            assertThat(onJson("$data.items[1].qty > $data.items[0].qty")).isTrue();
            assertThat(onJson("$data.amount > $limit")).isTrue();
        }

        @Test
        void otherwiseTheyCompareAsStrings() {
            assertThat(onJson("$data.currency == 'EUR'")).isTrue();
            assertThat(onJson("$data.currency == \"EUR\"")).isTrue();
            assertThat(onJson("$data.currency != 'USD'")).isTrue();
            assertThat(onJson("$data.attributes.title > 'Order 10'")).isTrue();
            assertThat(onJson("$data.paid == 'false'")).isTrue();
            assertThat(onJson("$data.note == ''")).isTrue();
        }

        @Test
        void containsAndStartsWith() {
            assertThat(onJson("$data.attributes.title contains 'der 7'")).isTrue();
            assertThat(onJson("$data.attributes.title startsWith 'Order'")).isTrue();
            assertThat(onJson("$data.attributes.title startsWith 'order'")).isFalse();
            assertThat(onJson("$data.amount contains 5")).isTrue();
        }

        @Test
        void aMissingVariableIsFalseWhateverTheOperator() {
            assertThat(onJson("$data.missing == ''")).isFalse();
            assertThat(onJson("$data.missing != 'x'")).isFalse();
            assertThat(onJson("$data.amount == $data.missing")).isFalse();
        }

        @Test
        void workOnXmlVariablesAndAutoEndpoints() {
            assertThat(test("$order.@total > 250", PayloadFormat.XML, ORDER_XML))
                    .isTrue();
            assertThat(test("$order.item[1].sku == 'B'", PayloadFormat.AUTO, ORDER_XML))
                    .isTrue();
            assertThat(test("$order.status == 'paid'", PayloadFormat.AUTO, ORDER_XML))
                    .isTrue();
            assertThat(test("$data.amount == 150", PayloadFormat.AUTO, ORDER_JSON))
                    .isTrue();
        }

        @Test
        void badComparisonsAreRefusedWithTheirProblem() {
            assertThatThrownBy(() -> Condition.compile("$data.amount", PayloadFormat.JSON))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("condition \"$data.amount\": expected an operator "
                            + "(== != > >= < <= contains startsWith) at column 13");
            assertThatThrownBy(() -> Condition.compile("$data.amount === 5", PayloadFormat.JSON))
                    .hasMessageContaining("neither quoted");
            assertThatThrownBy(() -> Condition.compile("$data.paid == true", PayloadFormat.JSON))
                    .hasMessageContaining("quote it: 'true'");
            assertThatThrownBy(() -> Condition.compile("$data.currency == 'EUR", PayloadFormat.JSON))
                    .hasMessageContaining("no closing '");
            assertThatThrownBy(() -> Condition.compile("$a == 'x' extra", PayloadFormat.JSON))
                    .hasMessageContaining("unexpected text after the value");
            assertThatThrownBy(() -> Condition.compile("$a ==", PayloadFormat.JSON))
                    .hasMessageContaining("a value is missing after ==");
            assertThatThrownBy(() -> Condition.compile("$ == 1", PayloadFormat.JSON))
                    .hasMessageContaining("a variable name must follow $");
            assertThatThrownBy(() -> Condition.compile("$a containsx 'b'", PayloadFormat.JSON))
                    .hasMessageContaining("expected an operator");
        }
    }
}
