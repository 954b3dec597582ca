package dev.inlet.actions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.history.OutcomeWriter;
import io.vertx.core.json.JsonObject;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The run log stays bounded whatever the config binds, and costs nothing when off. */
class RunLogTest {
    private static final Step STEP = new Step("flow f step 1 (log)", "log", Map.of(), Map.of(), Map.of(), Map.of());

    @Test
    void keepsAtMostAHundredRunsAndCutsLongTexts() {
        RunLog log = RunLog.keeping();
        List<Step> steps = Collections.nCopies(150, STEP);
        JsonObject[] entries = log.entries("flow", "x".repeat(1000), steps);
        assertThat(log.runs()).hasSize(OutcomeWriter.MAX_RUNS);
        assertThat(entries[99]).isNotNull();
        assertThat(entries[100]).isNull();
        assertThat(entries[0].getString("flow")).hasSize(OutcomeWriter.MAX_TEXT).endsWith("…");
        assertThat(entries[0].getString("skipped")).isEqualTo("an earlier step failed");
        RunLog.ran(entries[0], 502, "e".repeat(5000), 1_234_567);
        assertThat(entries[0].getString("error")).hasSize(OutcomeWriter.MAX_TEXT);
        assertThat(entries[0].getDouble("millis")).isEqualTo(1.235);
        assertThat(entries[0].containsKey("skipped")).isFalse();
        // Past the bound, nothing is noted and nothing fails.
        RunLog.ran(entries[120], 200, null, 1);
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        String text = "a".repeat(OutcomeWriter.MAX_TEXT - 2) + "\uD83D\uDE00" + "b".repeat(10);
        String cut = OutcomeWriter.cut(text);
        assertThat(cut.length()).isLessThanOrEqualTo(OutcomeWriter.MAX_TEXT);
        assertThat(Character.isHighSurrogate(cut.charAt(cut.length() - 2))).isFalse();
    }

    @Test
    void offKeepsNothing() {
        JsonObject[] entries = RunLog.OFF.entries("rule", "r", List.of(STEP, STEP));
        assertThat(entries).containsOnlyNulls();
        assertThat(RunLog.OFF.runs()).isEmpty();
    }
}
