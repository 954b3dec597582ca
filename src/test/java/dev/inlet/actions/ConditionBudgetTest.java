package dev.inlet.actions;

import static dev.inlet.actions.ConditionDocuments.QUADRATIC_XPATH;
import static dev.inlet.actions.ConditionDocuments.json;
import static dev.inlet.actions.ConditionDocuments.ordersJson;
import static dev.inlet.actions.ConditionDocuments.ordersXml;
import static dev.inlet.actions.ConditionDocuments.xml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.inlet.config.PayloadFormat;
import dev.inlet.support.HostileBodies;
import dev.inlet.variables.Payload;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every condition runs with a step budget: linear conditions over the largest bodies fit, hostile
 * bodies make costly ones run out of it, quickly and the same way every time. The steps the
 * realistic conditions spend are printed (target/surefire-reports).
 */
class ConditionBudgetTest {
    /** "Answered, not hung": without a budget the hostile cases take seconds to minutes, or exhaust the heap. */
    private static final Duration QUICKLY = Duration.ofSeconds(5);
    /** 5,000 orders with 400-character notes: 3.6 MB of XML (120,000 nodes), 3.2 MB of JSON. */
    private static final int ORDERS = 5_000;

    private static final int NOTE = 400;

    private static void assertRunsOut(Condition condition, Payload payload, ConditionBudget budget) {
        assertTimeoutPreemptively(QUICKLY, () -> assertThatThrownBy(() -> condition.test(payload, budget))
                .isInstanceOf(ConditionBudgetExceeded.class)
                .hasMessage(String.format(Locale.ROOT, "exceeded its budget of %,d steps", budget.steps())));
        assertThat(budget.spent()).isEqualTo(budget.steps());
    }

    /** Tests each condition with a full budget, prints the steps spent, and returns the outcomes. */
    private static Map<String, Boolean> outcomes(PayloadFormat format, Payload payload, String... expressions) {
        Map<String, Boolean> outcomes = new LinkedHashMap<>();
        for (String expression : expressions) {
            ConditionBudget budget = ConditionBudget.full();
            outcomes.put(expression, Condition.compile(expression, format).test(payload, budget));
            System.out.printf(Locale.ROOT, "%,10d steps  %s%n", budget.spent(), expression);
        }
        return outcomes;
    }

    @Nested
    class XPaths {

        @Test
        void theQuadraticRuleOfIssue14RunsOutOfTheBudgetOnA256KiBBody() {
            Payload body = xml(HostileBodies.itemsAndBlocked(256 * 1024));
            body.xmlDocument();
            assertRunsOut(Condition.compile(QUADRATIC_XPATH, PayloadFormat.XML), body, ConditionBudget.full());
        }

        @Test
        void realisticConditionsOverFourMegabytesFitTheBudget() {
            Payload orders = xml(ordersXml(ORDERS, NOTE));
            assertThat(outcomes(
                            PayloadFormat.XML,
                            orders,
                            "/orders/order[1]/status = 'paid'",
                            "count(/orders/order) > 10",
                            "count(/orders/order/item) = 15000",
                            "//item[@sku = 'SKU-14999']",
                            "//order[@total > 1000]",
                            "/orders/order[status = 'refunded']",
                            "count(//item) > 100",
                            "sum(//item/@qty) = 30000",
                            "//order[customer/email = 'c4999@example.com']",
                            "//*[local-name() = 'item'][@qty > 5]",
                            "contains(/orders/order[last()]/customer/name, 'Smith')",
                            "/orders/order[@id = 4999]/status = 'paid'",
                            "//order[status = 'refunded' and @total > 1500]",
                            "not(//order[@total > 5000])",
                            "count(/orders/order/status | /orders/order/customer) = 10000"))
                    .containsValues(true)
                    .containsEntry("/orders/order[1]/status = 'paid'", false)
                    .containsEntry("//*[local-name() = 'item'][@qty > 5]", false)
                    .containsEntry("//item[@sku = 'SKU-14999']", true)
                    .containsEntry("sum(//item/@qty) = 30000", true)
                    .containsEntry("count(/orders/order/status | /orders/order/customer) = 10000", true);
        }

        @Test
        void theBudgetRunsOutWhereverTheWorkIs() {
            Payload orders = xml(ordersXml(200, 10));
            for (String expression : new String[] {
                "//order[@total > 1000]", "sum(//item/@qty) > 0", "count(/orders/order | //item) > 0",
                "string-length(/orders) > 0", "translate(string(/), 'a', 'b') = ''", "contains(string(/), 'zz')",
                "count(//namespace::*) > 0", "count(//item/ancestor::*) > 0", "//item[lang('en')]"
            }) {
                assertRunsOut(Condition.compile(expression, PayloadFormat.XML), orders, ConditionBudget.of(500));
            }
        }

        @Test
        void containsAndSubstringSearchInLinearTime() {
            Payload texts = xml("<r><t>" + "a".repeat(128 * 1024) + "</t><p>" + "a".repeat(64 * 1024) + "b</p></r>");
            for (String expression : new String[] {
                "contains(/r/t, /r/p)", "substring-before(/r/t, /r/p) != ''", "substring-after(/r/t, /r/p) != ''"
            }) {
                Condition condition = Condition.compile(expression, PayloadFormat.XML);
                assertThat(assertTimeoutPreemptively(QUICKLY, () -> condition.test(texts)))
                        .as(expression)
                        .isFalse();
            }
            assertThat(Condition.compile("contains(/r/t, substring(/r/p, 2))", PayloadFormat.XML)
                            .test(texts))
                    .isFalse();
            assertThat(Condition.compile("contains(/r/t, substring(/r/p, 1, 65536))", PayloadFormat.XML)
                            .test(texts))
                    .isTrue();
        }

        @Test
        void spendsTheSameStepsEveryTime() {
            Payload orders = xml(ordersXml(100, 10));
            Condition condition = Condition.compile("count(//item[@qty > 1] | //status) > 0", PayloadFormat.XML);
            ConditionBudget first = ConditionBudget.full();
            ConditionBudget second = ConditionBudget.full();
            condition.test(orders, first);
            condition.test(orders, second);
            assertThat(first.spent()).isPositive().isEqualTo(second.spent());
        }
    }

    @Nested
    class JsonPaths {

        @Test
        void realisticConditionsOverFourMegabytesFitTheBudget() {
            Payload orders = json(ordersJson(ORDERS, NOTE));
            assertThat(outcomes(
                            PayloadFormat.JSON,
                            orders,
                            "$.orders[0].status",
                            "$.orders[?(@.total > 1000)]",
                            "$..items[?(@.sku == 'SKU-1')]",
                            "$..email",
                            "$.orders[?(@.status == 'refunded')]",
                            "$..[?(@.qty > 5)]",
                            "$.orders[4999].items[2].sku",
                            "$.orders[?(@.customer.email == 'c4999@example.com')]",
                            "$.orders[*].items[?(@.qty == 3)]",
                            "$.orders.length()",
                            "$..sku"))
                    .containsValues(true)
                    .containsEntry("$..[?(@.qty > 5)]", false)
                    .containsEntry("$.orders[?(@.customer.email == 'c4999@example.com')]", true);
        }

        @Test
        void jsonPathDoesNotSwallowTheBudgetsException() {
            Payload orders = json(ordersJson(200, 10));
            for (String expression : new String[] {
                "$.orders[?(@.total > 1000)]",
                "$..email",
                "$.orders[*].items[*].sku",
                "$..[?(@.items.length() > 2)]",
                "$.orders[?(@.customer.email in $..email)]",
                "$.orders[?(@.total == $.orders[1].total)]"
            }) {
                assertRunsOut(Condition.compile(expression, PayloadFormat.JSON), orders, ConditionBudget.of(300));
            }
        }

        @Test
        void aDeepScanUnderLongKeysRunsOutInsteadOfFillingTheHeap() {
            // Every zero's path is 32,000 characters: json-path would build and keep gigabytes of them.
            Payload zeros = json(HostileBodies.nestedKeys(4000, 256 * 1024));
            zeros.jsonDocument();
            assertRunsOut(Condition.compile("$..*", PayloadFormat.JSON), zeros, ConditionBudget.full());
            assertRunsOut(Condition.compile("$..[?(@ == 1)]", PayloadFormat.JSON), zeros, ConditionBudget.full());
        }
    }

    @Nested
    class Comparisons {

        @Test
        void containsIsLinearOnTheWorstCaseStrings() {
            // String.contains compares up to 128 Ki × 64 Ki characters here: seconds.
            String text = "a".repeat(128 * 1024);
            String pattern = "a".repeat(64 * 1024) + "b";
            Payload values = json("{\"a\": \"" + text + "\", \"b\": \"" + pattern + "\", \"c\": \"" + text + "b\"}");
            values.variables();
            ConditionBudget budget = ConditionBudget.full();
            Condition contains = Condition.compile("$a contains $b", PayloadFormat.JSON);
            assertThat(assertTimeoutPreemptively(QUICKLY, () -> contains.test(values, budget)))
                    .isFalse();
            assertThat(budget.spent())
                    .isEqualTo(1 + (text.length() + pattern.length()) / ConditionBudget.CHARS_PER_STEP);
            assertThat(Condition.compile("$c contains $b", PayloadFormat.JSON).test(values))
                    .isTrue();
        }

        @Test
        void longOperandsRunOutOfTheInlineBudget() {
            Payload values = json("{\"a\": \"" + "x".repeat(200_000) + "\", \"b\": \"x\"}");
            assertRunsOut(Condition.compile("$a startsWith $b", PayloadFormat.JSON), values, ConditionBudget.inline());
            assertThat(Condition.compile("$a startsWith $b", PayloadFormat.JSON).test(values, ConditionBudget.full()))
                    .isTrue();
        }
    }
}
