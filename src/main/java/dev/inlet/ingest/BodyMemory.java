package dev.inlet.ingest;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The request body bytes this process holds in memory at once, shared by every event loop and
 * bounded by {@code server.maxBodyMemory}. A body is reserved as its bytes arrive (see
 * {@link BodyReader}), never for a declared length alone, and released when its request ends, so a
 * burst of large bodies is answered 7005 (retry later) instead of exhausting the heap, and a sender
 * that declares a large body and sends nothing holds nothing. Thread-safe.
 */
public final class BodyMemory {
    private final long capacity;
    private final AtomicLong used = new AtomicLong();

    public BodyMemory(long capacity) {
        this.capacity = capacity;
    }

    /** Takes {@code bytes} when they fit under the bound; false (and nothing taken) when they do not. */
    boolean reserve(long bytes) {
        long now;
        do {
            now = used.get();
            if (now + bytes > capacity) {
                return false;
            }
        } while (!used.compareAndSet(now, now + bytes));
        return true;
    }

    long capacity() {
        return capacity;
    }

    void release(long bytes) {
        used.addAndGet(-bytes);
    }
}
