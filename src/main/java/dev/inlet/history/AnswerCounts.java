package dev.inlet.history;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How many answers of each code one event loop gave each configured endpoint, per clock minute,
 * since {@link History}'s pass last took them: counting is a map lookup and a few array slots, with
 * no lock and no Redis on the answer's path. The pass takes the counts on the event loop itself
 * ({@link #drain}) and adds them to Redis ({@link HistoryKeys#counts}), so every event loop and
 * every ingest process adds up there. Holds one tally per endpoint that answered (the configured
 * ones only: an unknown endpoint is never counted) and, between two passes, the tallies of the
 * minutes that ended. Confined to its event loop.
 */
public final class AnswerCounts {
    private final Context context;
    private Map<String, Tally> current = new HashMap<>();
    private List<Tally> ended = new ArrayList<>();

    /** The answers one endpoint got in one minute, by code: a few codes, so a short array. */
    static final class Tally {
        final String endpoint;
        final long minute;
        int[] codes = new int[4];
        long[] counts = new long[4];
        int size;

        Tally(String endpoint, long minute) {
            this.endpoint = endpoint;
            this.minute = minute;
        }

        void add(int code) {
            for (int i = 0; i < size; i++) {
                if (codes[i] == code) {
                    counts[i]++;
                    return;
                }
            }
            if (size == codes.length) {
                codes = java.util.Arrays.copyOf(codes, size * 2);
                counts = java.util.Arrays.copyOf(counts, size * 2);
            }
            codes[size] = code;
            counts[size++] = 1;
        }
    }

    AnswerCounts(Context context) {
        this.context = context;
    }

    /** Counts one answer of {@code code} to {@code endpoint} (a configured one) at {@code epochMillis}. */
    public void count(String endpoint, int code, long epochMillis) {
        long minute = epochMillis / 60_000;
        Tally t = current.get(endpoint);
        if (t == null || t.minute != minute) {
            if (t != null) {
                ended.add(t);
            }
            t = new Tally(endpoint, minute);
            current.put(endpoint, t);
        }
        t.add(code);
    }

    /** Takes the tallies counted so far, on this event loop; each is then counted no more here. */
    Future<List<Tally>> drain() {
        Promise<List<Tally>> taken = Promise.promise();
        context.runOnContext(v -> {
            List<Tally> out = ended;
            out.addAll(current.values());
            ended = new ArrayList<>();
            current = new HashMap<>();
            taken.complete(out);
        });
        return taken.future();
    }
}
