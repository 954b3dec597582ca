package dev.inlet.actions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.history.OutcomeWriter;
import dev.inlet.variables.JsonBytes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The run log stays bounded whatever the config binds, costs nothing when off, and writes its runs as JSON. */
class RunLogTest {
    private static final Step STEP = new Step("flow f step 1 (log)", "log", Map.of(), Map.of(), Map.of(), Map.of());

    private static JsonArray written(RunLog log) {
        JsonBytes out = new JsonBytes(16);
        log.write(out);
        return new JsonArray(new String(out.toBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void keepsAtMostAHundredRunsAndCutsLongTexts() {
        RunLog log = RunLog.keeping();
        List<Step> steps = Collections.nCopies(150, STEP);
        RunLog.Run[] entries = log.entries("flow", "x".repeat(1000), steps);
        assertThat(log.size()).isEqualTo(OutcomeWriter.MAX_RUNS);
        assertThat(entries[99]).isNotNull();
        assertThat(entries[100]).isNull();
        RunLog.ran(entries[0], 502, "e".repeat(5000), 1_234_567);
        // Past the bound, nothing is noted and nothing fails.
        RunLog.ran(entries[120], 200, null, 1);
        JsonArray runs = written(log);
        assertThat(runs).hasSize(OutcomeWriter.MAX_RUNS);
        JsonObject first = runs.getJsonObject(0);
        assertThat(first.getString("flow")).hasSize(OutcomeWriter.MAX_TEXT).endsWith("…");
        assertThat(first.getString("error")).hasSize(OutcomeWriter.MAX_TEXT);
        assertThat(first.getDouble("millis")).isEqualTo(1.235);
        assertThat(first.getInteger("status")).isEqualTo(502);
        assertThat(first.getBoolean("ran")).isTrue();
        assertThat(first.containsKey("skipped")).isFalse();
        assertThat(runs.getJsonObject(1))
                .isEqualTo(new JsonObject()
                        .put("flow", "x".repeat(OutcomeWriter.MAX_TEXT - 1) + "…")
                        .put("action", "log")
                        .put("ran", false)
                        .put("skipped", "an earlier step failed"));
    }

    @Test
    void eachEntryIsWrittenAsTheOutcomeReadsIt() {
        RunLog log = RunLog.keeping();
        RunLog.Run[] rule = log.entries("rule", "big \"orders\"", List.of(STEP));
        RunLog.Run[] flow = log.entries("flow", "f", List.of(STEP, STEP, STEP));
        RunLog.skipped(rule, "$data.amount > 100", null);
        RunLog.ran(flow[0], 0, null, 12_345_678);
        RunLog.skipped(flow[1], "its condition could not be evaluated", "no such variable: x é 😀");
        RunLog.ran(flow[2], 200, null, 999);
        String json = new String(write(log), StandardCharsets.UTF_8);
        assertThat(new JsonArray(json))
                .isEqualTo(new JsonArray()
                        .add(new JsonObject()
                                .put("rule", "big \"orders\"")
                                .put("action", "log")
                                .put("ran", false)
                                .put("skipped", "$data.amount > 100"))
                        .add(new JsonObject()
                                .put("flow", "f")
                                .put("action", "log")
                                .put("ran", true)
                                .put("millis", 12.346))
                        .add(new JsonObject()
                                .put("flow", "f")
                                .put("action", "log")
                                .put("ran", false)
                                .put("skipped", "its condition could not be evaluated")
                                .put("error", "no such variable: x é 😀"))
                        .add(new JsonObject()
                                .put("flow", "f")
                                .put("action", "log")
                                .put("ran", true)
                                .put("status", 200)
                                .put("millis", 0.001)));
        // The fields in the order the old JSON object held them.
        assertThat(json).startsWith("[{\"rule\":\"big \\\"orders\\\"\",\"action\":\"log\",\"ran\":false,\"skipped\":");
    }

    private static byte[] write(RunLog log) {
        JsonBytes out = new JsonBytes(16);
        log.write(out);
        return out.toBytes();
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
        RunLog.Run[] entries = RunLog.OFF.entries("rule", "r", List.of(STEP, STEP));
        assertThat(entries).containsOnlyNulls();
        assertThat(RunLog.OFF.size()).isZero();
        assertThat(written(RunLog.OFF)).isEmpty();
    }
}
