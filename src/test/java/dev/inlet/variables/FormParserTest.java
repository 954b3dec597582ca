package dev.inlet.variables;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.inlet.config.PayloadFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The form scanner and its variables: decoding, repeated names, limits and what it refuses. */
class FormParserTest {

    private static Map<String, String> variables(String body, String... jsonFields) {
        return Payload.of(bytes(body), PayloadFormat.FORM, null, List.of(jsonFields), FlattenLimits.DEFAULT, b -> {})
                .variables();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    @Test
    void twilioShapedFormGivesItsFieldsByName() {
        String body = "ToCountry=US&Body=Hello+there%21+caf%C3%A9+%F0%9F%98%80&From=%2B14155550100"
                + "&NumMedia=0&MessageSid=SM1234";
        assertThat(PayloadSyntax.checkForm(bytes(body))).isEmpty();
        assertThat(variables(body))
                .containsExactly(
                        entry("ToCountry", "US"),
                        entry("Body", "Hello there! café 😀"),
                        entry("From", "+14155550100"),
                        entry("NumMedia", "0"),
                        entry("MessageSid", "SM1234"));
    }

    @Test
    void repeatedNamesAreIndexedEmptyValuesAndSegmentsAreKept() {
        assertThat(variables("tag=a&x&tag=b&&y=&tag=c&"))
                .containsExactly(
                        entry("tag[0]", "a"),
                        entry("x", ""),
                        entry("tag[1]", "b"),
                        entry("y", ""),
                        entry("tag[2]", "c"));
    }

    @Test
    void plusAndPercentTwentyAreBothASpaceAndAnEscapedPlusIsAPlus() {
        assertThat(variables("a=x+y&b=x%20y&c=x%2By&d+e=1&f%20g=2"))
                .containsExactly(
                        entry("a", "x y"), entry("b", "x y"), entry("c", "x+y"), entry("d e", "1"), entry("f g", "2"));
    }

    @Test
    void anEmptyValueAndAFieldWithoutEqualsBothHaveAnEmptyValue() {
        assertThat(variables("a=&b")).containsExactly(entry("a", ""), entry("b", ""));
        // A field with an empty name is still a field: "=x" names the variable "".
        assertThat(variables("=x&c=1")).containsExactly(entry("", "x"), entry("c", "1"));
    }

    /** The same scanner reads a query string into fields, which flatten under a prefix. */
    @Test
    void aQueryStringReadsIntoASinkAndFlattensUnderAPrefix() {
        byte[] query = bytes("hub.mode=subscribe&tag=a&tag=b&q=caf%C3%A9+au+lait");
        List<BodyField> fields = new java.util.ArrayList<>();
        FormParser.read(query, fields::add);
        assertThat(fields).extracting(BodyField::name).containsExactly("hub.mode", "tag", "tag", "q");
        assertThat(((BodyField.Text) fields.get(3)).value(query)).isEqualTo("café au lait");
        Flattened f = FieldFlattener.flatten(
                query, fields, java.util.Set.of(), "query.", new VariableSink(FlattenLimits.DEFAULT, true));
        assertThat(f.variables())
                .containsExactly(
                        entry("query.hub.mode", "subscribe"),
                        entry("query.tag[0]", "a"),
                        entry("query.tag[1]", "b"),
                        entry("query.q", "café au lait"));
        List<BodyField> none = new java.util.ArrayList<>();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FormParser.read(bytes("a=%zz"), none::add))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessage("invalid percent escape at byte 2");
    }

    @Test
    void aValueKeepsItsFurtherEqualsSignsAndAnEmptyBodyHasNoFields() {
        assertThat(variables("q=a=b%3Dc")).containsExactly(entry("q", "a=b=c"));
        assertThat(PayloadSyntax.checkForm(new byte[0])).isEmpty();
        assertThat(variables("")).isEmpty();
    }

    @Test
    void jsonFieldsAreFlattenedUnderTheirName() {
        String json = "{\"type\":\"block_actions\",\"user\":{\"id\":\"U1\"},\"actions\":[{\"value\":\"go\"}]}";
        String body = "payload=" + java.net.URLEncoder.encode(json, UTF_8) + "&n=" + "42";
        assertThat(variables(body, "payload", "n"))
                .containsExactly(
                        entry("payload.type", "block_actions"),
                        entry("payload.user.id", "U1"),
                        entry("payload.actions[0].value", "go"),
                        entry("n", "42"));
    }

    @Test
    void aDeclaredFieldThatIsNotJsonKeepsItsTextAndIsNoted() {
        Flattened f = Payload.of(
                        bytes("payload=%7Bnot+json&b=1"),
                        PayloadFormat.FORM,
                        null,
                        List.of("payload"),
                        FlattenLimits.DEFAULT,
                        b -> {})
                .flattened();
        assertThat(f.variables()).containsExactly(entry("payload", "{not json"), entry("b", "1"));
        assertThat(f.notes()).isEqualTo("jsonFields payload: not JSON, kept as text");
        assertThat(f.isTruncated()).isFalse();
    }

    /** Found by the fuzz target: JSON whose number no tree holds stays text in the JSON view. */
    @Test
    void aDeclaredFieldWhoseJsonNoTreeHoldsIsTextInTheJsonView() {
        Payload payload = Payload.of(
                bytes("a=2e999999999999999999999999"),
                PayloadFormat.FORM,
                null,
                List.of("a"),
                FlattenLimits.DEFAULT,
                b -> {});
        assertThat(payload.variables()).containsExactly(entry("a", "2e999999999999999999999999"));
        assertThat(payload.jsonDocument().toString()).isEqualTo("{\"a\":\"2e999999999999999999999999\"}");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "a=%                | invalid percent escape at byte 2",
                "a=%4               | invalid percent escape at byte 2",
                "a=%4&b=1           | invalid percent escape at byte 2",
                "a=%zz              | invalid percent escape at byte 2",
                "a=%C3              | invalid UTF-8 at byte 5",
                "a=%C3%28           | invalid UTF-8 at byte 5",
                "a=%C0%AF           | invalid UTF-8 at byte 2",
                "a=%ED%A0%80        | invalid UTF-8 at byte 5",
                "a=%F4%90%80%80     | invalid UTF-8 at byte 5",
                "%FF=1              | invalid UTF-8 at byte 0",
            })
    void malformedEscapesAndUtf8AreRefusedWithAnOffset(String body, String reason) {
        assertThat(PayloadSyntax.checkForm(bytes(body))).contains(reason);
    }

    @Test
    void rawBytesMustBeUtf8Too() {
        byte[] body = {'a', '=', (byte) 0xC3, (byte) 0x28};
        assertThat(PayloadSyntax.checkForm(body)).contains("invalid UTF-8 at byte 3");
        byte[] split = {'a', '=', '%', 'C', '3', (byte) 0xA9};
        assertThat(PayloadSyntax.checkForm(split)).isEmpty();
        assertThat(Payload.of(split, PayloadFormat.FORM).variables()).containsExactly(entry("a", "é"));
    }

    @Test
    void limitsAreRefused() {
        String many = "a&".repeat(Parsers.MAX_FIELDS) + "b";
        assertThat(PayloadSyntax.checkForm(bytes(many))).contains("more than 10000 fields at byte 20000");
        assertThat(PayloadSyntax.checkForm(bytes("a&".repeat(Parsers.MAX_FIELDS))))
                .isEmpty();
        String longName = "n".repeat(Parsers.MAX_FIELD_NAME_BYTES + 1) + "=1";
        assertThat(PayloadSyntax.checkForm(bytes(longName))).contains("field name longer than 4096 bytes at byte 0");
        // Escapes count once decoded: 4,096 escaped bytes are 4,096 bytes of name.
        assertThat(PayloadSyntax.checkForm(bytes("%41".repeat(Parsers.MAX_FIELD_NAME_BYTES) + "=1")))
                .isEmpty();
        String longValue = "v=" + "x".repeat(Parsers.MAX_FIELD_VALUE_BYTES + 1);
        assertThat(PayloadSyntax.checkForm(bytes(longValue)))
                .contains("field value longer than 4194304 bytes at byte 2");
        String value = "x".repeat(Parsers.MAX_FIELD_VALUE_BYTES);
        String total = ("v=" + value + "&").repeat(4) + "w=x";
        assertThat(PayloadSyntax.checkForm(bytes(total)))
                .hasValueSatisfying(r -> assertThat(r).startsWith("names and values longer than 16777216 bytes"));
    }

    @Test
    void variablesStayWithinTheFlattenLimits() {
        FlattenLimits small = new FlattenLimits(2, 1_000, 8);
        Flattened f = Payload.of(bytes("a=1&b=2&c=3&toolongname=4"), PayloadFormat.FORM, small)
                .flattened();
        assertThat(f.variables()).containsExactly(entry("a", "1"), entry("b", "2"));
        assertThat(f.truncated()).contains("workers.maxVariables (2)").contains("workers.maxNameLength (8)");
    }

    @Test
    void theNamesWalkNamesTheSameVariablesWithoutValues() {
        String body = "tag=a&tag=b&payload=%7B%22user%22%3A%7B%22id%22%3A1%7D%7D";
        Payload payload =
                Payload.of(bytes(body), PayloadFormat.FORM, null, List.of("payload"), FlattenLimits.DEFAULT, b -> {});
        assertThat(payload.names().variables())
                .containsExactly(entry("tag[0]", ""), entry("tag[1]", ""), entry("payload.user.id", ""));
    }

    @Test
    void theJsonViewHasAStringPerFieldAnArrayPerRepeatedNameAndJsonFieldsParsed() {
        String body = "tag=a&From=%2B1&tag=b&payload=%7B%22user%22%3A%7B%22id%22%3A%22U1%22%7D%7D";
        Payload payload =
                Payload.of(bytes(body), PayloadFormat.FORM, null, List.of("payload"), FlattenLimits.DEFAULT, b -> {});
        assertThat(payload.jsonDocument().toString())
                .isEqualTo("{\"tag\":[\"a\",\"b\"],\"From\":\"+1\",\"payload\":{\"user\":{\"id\":\"U1\"}}}");
        assertThat(payload.jsonDocument()).isSameAs(payload.jsonDocument());
    }
}
