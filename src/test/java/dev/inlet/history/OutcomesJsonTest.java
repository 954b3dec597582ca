package dev.inlet.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** An outcome member's JSON, written without a JSON generator, reads back as the object it was made from. */
class OutcomesJsonTest {
    @Test
    void theMembersJsonReadsBackAsTheOutcome() {
        JsonObject outcome = new JsonObject()
                .put("attempt", 2)
                .put("replay", "")
                .put("state", "retrying")
                .put("millis", 0.0001)
                .put(
                        "runs",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("flow", "f\"1\\")
                                        .put("action", "http")
                                        .put("ran", true)
                                        .put("status", 500)
                                        .put("error", "answered 500 \u0001\n\t é 😀 </script>")
                                        .put("millis", 12.345))
                                .add(new JsonObject()
                                        .put("rule", "r")
                                        .put("action", "log")
                                        .put("ran", false)
                                        .put("skipped", "$data.amount > 100")))
                .put("error", (String) null);
        String member = Outcomes.member("0193abcd-1234-7abc-8def-0123456789ab", 1796140944594L, outcome);
        assertThat(Outcomes.transid(member)).isEqualTo("0193abcd-1234-7abc-8def-0123456789ab");
        assertThat(Outcomes.startedAt(member)).isEqualTo(1796140944594L);
        assertThat(Outcomes.outcome(member)).isEqualTo(outcome);
        assertThat(Outcomes.outcome(member).getString("error")).isNull();
    }

    @Test
    void theWorkersMemberReadsBackAsTheSameOutcomeBuiltAsAnObject() {
        String transid = "0193abcd-1234-7abc-8def-0123456789ab";
        Outcomes.Runs runs = out -> out.ascii("[{\"flow\":\"f\",\"action\":\"http\",\"ran\":true,\"millis\":1.5}]");
        Outcomes.MemberWriter writer = new Outcomes.MemberWriter();
        String failed = new String(
                writer.member(
                        transid, 42L, 3, "1733-0.2", Outcomes.State.RETRYING, 12_345, runs, "answered 503 \"é\"\n"),
                StandardCharsets.UTF_8);
        JsonObject expected = new JsonObject()
                .put("attempt", 3)
                .put("replay", "1733-0.2")
                .put("state", "retrying")
                .put("millis", 12.345)
                .put(
                        "runs",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("flow", "f")
                                        .put("action", "http")
                                        .put("ran", true)
                                        .put("millis", 1.5)))
                .put("error", "answered 503 \"é\"\n");
        assertThat(failed).isEqualTo(Outcomes.member(transid, 42L, expected));
        String delivered = new String(
                writer.member(transid, 42L, 1, "", Outcomes.State.DELIVERED, 7, Outcomes.Runs.NONE, null),
                StandardCharsets.UTF_8);
        assertThat(Outcomes.startedAt(delivered)).isEqualTo(42L);
        assertThat(Outcomes.outcome(delivered))
                .isEqualTo(new JsonObject()
                        .put("attempt", 1)
                        .put("replay", "")
                        .put("state", "delivered")
                        .put("millis", 0.007)
                        .put("runs", new JsonArray()));
        assertThat(Outcomes.outcome(delivered).containsKey("error")).isFalse();
    }
}
