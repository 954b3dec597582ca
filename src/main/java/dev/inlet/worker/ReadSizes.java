package dev.inlet.worker;

import dev.inlet.queue.StreamEntry;
import dev.inlet.queue.WorkerMemory;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * How many entries one consumer asks for in a read or a claim. XREADGROUP and XAUTOCLAIM count
 * entries, not bytes, so the count comes from the sizes seen: the moving average of the bodies it
 * took, and the largest of recent reads, against the bytes the process's {@link WorkerMemory} has
 * left; and never more than its share of {@link #MAX_READ_BYTES} holds at the largest body an
 * endpoint accepts. Confined to the consumer's context.
 */
final class ReadSizes {
    /**
     * The bytes one round of reads may bring in, for all consumers of the process together. After
     * small events, one read of {@code batchSize} could bring that many of the largest events an
     * endpoint accepts (64 × 1 MiB per consumer ran a 320 MiB heap out of memory), so a read never
     * asks for more entries than this bound holds at that size. A quarter of the heap: a reply is
     * buffered and then parsed, about twice its size for a moment.
     */
    static final long MAX_READ_BYTES = Runtime.getRuntime().maxMemory() / 4;
    /** An entry's bytes besides its body, about: the stored headers (up to 16 KiB) and the small fields. */
    static final long ENTRY_OVERHEAD = 17 * 1024;
    /** Entries read while the size of this stream's events is still unknown. */
    private static final int FIRST_READ = 4;

    private final WorkerMemory memory;
    private final LongSupplier largestBody;
    /** Moving average of the body sizes taken, 0 until the first entry. */
    private double averageBytes;
    /** The largest entry of recent reads, halved after each read that had none as large. */
    private long recentLargest;

    /** @param largestBody the largest body an endpoint accepts now (the config's, as reloaded) */
    ReadSizes(WorkerMemory memory, LongSupplier largestBody) {
        this.memory = memory;
        this.largestBody = largestBody;
    }

    /** Notes the body of an entry the consumer took (read or claimed). */
    void taken(int bodyBytes) {
        averageBytes = averageBytes <= 0 ? bodyBytes : averageBytes * 0.9 + bodyBytes * 0.1;
    }

    /** Notes the entries one read brought. */
    void read(List<StreamEntry> entries) {
        long largest = 0;
        for (StreamEntry entry : entries) {
            largest = Math.max(largest, entry.body().length);
        }
        recentLargest = Math.max(largest, recentLargest / 2);
    }

    /** The entries the next read asks for, given the {@code room} the in-flight bound leaves and the bytes left. */
    int nextRead(int room, long bytesLeft) {
        return readCount(room, bytesLeft, averageBytes, recentLargest);
    }

    /** How many entries this consumer's share of {@link #MAX_READ_BYTES} holds if every one is as large as allowed. */
    int worstCaseCount() {
        return worstCaseCount(MAX_READ_BYTES, memory.consumers(), largestBody.getAsLong());
    }

    static int worstCaseCount(long readBytes, int consumers, long largestBody) {
        long share = readBytes / Math.max(1, consumers);
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, share / (Math.max(0, largestBody) + ENTRY_OVERHEAD)));
    }

    /**
     * How many entries to ask for: at most {@code room}, and no more than the bytes left hold at the
     * larger of the average entry and the largest recent one, so a few large events among small ones
     * shrink the next reads at once rather than after the average catches up (always at least one).
     */
    static int readCount(int room, long bytesLeft, double averageBytes, long recentLargest) {
        if (averageBytes <= 0) {
            return Math.min(room, FIRST_READ);
        }
        long expected = Math.max(1, Math.max((long) averageBytes, recentLargest));
        return (int) Math.max(1, Math.min(room, bytesLeft / expected));
    }
}
