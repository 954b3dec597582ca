package dev.inlet.variables;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.entry;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inlet.config.PayloadFormat;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class PayloadTest {

    private static Payload json(String body) {
        return Payload.of(body.getBytes(UTF_8), PayloadFormat.JSON);
    }

    private static Payload xml(String body) {
        return Payload.of(body.getBytes(UTF_8), PayloadFormat.XML);
    }

    @Test
    void jsonPayloadGivesVariablesAndOneSharedTree() {
        Payload payload = json("{\"data\":{\"amount\":150.10,\"items\":[{\"sku\":\"A\"}]}}");

        assertThat(payload.format()).isEqualTo(PayloadFormat.JSON);
        assertThat(payload.variables())
                .containsExactly(entry("data.amount", "150.10"), entry("data.items[0].sku", "A"));
        assertThat(payload.variables()).isSameAs(payload.variables());
        JsonNode tree = payload.jsonDocument();
        assertThat(tree.at("/data/amount").decimalValue()).isEqualByComparingTo("150.10");
        assertThat(payload.jsonDocument()).isSameAs(tree);
    }

    @Test
    void xmlPayloadGivesVariablesAndOneSharedDom() {
        Payload payload = xml("<order id=\"7\"><item><sku>A</sku></item></order>");

        assertThat(payload.variables()).containsExactly(entry("order.@id", "7"), entry("order.item.sku", "A"));
        Document dom = payload.xmlDocument();
        assertThat(dom.getDocumentElement().getAttribute("id")).isEqualTo("7");
        assertThat(payload.xmlDocument()).isSameAs(dom);
    }

    @Test
    void viewsAreComputedOnceUnderConcurrency() {
        Payload payload = json("{\"a\":1}");
        List<Map<String, String>> seen =
                IntStream.range(0, 8).mapToObj(i -> CompletableFuture.supplyAsync(payload::variables)).toList().stream()
                        .map(CompletableFuture::join)
                        .toList();
        assertThat(seen).allSatisfy(map -> assertThat(map).isSameAs(seen.get(0)));
    }

    @Test
    void refusesAutoAndWrongDocumentKinds() {
        assertThatThrownBy(() -> Payload.of(new byte[0], PayloadFormat.AUTO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AUTO");
        assertThatThrownBy(() -> json("{}").xmlDocument()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> xml("<a/>").jsonDocument()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void malformedBodiesFailOnTheViewAskedFor() {
        assertThatThrownBy(() -> json("{\"a\":").jsonDocument())
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessageStartingWith("unexpected end of input");
        assertThatThrownBy(() -> json("{} 1").jsonDocument()).isInstanceOf(MalformedPayloadException.class);
        assertThatThrownBy(() -> json("").jsonDocument()).isInstanceOf(MalformedPayloadException.class);
        assertThatThrownBy(() -> xml("<a>").xmlDocument()).isInstanceOf(MalformedPayloadException.class);
    }

    /** Well-formed (the flattener keeps its text), but no tree holds it: refused, not a crash that retries. */
    @Test
    void aNumberWhoseExponentNoTreeHoldsFailsTheJsonDocumentAsMalformed() {
        Payload huge = json("{\"a\": 2e999999999999999999999999}");
        assertThat(huge.variables()).containsEntry("a", "2e999999999999999999999999");
        assertThatThrownBy(huge::jsonDocument)
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessage("number with an exponent out of range");
    }

    @Test
    void aViewThatFailedFailsAgainWithoutASecondParse() {
        // The body is shared, not copied: mending it after the failure shows whether a view parses again.
        byte[] json = "{\"a\": x}".getBytes(UTF_8);
        Payload payload = Payload.of(json, PayloadFormat.JSON);
        Throwable variables = catchThrowable(payload::variables);
        Throwable tree = catchThrowable(payload::jsonDocument);
        json[6] = '1';
        assertThat(variables).isInstanceOf(MalformedPayloadException.class);
        assertThat(catchThrowable(payload::variables)).isSameAs(variables);
        assertThat(catchThrowable(payload::jsonDocument)).isSameAs(tree);
        assertThat(Payload.of(json, PayloadFormat.JSON).variables()).containsEntry("a", "1");

        byte[] xml = "<a>1</b>".getBytes(UTF_8);
        Payload xmlPayload = Payload.of(xml, PayloadFormat.XML);
        Throwable dom = catchThrowable(xmlPayload::xmlDocument);
        Throwable xmlVariables = catchThrowable(xmlPayload::variables);
        xml[6] = 'a';
        assertThat(dom).isInstanceOf(MalformedPayloadException.class);
        assertThat(catchThrowable(xmlPayload::xmlDocument)).isSameAs(dom);
        assertThat(catchThrowable(xmlPayload::variables)).isSameAs(xmlVariables);
    }

    @Test
    void domRefusesDoctypeXxeAndDeepNesting() {
        Duration fast = Duration.ofSeconds(2);
        Payload xxe = xml("<!DOCTYPE foo [ <!ENTITY xxe SYSTEM \"http://127.0.0.1:1/x\"> ]>" + "<foo>&xxe;</foo>");
        assertTimeoutPreemptively(fast, () -> assertThatThrownBy(xxe::xmlDocument)
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessageContaining("DOCTYPE"));
        Payload file = xml("<!DOCTYPE foo [ <!ENTITY xxe SYSTEM \"file:///etc/passwd\"> ]>" + "<foo>&xxe;</foo>");
        assertThatThrownBy(file::xmlDocument).isInstanceOf(MalformedPayloadException.class);
        Payload deep = xml("<a>".repeat(100_000) + "</a>".repeat(100_000));
        assertTimeoutPreemptively(
                fast, () -> assertThatThrownBy(deep::xmlDocument).isInstanceOf(MalformedPayloadException.class));
    }

    @Test
    void domLeavesXIncludeUnprocessed() {
        Payload payload = xml("<doc xmlns:xi=\"http://www.w3.org/2001/XInclude\">"
                + "<xi:include href=\"file:///etc/passwd\" parse=\"text\"/></doc>");
        Document dom = payload.xmlDocument();
        assertThat(dom.getElementsByTagNameNS("http://www.w3.org/2001/XInclude", "include")
                        .getLength())
                .isEqualTo(1);
        assertThat(dom.getDocumentElement().getTextContent()).isEmpty();
    }

    @Test
    void variablesFollowThePayloadsLimitsAndNamesReuseTheFullViewOnceItExists() {
        byte[] body = "{\"a\": \"long value\", \"b\": [1, 2, 3]}".getBytes(UTF_8);
        Payload bounded = Payload.of(body, PayloadFormat.JSON, new FlattenLimits(2, 1000, 100));
        assertThat(bounded.variables()).containsExactly(entry("a", "long value"), entry("b[0]", "1"));
        assertThat(bounded.flattened().truncated())
                .isEqualTo("variables truncated at workers.maxVariables (2): 2 kept");
        assertThat(bounded.names()).isSameAs(bounded.flattened());

        Payload namesFirst = Payload.of(body, PayloadFormat.JSON, FlattenLimits.DEFAULT);
        Flattened names = namesFirst.names();
        assertThat(names.variables())
                .containsExactly(entry("a", ""), entry("b[0]", ""), entry("b[1]", ""), entry("b[2]", ""));
        assertThat(namesFirst.names()).isSameAs(names);
        assertThat(namesFirst.variables()).containsEntry("a", "long value");
    }

    @Test
    void everyViewTellsTheHeapItHoldsOnceWhenItIsBuilt() {
        java.util.concurrent.atomic.AtomicLong held = new java.util.concurrent.atomic.AtomicLong();
        byte[] json = "{\"a\": [1, 2, 3]}".getBytes(UTF_8);
        Payload payload = Payload.of(json, PayloadFormat.JSON, FlattenLimits.DEFAULT, held::addAndGet);
        assertThat(held).hasValue(0);
        payload.jsonDocument();
        payload.jsonDocument();
        assertThat(held).hasValue((long) json.length * Payload.JSON_TREE_BYTES_PER_BODY_BYTE);
        long flattened = payload.flattened().heapBytes();
        payload.names();
        payload.variables();
        assertThat(flattened).isPositive();
        assertThat(held).hasValue(json.length * Payload.JSON_TREE_BYTES_PER_BODY_BYTE + flattened);

        held.set(0);
        byte[] xml = "<a><b>1</b></a>".getBytes(UTF_8);
        Payload dom = Payload.of(xml, PayloadFormat.XML, FlattenLimits.DEFAULT, held::addAndGet);
        dom.xmlDocument();
        assertThat(held).hasValue((long) xml.length * Payload.DOM_BYTES_PER_BODY_BYTE);
        // A view that failed to parse holds nothing.
        Payload broken = Payload.of("{".getBytes(UTF_8), PayloadFormat.JSON, FlattenLimits.DEFAULT, held::addAndGet);
        held.set(0);
        catchThrowable(broken::jsonDocument);
        catchThrowable(broken::flattened);
        assertThat(held).hasValue(0);
    }
}
