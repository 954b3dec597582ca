package dev.inlet.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code endpoints[].answer}: what the loader keeps, what it refuses and how it says so, and how a body splits. */
class AnswerConfigTest {
    private static final ConfigLoader LOADER = new ConfigLoader(Map.of("GREETING", "hello"));

    private static AnswerConfig answer(String answer) {
        return LOADER.parse(config(answer)).endpoints().get(0).answer();
    }

    private static String config(String answer) {
        return """
        services: [ { id: s, keys: [k] } ]
        endpoints:
          - id: e
            service: s
            answer: %s
        """
                .formatted(answer);
    }

    private static List<String> problems(String answer) {
        try {
            LOADER.parse(config(answer));
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("expected the answer to be refused: " + answer);
    }

    @Test
    void anEndpointWithoutAnswerHasNone() {
        InletConfig c = LOADER.parse("services: [ { id: s, keys: [k] } ]\nendpoints: [ { id: e, service: s } ]");
        assertThat(c.endpoints().get(0).answer()).isNull();
    }

    @Test
    void whatIsSetIsKeptAndTheStatusDefaultsTo202() {
        assertThat(answer("{ status: 200, contentType: text/xml, body: \"<Response/>\" }"))
                .isEqualTo(new AnswerConfig(200, "text/xml", "<Response/>"));
        assertThat(answer("{ status: 204 }")).isEqualTo(new AnswerConfig(204, null, null));
        assertThat(answer("{ status: \"200\" }")).isEqualTo(new AnswerConfig(200, null, null));
        assertThat(answer("{ contentType: text/plain, body: \"$transid\" }"))
                .isEqualTo(new AnswerConfig(202, "text/plain", "$transid"));
        assertThat(answer("{ status: 200, body: \"\" }")).isEqualTo(new AnswerConfig(200, null, ""));
        assertThat(answer("{ contentType: \"text/plain; charset=utf-8\", body: \"${GREETING} $transid\" }")
                        .body())
                .as("the environment is substituted, as in every string")
                .isEqualTo("hello $transid");
    }

    @Test
    void aStatusOutsideTheThreeIsRefusedWithTheAllowedOnes() {
        assertThat(problems("{ status: 201 }"))
                .containsExactly("endpoints[0].answer.status: 201 is not one of 200, 202, 204");
        assertThat(problems("{ status: ok }"))
                .containsExactly("endpoints[0].answer.status: ok is not one of 200, 202, 204");
    }

    @Test
    void a204HasNoBody() {
        assertThat(problems("{ status: 204, contentType: text/plain, body: \"x\" }"))
                .containsExactlyInAnyOrder(
                        "endpoints[0].answer.body: a 204 answer has no body: remove body, or use status 200",
                        "endpoints[0].answer.contentType: a 204 answer has no body: remove contentType");
        assertThat(problems("{ status: 204, body: \"\" }"))
                .containsExactly("endpoints[0].answer.body: a 204 answer has no body: remove body, or use status 200");
    }

    @Test
    void aBodyNeedsItsContentTypeAndAContentTypeItsBody() {
        assertThat(problems("{ status: 200, body: \"<Response/>\" }"))
                .containsExactly(
                        "endpoints[0].answer.contentType: is required with a body, e.g. text/xml or application/json");
        assertThat(problems("{ status: 200, contentType: text/xml }"))
                .containsExactly("endpoints[0].answer.contentType: goes with a body: set body too, or remove"
                        + " contentType (the JSON code body)");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "\"text/xml\\r\\nX-Injected: 1\"|must be printable ASCII, without control characters (it is sent as a header)",
                "\"text/plain\\u0000\"|must be printable ASCII, without control characters (it is sent as a header)",
                "\"text/plain\\tx\"|must be printable ASCII, without control characters (it is sent as a header)",
                "\"text/pl\\u00e4in\"|must be printable ASCII, without control characters (it is sent as a header)",
                "xml|\"xml\" is not a media type: write type/subtype, e.g. text/xml or text/plain; charset=utf-8",
                "\"text /xml\"|\"text /xml\" is not a media type: write type/subtype, e.g. text/xml or text/plain;"
                        + " charset=utf-8"
            })
    void aContentTypeIsAPrintableMediaType(String contentType, String problem) {
        assertThat(problems("{ status: 200, contentType: " + contentType + ", body: \"x\" }"))
                .containsExactly("endpoints[0].answer.contentType: " + problem);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"id\": \"$data.id\"}|$data.id",
                "$transid_2|$transid_2",
                "$transidx|$transidx",
                "$TRANSID|$TRANSID",
                "ok $id|$id",
                "$$$body|$body"
            })
    void aReferenceToAnythingButTheTransidIsRefused(String body, String reference) {
        assertThat(problems("{ status: 200, contentType: text/plain, body: '" + body + "' }"))
                .containsExactly("endpoints[0].answer.body: " + reference
                        + " is not known: an answer has only $transid (write $$ for a literal $)");
    }

    @Test
    void unknownKeysAreNamed() {
        assertThat(problems("{ status: 200, headers: { X-A: b } }"))
                .containsExactly("endpoints[0].answer.headers: unknown key");
    }

    @Test
    void aBodySplitsAtEachTransid() {
        assertThat(AnswerConfig.literals("<Response/>")).containsExactly("<Response/>");
        assertThat(AnswerConfig.literals("")).containsExactly("");
        assertThat(AnswerConfig.literals("$transid")).containsExactly("", "");
        assertThat(AnswerConfig.literals("{\"id\":\"$transid\",\"again\":\"$transid\"}"))
                .containsExactly("{\"id\":\"", "\",\"again\":\"", "\"}");
        assertThat(AnswerConfig.literals("queued as $transid.")).containsExactly("queued as ", ".");
        assertThat(AnswerConfig.literals("$transid-$transid:x")).containsExactly("", "-", ":x");
        assertThat(AnswerConfig.literals("costs $$5, $$transid is $transid"))
                .as("$$ is one literal $, and what follows it is text")
                .containsExactly("costs $5, $transid is ", "");
        assertThat(AnswerConfig.literals("a $ b $")).as("a $ no name follows").containsExactly("a $ b $");
        assertThat(new AnswerConfig(204, null, null).literals()).isNull();
        assertThatThrownBy(() -> AnswerConfig.literals("$transidé"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("$transidé is not known");
    }
}
