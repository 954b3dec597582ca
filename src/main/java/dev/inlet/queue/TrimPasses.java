package dev.inlet.queue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The streams a trim pass is running on in this process, so that only one pass per stream runs at
 * a time ({@link StreamTrimmer}): Inlet builds one and hands it to its trimmers. Thread-safe.
 */
public final class TrimPasses {
    private final Set<String> running = ConcurrentHashMap.newKeySet();

    /** Whether a pass on {@code stream} may start now; if so, it runs until {@link #end}. */
    boolean begin(String stream) {
        return running.add(stream);
    }

    void end(String stream) {
        running.remove(stream);
    }
}
