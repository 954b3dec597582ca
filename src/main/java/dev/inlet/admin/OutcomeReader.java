package dev.inlet.admin;

import dev.inlet.history.HistoryKeys;
import dev.inlet.history.HistoryRecord;
import dev.inlet.history.Outcomes;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an endpoint's outcomes stream ({@link Outcomes}) for the history API: every attempt of one
 * event, or the last state of the events of records read newest first ({@link States}). The
 * attempts of an event lie in entries from its time onward (a retry or a replay may come much
 * later), so both read from the oldest record's time ({@link Outcomes#EARLIER_MILLIS} earlier) to
 * the newest entry, {@value #PAGE} entries a command, so no one reply is large; how much they read
 * is bounded by the stream's own bound (about {@code keep × (workers.maxAttempts + 1)} members per
 * worker process).
 */
final class OutcomeReader {
    /** Entries one XRANGE or XREVRANGE asks for. */
    static final int PAGE = 256;

    private final Redis redis;
    private final HistoryKeys keys;

    OutcomeReader(Redis redis, HistoryKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /** From when {@code record}'s attempts may be stamped, epoch ms. */
    static long from(HistoryRecord record) {
        long made = Outcomes.millisOf(record.transid());
        long at = made > 0 ? Math.min(made, record.receivedAt()) : record.receivedAt();
        return Math.max(0, at - Outcomes.EARLIER_MILLIS);
    }

    /** Every attempt of accepted record {@code record}'s event, as members in the order they ran. */
    Future<List<String>> attempts(String endpoint, HistoryRecord record) {
        List<String> out = new ArrayList<>();
        return attempts(keys.outcomes(endpoint), Long.toString(from(record)), record.transid(), out)
                .map(v -> out);
    }

    private Future<Void> attempts(String key, String start, String transid, List<String> out) {
        return redis.send(Request.cmd(Command.XRANGE)
                        .arg(key)
                        .arg(start)
                        .arg("+")
                        .arg("COUNT")
                        .arg(PAGE))
                .compose(r -> {
                    int n = r == null ? 0 : r.size();
                    for (int i = 0; i < n; i++) {
                        for (String member : Outcomes.read(r.get(i))) {
                            if (Outcomes.transid(member).equals(transid)) {
                                out.add(member);
                            }
                        }
                    }
                    if (n < PAGE) {
                        return Future.succeededFuture();
                    }
                    return attempts(key, "(" + r.get(n - 1).get(0).toString(), transid, out);
                });
    }

    /** The states of {@code endpoint}'s events, for records read newest first. */
    States states(String endpoint) {
        return new States(keys.outcomes(endpoint));
    }

    /**
     * Each transid's last state (its newest member's), read newest first and only as far down as the
     * records asked about need: a scan that asks about older and older records reads each entry once.
     * Keeps a state per transid met, not its members. Confined to one event loop (its map may be read
     * off the loop between two {@link #covering} calls).
     */
    final class States {
        private final String key;
        private final Map<String, Outcomes.State> last = new HashMap<>();
        /** Where the next read starts: "+", or just below the oldest entry read so far. */
        private String below = "+";
        /** Every entry at or above this time has been read, epoch ms. */
        private long reached = Long.MAX_VALUE;

        private States(String key) {
            this.key = key;
        }

        /**
         * Reads as far down as {@code records}' attempts may lie; then each transid's last state (a
         * transid without an attempt is absent).
         */
        Future<Map<String, Outcomes.State>> covering(List<HistoryRecord> records) {
            long from = Long.MAX_VALUE;
            for (HistoryRecord r : records) {
                if (r.accepted() && !r.transid().isEmpty()) {
                    from = Math.min(from, from(r));
                }
            }
            return from == Long.MAX_VALUE
                    ? Future.succeededFuture(last)
                    : downTo(from).map(v -> last);
        }

        private Future<Void> downTo(long millis) {
            if (millis >= reached) {
                return Future.succeededFuture();
            }
            return redis.send(Request.cmd(Command.XREVRANGE)
                            .arg(key)
                            .arg(below)
                            .arg(millis)
                            .arg("COUNT")
                            .arg(PAGE))
                    .compose(r -> {
                        int n = r == null ? 0 : r.size();
                        for (int i = 0; i < n; i++) {
                            List<String> members = Outcomes.read(r.get(i));
                            // Newest first: an entry's members were written oldest first.
                            for (int m = members.size() - 1; m >= 0; m--) {
                                String member = members.get(m);
                                last.computeIfAbsent(Outcomes.transid(member), t -> state(member));
                            }
                        }
                        if (n > 0) {
                            below = "(" + r.get(n - 1).get(0).toString();
                        }
                        if (n < PAGE) {
                            reached = millis;
                            return Future.succeededFuture();
                        }
                        return downTo(millis);
                    });
        }
    }

    /** The state an attempt's member names; pending when it names none. */
    static Outcomes.State state(String member) {
        Outcomes.State s = Outcomes.State.named(Outcomes.outcome(member).getString("state", ""));
        return s == null ? Outcomes.State.PENDING : s;
    }
}
