package dev.inlet.history;

import java.util.ArrayDeque;

/**
 * The entries of one endpoint's records stream that one process wrote, newest last, as few as hold
 * its newest {@code keep} records: what keeps the count bound once an entry holds several records
 * ({@code MAXLEN} counts entries). Thread-safe: every event loop of the process writes to it.
 */
final class EntryRing {
    /** An entry: its id, and the id's two numbers ({@code <ms>-<seq>}) read once. */
    private record Entry(String id, long ms, long seq, int n) {
        boolean olderThan(Entry other) {
            return ms != other.ms ? Long.compareUnsigned(ms, other.ms) < 0 : Long.compareUnsigned(seq, other.seq) < 0;
        }
    }

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private long records;
    private long sinceTrim;
    /** Whether entries left the ring since the last trim: then the stream holds records to trim. */
    private boolean dropped;

    /** Adds entry {@code id} of {@code n} records; the id to trim to when it is time, else null. */
    String wrote(String id, int n, long keep) {
        int dash = id.indexOf('-');
        Entry entry = new Entry(
                id, Long.parseUnsignedLong(id, 0, dash, 10), Long.parseUnsignedLong(id, dash + 1, id.length(), 10), n);
        synchronized (this) {
            entries.addLast(entry);
            records += n;
            sinceTrim += n;
            while (records - entries.peekFirst().n() >= keep) {
                records -= entries.removeFirst().n();
                dropped = true;
            }
            if (!dropped || sinceTrim < Math.max(16, keep / 8)) {
                return null;
            }
            sinceTrim = 0;
            dropped = false;
            // Replies of several event loops arrive in any order: the oldest id holds the newest keep.
            Entry oldest = null;
            for (Entry e : entries) {
                if (oldest == null || e.olderThan(oldest)) {
                    oldest = e;
                }
            }
            return oldest.id();
        }
    }
}
