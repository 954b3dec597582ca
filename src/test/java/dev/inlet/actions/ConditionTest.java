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

    private static final Payload ORDER_JSON = json("""
            {"data":{"amount":150,"currency":"EUR","paid":false,"note":null,"tags":[],
             "attributes":{"priority":"high","title":"Order 7"},
             "items":[{"sku":"A","qty":2},{"sku":"B","qty":10}]},
             "limit":"100"}""");

    private static final Payload ORDER_XML = xml("""
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
            assertThat(test("$.data[?(@.amount > 100)]", PayloadFormat.JSON, decimal)).isTrue();
            assertThat(test("$.data[?(@.amount == 100.5)]", PayloadFormat.JSON, decimal)).isTrue();
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
            assertThat(test("/*[local-name()='Envelope']/*[local-name()='Body']/ok",
                    PayloadFormat.XML, soap)).isTrue();
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
                    .hasMessage("condition \"/s:Envelope\": invalid XPath: "
                            + "Prefix must resolve to a namespace: s");
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
        void isThreadSafe() throws Exception {
            Condition twoItems = Condition.compile("count(/order/item) = 2", PayloadFormat.XML);
            Condition jsonAmount = Condition.compile("$.data[?(@.amount == 150)]", PayloadFormat.JSON);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Callable<Boolean>> tasks = IntStream.range(0, 400)
                        .mapToObj(i -> (Callable<Boolean>) () -> i % 2 == 0
                                ? twoItems.test(ORDER_XML) : jsonAmount.test(ORDER_JSON))
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
            assertThat(test("$order.@total > 250", PayloadFormat.XML, ORDER_XML)).isTrue();
            assertThat(test("$order.item[1].sku == 'B'", PayloadFormat.AUTO, ORDER_XML)).isTrue();
            assertThat(test("$order.status == 'paid'", PayloadFormat.AUTO, ORDER_XML)).isTrue();
            assertThat(test("$data.amount == 150", PayloadFormat.AUTO, ORDER_JSON)).isTrue();
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
