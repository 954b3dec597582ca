package dev.inlet.history;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per endpoint, the entries this process wrote to one kind of history stream ({@link EntryRing}):
 * what keeps a count bound of items when an entry holds several (records, or outcome members), since
 * {@code MAXLEN} counts entries. One per process and kind, shared by every event loop that writes
 * that kind; thread-safe.
 */
public final class EntryRings {
    private final Map<String, EntryRing> rings = new ConcurrentHashMap<>();

    /**
     * Notes that this process wrote entry {@code id} of {@code n} items to {@code endpoint}'s stream,
     * and returns the id to trim the stream to ({@code XTRIM MINID}) when it is time: the endpoint got
     * at least max(16, most/8) items since its last trim and holds more than {@code most} of this
     * process's; null otherwise.
     */
    public String wrote(String endpoint, String id, int n, long most) {
        return rings.computeIfAbsent(endpoint, e -> new EntryRing()).wrote(id, n, most);
    }
}
