package dev.inlet.queue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The heap the workers of one process hold for the events in flight, shared by every consumer and
 * pipeline of the process (Inlet builds one and passes it down, as it does {@code BodyMemory} for
 * ingest). Consumers take an event's body bytes when they read it and give them back when it
 * finishes; the pipeline takes what flattening its payload allocated (an estimate of the heap the
 * variables hold) for as long as the attempt runs. Consumers read only while there is room left,
 * so large flattened events in flight slow reads down. Always at least one event per consumer, so
 * the budget can run over by that much. It also counts the consumers, who share the read bound.
 * Thread-safe.
 */
public final class WorkerMemory {
    /** The most the in-flight budget ever is, whatever the heap. */
    static final long MAX_CAPACITY = 32L * 1024 * 1024;

    private final long capacity;
    private final AtomicLong used = new AtomicLong();
    private final AtomicInteger consumers = new AtomicInteger();

    /** @param capacity bytes all events in flight may hold together */
    public WorkerMemory(long capacity) {
        this.capacity = capacity;
    }

    /**
     * The budget for a heap of {@code maxHeap} bytes: an event costs several times its body while it
     * runs (the reply, the body, its variables), so a thirty-second of the heap, never more than
     * 32 MiB: 10 MiB for bin/inlet's 320 MiB.
     */
    public static WorkerMemory forHeap(long maxHeap) {
        return new WorkerMemory(Math.min(MAX_CAPACITY, maxHeap / 32));
    }

    /** The budget for this JVM's heap. */
    public static WorkerMemory forThisHeap() {
        return forHeap(Runtime.getRuntime().maxMemory());
    }

    public long capacity() {
        return capacity;
    }

    /** Bytes held now by events in flight. */
    public long used() {
        return used.get();
    }

    /** Bytes left under the budget; negative when events read at the minimum of one overran it. */
    public long left() {
        return capacity - used.get();
    }

    /** Charges the body of an event a consumer read. */
    public void take(long bytes) {
        used.addAndGet(bytes);
    }

    /** Gives back what {@link #take} charged, once the event finished. */
    public void release(long bytes) {
        used.addAndGet(-bytes);
    }

    /** The consumers reading in this process now. */
    public int consumers() {
        return consumers.get();
    }

    public void consumerStarted() {
        consumers.incrementAndGet();
    }

    public void consumerStopped() {
        consumers.decrementAndGet();
    }

    /** A charge for one attempt at one event, empty until {@link Charge#add} takes bytes. */
    public Charge charge() {
        return new Charge();
    }

    /** What one attempt holds besides its body; give it back once, with {@link #release()}, when the attempt ends. */
    public final class Charge {
        private final AtomicLong held = new AtomicLong();

        private Charge() {}

        public void add(long bytes) {
            held.addAndGet(bytes);
            take(bytes);
        }

        /** Gives back what was added; a second call gives back nothing more. */
        public void release() {
            WorkerMemory.this.release(held.getAndSet(0));
        }
    }
}
