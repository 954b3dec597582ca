package dev.inlet.variables;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.inlet.support.HostileBodies;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Both flatteners within {@link FlattenLimits}: what does not fit is left out, the rest keeps its
 * names, the note says which bound cut it, and the bodies that used to take gigabytes stay small.
 */
class BoundedFlatteningTest {

    private static Flattened json(String body, FlattenLimits limits) {
        return JsonFlattener.flatten(body.getBytes(UTF_8), limits);
    }

    private static Flattened xml(String body, FlattenLimits limits) {
        return XmlFlattener.flatten(body.getBytes(UTF_8), limits);
    }

    private static FlattenLimits variables(int max) {
        return new FlattenLimits(max, FlattenLimits.DEFAULT.maxChars(), FlattenLimits.DEFAULT.maxNameLength());
    }

    private static FlattenLimits chars(int max) {
        return new FlattenLimits(FlattenLimits.DEFAULT.maxVariables(), max, FlattenLimits.DEFAULT.maxNameLength());
    }

    private static FlattenLimits names(int max) {
        return new FlattenLimits(FlattenLimits.DEFAULT.maxVariables(), FlattenLimits.DEFAULT.maxChars(), max);
    }

    @Test
    void aBodyWithinTheLimitsIsWholeAndHasNoNote() {
        Flattened f = json("{\"data\":{\"id\":7,\"tags\":[\"a\",\"b\"]}}", FlattenLimits.DEFAULT);
        assertThat(f.variables())
                .containsExactly(entry("data.id", "7"), entry("data.tags[0]", "a"), entry("data.tags[1]", "b"));
        assertThat(f.truncated()).isNull();
        assertThat(f.isTruncated()).isFalse();
    }

    @Test
    void jsonKeepsTheFirstVariablesThatFitTheCount() {
        Flattened f = json("{\"a\":[0,0,0,0,0],\"b\":1}", variables(3));
        assertThat(f.variables()).containsExactly(entry("a[0]", "0"), entry("a[1]", "0"), entry("a[2]", "0"));
        assertThat(f.truncated()).isEqualTo("variables truncated at workers.maxVariables (3): 3 kept");
    }

    @Test
    void jsonSkipsWhatHasTooLongANameAndKeepsItsSiblings() {
        String longKey = "k".repeat(2000);
        Flattened f = json(
                "{\"" + longKey + "\":{\"x\":1,\"y\":[1,2]},\"data\":{\"" + longKey + "\":2,\"id\":3}}", names(64));
        assertThat(f.variables()).containsExactly(entry("data.id", "3"));
        assertThat(f.truncated()).isEqualTo("variables truncated at workers.maxNameLength (64): 1 kept");
    }

    @Test
    void anEmptyContainerBehindALongNameLeavesNothingOut() {
        Flattened f = json("{\"" + "k".repeat(100) + "\":{},\"a\":1}", names(10));
        assertThat(f.variables()).containsExactly(entry("a", "1"));
        assertThat(f.truncated()).isNull();
    }

    @Test
    void jsonSkipsAValueTooLongForTheCharactersLeftAndKeepsSmallerOnes() {
        Flattened f = json("{\"a\":\"" + "x".repeat(100) + "\",\"b\":\"y\",\"c\":\"zz\"}", chars(10));
        assertThat(f.variables()).containsExactly(entry("b", "y"), entry("c", "zz"));
        assertThat(f.truncated()).isEqualTo("variables truncated at workers.maxVariableChars (10): 2 kept");
    }

    @Test
    void everyBoundThatCutIsNamed() {
        Flattened f = json("{\"" + "k".repeat(50) + "\":1,\"a\":[1,2,3]}", new FlattenLimits(2, 100, 10));
        assertThat(f.variables()).containsOnlyKeys("a[0]", "a[1]");
        assertThat(f.truncated())
                .isEqualTo("variables truncated at workers.maxVariables (2), workers.maxNameLength (10): 2 kept");
    }

    @Test
    void aRepeatedKeyReplacesItsValueAndItsCharacters() {
        // 7 characters, then 2 more (checked as if new), which leave 2 in use; then 5: 7 of 10.
        Flattened f = json("{\"a\":\"" + "x".repeat(6) + "\",\"a\":\"y\",\"b\":\"zzzz\"}", chars(10));
        assertThat(f.variables()).containsExactly(entry("a", "y"), entry("b", "zzzz"));
        assertThat(f.truncated()).isNull();
    }

    @Test
    void aBodyCutShortIsStillMalformedAfterTheCountIsFull() {
        assertThatThrownBy(() -> json("[0,0,0,0,", variables(2))).isInstanceOf(MalformedPayloadException.class);
        assertThatThrownBy(() -> json("{\"" + "k".repeat(20) + "\":[1,2", names(5)))
                .isInstanceOf(MalformedPayloadException.class);
        assertThatThrownBy(() -> json("[0,0,0] 1", variables(2))).isInstanceOf(MalformedPayloadException.class);
    }

    @Test
    void aNamesOnlyWalkBuildsNoValuesAndCountsOnlyNames() {
        byte[] body = ("{\"a\":\"" + "x".repeat(100) + "\",\"b\":[true,null,1.5]}").getBytes(UTF_8);
        Flattened names = JsonFlattener.names(body, chars(20));
        assertThat(names.variables())
                .containsExactly(entry("a", ""), entry("b[0]", ""), entry("b[1]", ""), entry("b[2]", ""));
        assertThat(names.truncated()).isNull();
        assertThat(JsonFlattener.flatten(body, chars(20)).variables()).doesNotContainKey("a");
    }

    @Test
    void nestedLongKeysThatOnceTookGigabytesYieldNothingAndFast() {
        // Each of the 115,000 zeros would have been named by a 32,000-character path: 3.7 G characters.
        Flattened f = json(HostileBodies.nestedKeys(4000, 256 * 1024), FlattenLimits.DEFAULT);
        assertThat(f.variables()).isEmpty();
        assertThat(f.truncated()).isEqualTo("variables truncated at workers.maxNameLength (1024): 0 kept");
    }

    @Test
    void nestedKeysUnderTheNameBoundStopAtTheCharactersBound() {
        // 8 × 100-character keys: every name is ~808 characters, so 1 Mi characters hold ~1,290 of them.
        Flattened f = json(HostileBodies.nestedKeys(100, 256 * 1024), FlattenLimits.DEFAULT);
        assertThat(f.variables()).hasSizeBetween(1_200, 1_300);
        assertThat(f.variables().keySet()).allMatch(n -> n.length() <= 1024);
        assertThat(f.variables().entrySet().stream()
                        .mapToLong(e -> e.getKey().length() + e.getValue().length())
                        .sum())
                .isLessThanOrEqualTo(FlattenLimits.DEFAULT.maxChars());
        assertThat(f.truncated()).contains("workers.maxVariableChars (1048576)");
        assertThat(f.heapBytes()).isLessThan(4L * 1024 * 1024);
    }

    @Test
    void aLargeArrayStopsAtTheVariablesBoundWithAFewMiBOfHeap() {
        Flattened f = json(HostileBodies.zerosArray(256 * 1024), FlattenLimits.DEFAULT);
        assertThat(f.variables()).hasSize(10_000).containsKey("[9999]").doesNotContainKey("[10000]");
        assertThat(f.truncated()).isEqualTo("variables truncated at workers.maxVariables (10000): 10000 kept");
        assertThat(f.heapBytes()).isBetween(1_000_000L, 2_000_000L);
    }

    @Test
    void xmlKeepsIndexesOfSiblingsWhenLaterOnesAreLeftOut() {
        Flattened f = xml("<r><a>1</a><a>2</a><b>3</b><a>4</a></r>", variables(1));
        assertThat(f.variables()).containsExactly(entry("r.a[0]", "1"));
        assertThat(f.truncated()).isEqualTo("variables truncated at workers.maxVariables (1): 1 kept");
        assertThat(xml("<r><a>1</a><b>3</b><a>4</a></r>", variables(2)).variables())
                .containsExactly(entry("r.a[0]", "1"), entry("r.b", "3"));
    }

    @Test
    void xmlSkipsElementsWithTooLongANameAndKeepsTheirParentsText() {
        String longName = "n".repeat(2000);
        Flattened f = xml("<r>hello<" + longName + "><x>1</x></" + longName + "><b at=\"v\"/></r>", names(64));
        assertThat(f.variables()).containsExactly(entry("r.#text", "hello"), entry("r.b.@at", "v"));
        assertThat(f.truncated()).isEqualTo("variables truncated at workers.maxNameLength (64): 2 kept");
    }

    @Test
    void xmlNamesAreCheckedWithTheirIndexes() {
        // "r.a[9]" is 6 characters, "r.a[10]" is 7.
        StringBuilder doc = new StringBuilder("<r>");
        for (int i = 0; i < 12; i++) {
            doc.append("<a>").append(i).append("</a>");
        }
        Flattened f = xml(doc.append("</r>").toString(), names(6));
        assertThat(f.variables()).hasSize(10).containsKey("r.a[9]").doesNotContainKey("r.a[10]");
        assertThat(f.truncated()).contains("workers.maxNameLength (6)");
    }

    @Test
    void xmlLeavesOutATextOrAttributeTooLongForTheCharactersLeft() {
        Flattened f =
                xml("<r><a>" + "x".repeat(100) + "</a><b>y</b><c at=\"" + "z".repeat(100) + "\">w</c></r>", chars(20));
        assertThat(f.variables()).containsExactly(entry("r.b", "y"), entry("r.c.#text", "w"));
        assertThat(f.truncated()).isEqualTo("variables truncated at workers.maxVariableChars (20): 2 kept");
    }

    @Test
    void xmlIndentationCostsNoCharacters() {
        String doc = "<r>\n" + "    <a>1</a>\n".repeat(50) + "</r>";
        assertThat(xml(doc, chars(50 * 8)).variables()).hasSize(50);
    }

    @Test
    void xmlUnderLongNamesThatOnceTookGigabytesYieldsNothing() {
        Flattened f = xml(HostileBodies.xmlUnderLongNames(256 * 1024), FlattenLimits.DEFAULT);
        assertThat(f.variables()).isEmpty();
        assertThat(f.truncated()).isEqualTo("variables truncated at workers.maxNameLength (1024): 0 kept");
    }

    @Test
    void manySmallXmlElementsStopAtTheVariablesBound() {
        Flattened f = xml("<r>" + "<x/>".repeat(65_000) + "</r>", FlattenLimits.DEFAULT);
        assertThat(f.variables()).hasSize(10_000).containsEntry("r.x[0]", "").containsKey("r.x[9999]");
        assertThat(f.truncated()).isEqualTo("variables truncated at workers.maxVariables (10000): 10000 kept");
    }

    @Test
    void anXmlNamesOnlyWalkGivesTheSameNamesWithoutValues() {
        byte[] body = "<o id=\"7\"><i><s>A</s></i><i><s>B</s></i><n>text<b/></n><e/></o>".getBytes(UTF_8);
        Map<String, String> full = XmlFlattener.flatten(body);
        Flattened names = XmlFlattener.names(body, FlattenLimits.DEFAULT);
        assertThat(names.variables().keySet()).containsExactlyElementsOf(full.keySet());
        assertThat(names.variables().values()).allMatch(String::isEmpty);
    }

    @Test
    void aMalformedXmlBodyIsStillRefusedWhenItsElementsAreLeftOut() {
        assertThatThrownBy(() -> xml("<r>" + "<x/>".repeat(5) + "<y></r>", variables(2)))
                .isInstanceOf(MalformedPayloadException.class);
        assertThatThrownBy(() -> xml("<" + "n".repeat(50) + "><a></b></" + "n".repeat(50) + ">", names(10)))
                .isInstanceOf(MalformedPayloadException.class);
    }
}
