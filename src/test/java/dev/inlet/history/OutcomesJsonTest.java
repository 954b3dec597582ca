package dev.inlet.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
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
}
