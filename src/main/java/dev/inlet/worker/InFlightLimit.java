package dev.inlet.worker;

import dev.inlet.config.WorkersConfig;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The bound on entries in flight that the consumers of one worker verticle share (one consumer per
 * shard): a consumer reads only while there is room, at most the room left, and a consumer that
 * found none is woken when an entry of any of them finishes. Reads already under way when the room
 * runs out may each still bring up to one batch. Confined to the verticle's context.
 */
final class InFlightLimit {
    private final int max;
    private int used;
    private final Set<Runnable> waiting = new LinkedHashSet<>();

    InFlightLimit(int max) {
        this.max = Math.max(1, max);
    }

    /** The bound of one worker verticle: two batches, whatever the number of shards. */
    static InFlightLimit of(WorkersConfig config) {
        return new InFlightLimit(config.batchSize() * 2);
    }

    int room() {
        return max - used;
    }

    void taken() {
        used++;
    }

    void released() {
        used--;
        if (used < max && !waiting.isEmpty()) {
            List<Runnable> wake = new ArrayList<>(waiting);
            waiting.clear();
            wake.forEach(Runnable::run);
        }
    }

    /** Runs {@code resume} once there is room again (once, however often it is registered before). */
    void whenRoom(Runnable resume) {
        waiting.add(resume);
    }
}
