package dev.inlet.redis;

import io.vertx.core.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one "collect, then flush" of Inlet: items added while an event loop handles one round of I/O
 * are handed to {@code flush} together when the round ends (a task queued on the context behind
 * the round's handlers), or at once when the batch reaches its bound. Group commit to Redis, the
 * workers' acknowledgements and the body timers are all this; each caller keeps its own way of
 * completing what it flushed. Confined to its context.
 *
 * @param <T> what is batched
 */
public final class RoundBatcher<T> {
    private static final Logger LOG = LoggerFactory.getLogger(RoundBatcher.class);
    private final Context context;
    private final int maxItems;
    private final long maxWeight;
    private final ToIntFunction<T> weight;
    private final Consumer<List<T>> flush;
    private List<T> pending = new ArrayList<>();
    private long pendingWeight;
    private boolean scheduled;
    /** How long after its first item a batch is flushed at the latest; 0: at the end of the round. */
    private long delayMillis;

    private Runnable beforeFlush = () -> {};

    private RoundBatcher(
            Context context, int maxItems, long maxWeight, ToIntFunction<T> weight, Consumer<List<T>> flush) {
        this.context = context;
        this.maxItems = maxItems;
        this.maxWeight = maxWeight;
        this.weight = weight;
        this.flush = flush;
    }

    /** A batch flushed at the end of each round, however large it grew. */
    public static <T> RoundBatcher<T> unbounded(Context context, Consumer<List<T>> flush) {
        return new RoundBatcher<>(context, Integer.MAX_VALUE, Long.MAX_VALUE, item -> 0, flush);
    }

    /** A batch flushed at the end of each round, or as soon as it holds {@code maxItems}. */
    public static <T> RoundBatcher<T> bounded(Context context, int maxItems, Consumer<List<T>> flush) {
        return new RoundBatcher<>(context, maxItems, Long.MAX_VALUE, item -> 0, flush);
    }

    /**
     * A batch flushed at the end of each round, or as soon as it holds {@code maxItems} or the
     * {@code weight} of its items reaches {@code maxWeight} (bytes, say).
     */
    public static <T> RoundBatcher<T> bounded(
            Context context, int maxItems, long maxWeight, ToIntFunction<T> weight, Consumer<List<T>> flush) {
        return new RoundBatcher<>(context, maxItems, maxWeight, weight, flush);
    }

    /**
     * Flushes the batch {@code delayMillis} after its first item rather than at the end of its round,
     * for a batch that another write takes along when it flushes it ({@link #beforeFlush}): under load
     * that write comes first, so the batch goes out with it instead of in a write of its own, and the
     * timer only bounds how long an item waits when nothing else is written.
     */
    public RoundBatcher<T> deferred(long delayMillis) {
        this.delayMillis = delayMillis;
        return this;
    }

    /**
     * Runs {@code hook} at each flush before the batch is taken, so what it adds (another batcher's
     * round, say) goes out with this one instead of in a round of its own. A hook that throws is
     * logged at ERROR and this batch goes on without what it would have added: a rider's fault never
     * stops the write it rides in.
     */
    public void beforeFlush(Runnable hook) {
        this.beforeFlush = hook;
    }

    /** Adds an item to this round's batch. */
    public void add(T item) {
        pending.add(item);
        pendingWeight += weight.applyAsInt(item);
        if (pending.size() >= maxItems || pendingWeight >= maxWeight) {
            flush();
        } else if (!scheduled) {
            scheduled = true;
            if (delayMillis > 0) {
                context.owner().setTimer(delayMillis, t -> {
                    scheduled = false;
                    flush();
                });
            } else {
                context.runOnContext(v -> {
                    scheduled = false;
                    flush();
                });
            }
        }
    }

    /** Whether nothing waits for the end of the round. */
    public boolean isEmpty() {
        return pending.isEmpty();
    }

    /** Hands what was added so far to the flush now (nothing when nothing was). */
    public void flush() {
        try {
            beforeFlush.run();
        } catch (RuntimeException e) {
            LOG.error("what rides with this batch was not added; the batch is sent without it", e);
        }
        if (pending.isEmpty()) {
            return;
        }
        List<T> batch = pending;
        pending = new ArrayList<>();
        pendingWeight = 0;
        flush.accept(batch);
    }
}
