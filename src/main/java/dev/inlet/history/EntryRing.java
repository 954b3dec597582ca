package dev.inlet.history;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The entries of one endpoint's records stream that one process wrote, newest last, as few as hold
 * its newest {@code keep} records: what keeps the count bound once an entry holds several records
 * ({@code MAXLEN} counts entries). Thread-safe: every event loop of the process writes to it.
 */
final class EntryRing {
    private record Entry(String id, int n) {}

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private long records;
    private long sinceTrim;

    /** Adds entry {@code id} of {@code n} records; the id to trim to when it is time, else null. */
    synchronized String wrote(String id, int n, long keep) {
        entries.addLast(new Entry(id, n));
        records += n;
        sinceTrim += n;
        while (records - entries.peekFirst().n() >= keep) {
            records -= entries.removeFirst().n();
        }
        if (sinceTrim < Math.max(16, keep / 8) || records <= keep) {
            return null;
        }
        sinceTrim = 0;
        // Replies of several event loops arrive in any order: the oldest id holds the newest keep.
        String oldest = null;
        for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
            String e = it.next().id();
            if (oldest == null || older(e, oldest)) {
                oldest = e;
            }
        }
        return oldest;
    }

    /** Whether stream id {@code a} ({@code <ms>-<seq>}) is older than {@code b}. */
    private static boolean older(String a, String b) {
        int da = a.indexOf('-');
        int db = b.indexOf('-');
        long ma = Long.parseUnsignedLong(a.substring(0, da));
        long mb = Long.parseUnsignedLong(b.substring(0, db));
        if (ma != mb) {
            return Long.compareUnsigned(ma, mb) < 0;
        }
        return Long.compareUnsigned(
                        Long.parseUnsignedLong(a.substring(da + 1)), Long.parseUnsignedLong(b.substring(db + 1)))
                < 0;
    }
}
