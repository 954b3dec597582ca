package dev.inlet.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.config.ConfigLoader;
import dev.inlet.config.InletConfig;
import dev.inlet.support.SyncRedis;
import dev.inlet.support.TestRedis;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One pass of {@link History} over a real Redis: records older than {@code for} are trimmed, the
 * outcomes of records no longer kept are removed (those of kept ones stay), both keys get an
 * expiry, and the refusals not recorded are added to the endpoint's counter.
 */
class HistoryPassTest {
    SyncRedis redis;
    History history;
    HistoryKeys keys;

    @BeforeEach
    void setUp() {
        redis = SyncRedis.open();
        InletConfig config = new ConfigLoader(Map.of())
                .parse(
                        """
                redis: { url: "%s", stream: "test:pass:%s" }
                services: [ { id: shop, keys: [k] } ]
                endpoints: [ { id: ep, service: shop, history: { for: 30s } } ]
                """
                                .formatted(TestRedis.url(), UUID.randomUUID()));
        history = new History(redis.vertx(), redis.client(), () -> config);
        keys = history.keys();
    }

    @AfterEach
    void tearDown() {
        redis.close();
    }

    @Test
    void aPassTrimsByAgeRemovesOrphanedOutcomesAndCountsTheUnrecorded() {
        long now = System.currentTimeMillis();
        String records = keys.records("ep");
        String outcomes = keys.outcomes("ep");
        redis.send(Request.cmd(Command.XADD)
                .arg(records)
                .arg((now - 120_000) + "-0")
                .arg("at")
                .arg(1));
        redis.send(Request.cmd(Command.XADD).arg(records).arg("*").arg("at").arg(2));
        String old = Outcomes.member(transidAt(now - 200_000), now - 200_000, new JsonObject().put("attempt", 1));
        String kept = Outcomes.member(transidAt(now), now, new JsonObject().put("attempt", 1));
        // The old attempt's entry was written before the oldest record kept, less the clocks' margin.
        redis.send(entry(outcomes, (now - 200_000) + "-0", old));
        redis.send(entry(outcomes, "*", kept));
        history.budget().notRecorded("ep");
        history.budget().notRecorded("ep");
        history.written("ep");

        SyncRedis.await(history.pass());

        assertThat(redis.send(Request.cmd(Command.XLEN).arg(records)).toLong()).isEqualTo(1);
        assertThat(Outcomes.readAll(redis.send(
                        Request.cmd(Command.XRANGE).arg(outcomes).arg("-").arg("+"))))
                .containsExactly(kept);
        assertThat(redis.send(Request.cmd(Command.PTTL).arg(records)).toLong()).isBetween(1L, 30_000L);
        assertThat(redis.send(Request.cmd(Command.PTTL).arg(outcomes)).toLong()).isBetween(1L, 30_000L);
        assertThat(redis.send(Request.cmd(Command.GET).arg(keys.unrecorded("ep")))
                        .toLong())
                .isEqualTo(2);
    }

    @Test
    void theRefusalBudgetAllowsItsRateASecond() {
        long[] second = {100};
        RefusalBudget budget = new RefusalBudget(() -> second[0]);
        assertThat(budget.take("e", 2)).isTrue();
        assertThat(budget.take("e", 2)).isTrue();
        assertThat(budget.take("e", 2)).isFalse();
        assertThat(budget.take("other", 2)).isTrue();
        second[0]++;
        assertThat(budget.take("e", 2)).isTrue();
        assertThat(budget.take("e", 0)).isFalse();
    }

    /** The XADD of an outcomes entry {@code id} of one member, as {@link Outcomes#append} frames it. */
    private static Request entry(String key, String id, String member) {
        byte[] bytes = member.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] field = Parts.frame(List.of(bytes));
        return Request.cmd(Command.XADD).arg(key).arg(id).arg("o").arg(field);
    }

    /** A transid (UUID v7) made at {@code millis}. */
    static String transidAt(long millis) {
        String hex = String.format(Locale.ROOT, "%012x", millis);
        return hex.substring(0, 8) + "-" + hex.substring(8) + "-7000-8000-000000000000";
    }
}
