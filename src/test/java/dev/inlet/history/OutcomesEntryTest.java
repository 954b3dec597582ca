package dev.inlet.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.support.SyncRedis;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An outcomes entry, written by {@link Outcomes#append} to a real Redis, reads back as its members in
 * the order they were written; a field cut short reads as the members whole in it; a transid's time
 * is its UUID v7's.
 */
class OutcomesEntryTest {
    private static final String A = "0193abcd-1234-7abc-8def-0123456789ab";
    private static final String B = "0193abce-0000-7abc-8def-0123456789ab";

    @Test
    void anEntryReadsBackAsItsMembersInOrder() {
        try (SyncRedis redis = SyncRedis.open()) {
            String key = "test:outcomes-entry:" + UUID.randomUUID();
            List<String> members = List.of(
                    Outcomes.member(B, 2000, new JsonObject().put("attempt", 1).put("state", "retrying")),
                    Outcomes.member(A, 1000, new JsonObject().put("note", "é 😀 |")),
                    Outcomes.member(B, 3000, new JsonObject().put("attempt", 2).put("state", "delivered")));
            redis.send(Outcomes.append(
                    key,
                    10,
                    members.stream()
                            .map(m -> m.getBytes(StandardCharsets.UTF_8))
                            .toList()));
            Response entries =
                    redis.send(Request.cmd(Command.XRANGE).arg(key).arg("-").arg("+"));
            assertThat(entries.size()).isEqualTo(1);
            assertThat(Outcomes.read(entries.get(0))).containsExactlyElementsOf(members);
            assertThat(Outcomes.readAll(entries)).containsExactlyElementsOf(members);

            byte[] whole = Parts.field(entries.get(0), "o");
            byte[] cut = Arrays.copyOf(whole, whole.length - 3);
            redis.send(Request.cmd(Command.XADD).arg(key).arg("*").arg("o").arg(cut));
            Response both =
                    redis.send(Request.cmd(Command.XRANGE).arg(key).arg("-").arg("+"));
            assertThat(Outcomes.read(both.get(1))).containsExactlyElementsOf(members.subList(0, 2));
        }
    }

    @Test
    void aTransidsTimeIsItsFirst48Bits() {
        assertThat(Outcomes.millisOf(A)).isEqualTo(0x0193abcd1234L);
        assertThat(Outcomes.millisOf(HistoryPassTest.transidAt(1796140944594L))).isEqualTo(1796140944594L);
        assertThat(Outcomes.millisOf("")).isZero();
        assertThat(Outcomes.millisOf("not-a-transid")).isZero();
        assertThat(Outcomes.millisOf("zzzzzzzz-zzzz-7abc")).isZero();
    }
}
