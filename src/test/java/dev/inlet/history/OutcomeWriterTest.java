package dev.inlet.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.support.SyncRedis;
import io.vertx.core.Context;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The outcomes stream stays bounded by the writer itself, between two passes of the history: the
 * entries that hold the newest {@code keep × (maxAttempts + 1)} members (and one round's entry more)
 * once max(16, an eighth of that) members were added, the newest kept.
 */
class OutcomeWriterTest {
    @Test
    void theStreamKeepsTheNewestKeepTimesAttemptsMembers() throws Exception {
        try (SyncRedis redis = SyncRedis.open()) {
            HistoryKeys keys = HistoryKeys.of("test:outcomes:" + UUID.randomUUID());
            Context context = redis.vertx().getOrCreateContext();
            OutcomeWriter[] writer = new OutcomeWriter[1];
            long start = System.currentTimeMillis();
            int rounds = 8;
            int perRound = 100;
            for (int r = 0; r < rounds; r++) {
                int round = r;
                CountDownLatch sent = new CountDownLatch(1);
                context.runOnContext(v -> {
                    if (writer[0] == null) {
                        writer[0] = new OutcomeWriter(context, redis.client()::send, keys, 1, new EntryRings());
                    }
                    for (int i = 0; i < perRound; i++) {
                        long at = start + round * perRound + i;
                        writer[0].write(
                                "ep",
                                2,
                                HistoryPassTest.transidAt(at),
                                1,
                                "",
                                Outcomes.State.DELIVERED,
                                at,
                                1000,
                                Outcomes.Runs.NONE,
                                null);
                    }
                    sent.countDown();
                });
                assertThat(sent.await(10, TimeUnit.SECONDS)).isTrue();
                // Each round's XADD (and any trim) is answered before the next round is written.
                waitForCard(redis, keys.outcomes("ep"));
            }
            List<String> kept = members(redis, keys.outcomes("ep"));
            assertThat(kept).hasSizeLessThan(rounds * perRound).hasSizeLessThanOrEqualTo(4 + OutcomeWriter.MAX_BATCH);
            assertThat(Outcomes.transid(kept.get(kept.size() - 1)))
                    .isEqualTo(HistoryPassTest.transidAt(start + rounds * perRound - 1));
        }
    }

    private static List<String> members(SyncRedis redis, String key) {
        return Outcomes.readAll(
                redis.send(Request.cmd(Command.XRANGE).arg(key).arg("-").arg("+")));
    }

    private static void waitForCard(SyncRedis redis, String key) throws InterruptedException {
        long last = -1;
        for (int i = 0; i < 100; i++) {
            long card = members(redis, key).size();
            if (card == last && card > 0) {
                return;
            }
            last = card;
            Thread.sleep(20);
        }
    }
}
