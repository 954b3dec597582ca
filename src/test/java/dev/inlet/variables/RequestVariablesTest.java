package dev.inlet.variables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.inlet.config.PayloadFormat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** {@code headers.<name>} and {@code query.<name>}: naming, decoding, bounds, clashes, and a bad query. */
class RequestVariablesTest {
    private static final byte[] HEADERS =
            "{\"x-github-event\":\"push\",\"user-agent\":\"GitHub-Hookshot/1\"}".getBytes(StandardCharsets.UTF_8);

    private static Payload payload(String body, byte[] headers, String query) {
        return Payload.of(
                body.getBytes(StandardCharsets.UTF_8),
                PayloadFormat.JSON,
                "application/json",
                List.of(),
                headers,
                query,
                FlattenLimits.DEFAULT,
                bytes -> {});
    }

    @Test
    void headersAndQueryFieldsFollowTheBodysVariables() {
        Payload p = payload("{\"a\":1}", HEADERS, "source=gh&tag=x&tag=y&s=hello+world%21&empty=&flag");
        assertThat(p.variables())
                .containsExactly(
                        entry("a", "1"),
                        entry("headers.x-github-event", "push"),
                        entry("headers.user-agent", "GitHub-Hookshot/1"),
                        entry("query.source", "gh"),
                        entry("query.tag[0]", "x"),
                        entry("query.tag[1]", "y"),
                        entry("query.s", "hello world!"),
                        entry("query.empty", ""),
                        entry("query.flag", ""));
        assertThat(p.flattened().notes()).isNull();
    }

    @Test
    void theRequestWinsANameTheBodyHasToo() {
        Payload p =
                payload("{\"headers\":{\"x-github-event\":\"forged\"},\"query\":{\"tag\":\"z\"}}", HEADERS, "tag=real");
        assertThat(p.variables())
                .containsEntry("headers.x-github-event", "push")
                .containsEntry("query.tag", "real");
    }

    @Test
    void theVariablesReadAsOneMapOfTheBodysWithTheRequestsOverThem() {
        byte[] headers = "{\"x-a\":\"h\",\"x-b\":\"only\"}".getBytes(StandardCharsets.UTF_8);
        String body = "{\"z\":1,\"headers\":{\"x-a\":\"forged\"},\"query\":{\"q\":\"b\"},\"m\":[true,null]}";
        Payload p = payload(body, headers, "q=real&r=2");
        // What one map holding the body's variables, then putAll of the request's, would hold.
        Map<String, String> copied = new LinkedHashMap<>(JsonFlattener.flatten(body.getBytes(StandardCharsets.UTF_8)));
        copied.put("headers.x-a", "h");
        copied.put("headers.x-b", "only");
        copied.put("query.q", "real");
        copied.put("query.r", "2");
        Map<String, String> merged = p.variables();
        assertThat(new ArrayList<>(merged.entrySet())).containsExactlyElementsOf(copied.entrySet());
        assertThat(merged).hasSize(copied.size()).isEqualTo(copied).hasSameHashCodeAs(copied);
        assertThat(merged.keySet())
                .containsExactly("z", "headers.x-a", "query.q", "m[0]", "m[1]", "headers.x-b", "query.r");
        assertThat(merged.get("headers.x-a")).isEqualTo("h");
        assertThat(merged.get("m[0]")).isEqualTo("true");
        assertThat(merged.get("nope")).isNull();
        assertThat(merged.containsKey("query.r")).isTrue();
        assertThat(merged.containsKey("nope")).isFalse();
        assertThatThrownBy(() -> merged.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        Iterator<Map.Entry<String, String>> it = merged.entrySet().iterator();
        for (int i = 0; i < copied.size(); i++) {
            it.next();
        }
        assertThat(it.hasNext()).isFalse();
        assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void aQueryThatIsNotFormEncodedGivesNoQueryVariablesAndANote() {
        Payload p = payload("{}", null, "a=1&b=%ZZ");
        assertThat(p.variables()).isEmpty();
        assertThat(p.flattened().notes()).isEqualTo("query: not form-encoded, no query variables");
    }

    @Test
    void withoutARequestThereAreOnlyTheBodysVariables() {
        assertThat(payload("{\"a\":1}", "{}".getBytes(StandardCharsets.UTF_8), "")
                        .variables())
                .containsExactly(entry("a", "1"));
        assertThat(Payload.of("{\"a\":1}".getBytes(StandardCharsets.UTF_8), PayloadFormat.JSON)
                        .variables())
                .containsExactly(entry("a", "1"));
    }

    @Test
    void theNamesRecordedAreTheBodysAlone() {
        Payload walked = payload("{\"a\":1}", HEADERS, "q=1");
        assertThat(walked.names().variables()).containsExactly(entry("a", ""));
        Payload flattened = payload("{\"a\":1}", HEADERS, "q=1");
        assertThat(flattened.variables()).hasSize(4);
        assertThat(flattened.names().variables()).containsExactly(entry("a", "1"));
    }

    @Test
    void theRequestsVariablesAreBoundedByTheWorkersLimits() {
        FlattenLimits two =
                new FlattenLimits(2, FlattenLimits.DEFAULT.maxChars(), FlattenLimits.DEFAULT.maxNameLength());
        Payload p = Payload.of(
                "{}".getBytes(StandardCharsets.UTF_8),
                PayloadFormat.JSON,
                null,
                List.of(),
                null,
                "a=1&b=2&c=3",
                two,
                bytes -> {});
        assertThat(p.variables()).containsExactly(entry("query.a", "1"), entry("query.b", "2"));
        assertThat(p.flattened().truncated())
                .isEqualTo("request variables truncated at workers.maxVariables (2): 2 kept");
    }

    @Test
    void theJsonDocumentIsTheBodyAlone() {
        assertThat(payload("{\"a\":1}", HEADERS, "q=1").jsonDocument().toString())
                .isEqualTo("{\"a\":1}");
    }
}
