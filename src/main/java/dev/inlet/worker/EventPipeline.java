package dev.inlet.worker;

import dev.inlet.actions.Action;
import dev.inlet.actions.Bindings;
import dev.inlet.actions.EndpointBindings;
import dev.inlet.actions.Event;
import dev.inlet.actions.RunLog;
import dev.inlet.queue.StreamEntry;
import dev.inlet.queue.WorkerMemory;
import dev.inlet.variables.FlattenLimits;
import dev.inlet.variables.Flattened;
import dev.inlet.variables.MalformedPayloadException;
import dev.inlet.variables.Payload;
import dev.inlet.variables.VariableNames;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a worker does with one event read from the stream: find its endpoint in the current
 * configuration, build the payload (flattened within the workers' {@link FlattenLimits}; what they
 * leave out is logged once per event), record the variable names it has, and run the flows and
 * rules the endpoint is bound to. While it runs, the heap its variables and documents hold is charged
 * to the process's {@link WorkerMemory}. The event succeeds (and is acknowledged) when all of them finished;
 * any failure fails it, and the consumer retries the <b>whole</b> event, re-running every action:
 * delivery is at least once, and receivers use the transid ({@code X-Inlet-Transid}) to drop
 * repeats. An endpoint bound to nothing succeeds without action: its names are read without their
 * values, and not at all once this process holds as many of its names as it records; an endpoint no
 * longer configured is logged and acknowledged.
 *
 * <p>One per worker verticle: it owns that verticle's action instances (one WebClient each). It runs
 * on the verticle's event loop; for a body over {@link #INLINE_BODY_BYTES}, the parse and the bound
 * conditions run first on the process's payload threads ({@link #PAYLOAD_POOL}, a pool of their own
 * that ingest's checks and blocking custom actions do not share), so a large payload never holds the
 * event loop up, and a flood of costly payloads cannot starve ingest.
 */
public final class EventPipeline implements EventProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(EventPipeline.class);
    /**
     * Up to this size the body is parsed where its actions run, on the event loop: flattening 16 KiB
     * of JSON takes some tens of microseconds. A larger one is parsed, and its conditions tested, on a
     * worker thread before them.
     */
    static final int INLINE_BODY_BYTES = 16 * 1024;
    /** The name of the worker pool, shared by every pipeline of the process, where payloads are parsed and tested. */
    public static final String PAYLOAD_POOL = "inlet-payloads";

    /** A handle on the process's {@link #PAYLOAD_POOL}, one thread per core; close it with the pipeline. */
    public static WorkerExecutor payloadExecutor(Vertx vertx) {
        return vertx.createSharedWorkerExecutor(
                PAYLOAD_POOL, Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    private final Vertx vertx;
    private final WorkerExecutor payloads;
    private final Supplier<Bindings> bindings;
    private final Map<String, Action> actions;
    private final VariableNames names;
    private final FlattenLimits limits;
    private final WorkerMemory memory;

    /**
     * @param limits what flattening one event may produce ({@code workers.maxVariables} …)
     * @param memory the process's in-flight budget, charged with each event's flattened payload while it runs
     */
    public EventPipeline(
            Vertx vertx,
            Supplier<Bindings> bindings,
            Map<String, Action> actions,
            VariableNames names,
            FlattenLimits limits,
            WorkerMemory memory) {
        this.vertx = vertx;
        this.payloads = payloadExecutor(vertx);
        this.bindings = bindings;
        this.actions = Map.copyOf(actions);
        this.names = names;
        this.limits = limits;
        this.memory = memory;
    }

    @Override
    public Future<Void> process(StreamEntry entry, int attempt) {
        return process(entry, attempt, new AttemptTrace());
    }

    @Override
    public Future<Void> process(StreamEntry entry, int attempt, AttemptTrace trace) {
        EndpointBindings bound = bindings.get().endpoint(entry.endpoint());
        if (bound == null) {
            LOG.warn(
                    "transid={} endpoint {} is no longer configured: acknowledged without action",
                    entry.transid(),
                    entry.endpoint());
            return Future.succeededFuture();
        }
        RunLog log = history(bound, trace);
        if (bound.isEmpty() && names.saturated(entry.endpoint())) {
            // Nothing to run, and this process holds as many of the endpoint's names as it records.
            return Future.succeededFuture();
        }
        WorkerMemory.Charge charge = memory.charge();
        // Every view of the payload (variables, names, a JSON tree, a DOM) is charged as it is built.
        Payload payload = Payload.of(
                entry.body(),
                entry.format(),
                entry.contentType(),
                bound.endpoint().jsonFields(),
                entry.headers(),
                entry.query(),
                limits,
                charge::add);
        Supplier<EndpointBindings.Tested> prepare =
                bound.isEmpty() ? () -> namesOnly(payload) : () -> prepare(payload, bound);
        return ahead(payloads, payload, prepare, EndpointBindings.Tested.NONE)
                .compose(tested -> {
                    noteTruncation(entry, attempt, payload, bound.isEmpty());
                    Future<Void> recorded = recordNames(entry, payload);
                    if (bound.isEmpty()) {
                        return recorded;
                    }
                    Future<Void> ran = bound.run(event(entry), payload, actions, vertx, tested, payloads, log);
                    // Wait for the names too, so nothing of this event is still running once it is acknowledged.
                    return Future.join(ran, recorded).transform(ar -> ran);
                })
                .andThen(done -> charge.release());
    }

    /** Marks the attempt for the endpoint's history, if it keeps one: the log of what runs, else OFF. */
    private static RunLog history(EndpointBindings bound, AttemptTrace trace) {
        if (!bound.endpoint().history().enabled()) {
            return RunLog.OFF;
        }
        long keep = bound.endpoint().history().keep();
        if (bound.isEmpty()) {
            trace.nothingBound(keep);
            return RunLog.OFF;
        }
        return trace.keep(keep);
    }

    /**
     * For a small payload, {@code inline} at once: it is parsed where it is read, on the calling event
     * loop. For a large one, what {@code prepare} computes on a thread of {@code executor}, back on the
     * calling event loop.
     */
    static <T> Future<T> ahead(WorkerExecutor executor, Payload payload, Supplier<T> prepare, T inline) {
        if (payload.body().length <= INLINE_BODY_BYTES) {
            return Future.succeededFuture(inline);
        }
        return executor.executeBlocking(prepare::get, false);
    }

    /** Parses the variables and tests the bound conditions; a body that does not parse is reported later. */
    private static EndpointBindings.Tested prepare(Payload payload, EndpointBindings bound) {
        try {
            payload.variables();
        } catch (MalformedPayloadException e) {
            // recordNames() logs it; conditions and templates that need it fail the event.
        }
        return bound.testAhead(payload);
    }

    /** Reads the names alone, for an endpoint bound to nothing: no value is needed. */
    private static EndpointBindings.Tested namesOnly(Payload payload) {
        try {
            payload.names();
        } catch (MalformedPayloadException e) {
            // recordNames() logs it.
        }
        return EndpointBindings.Tested.NONE;
    }

    /**
     * Flattens the payload where it was not yet (the names alone when {@code namesOnly}) and logs once
     * per event (at its first attempt) what its limits left out, and its notes (a declared JSON field
     * that held no JSON).
     */
    private static void noteTruncation(StreamEntry entry, int attempt, Payload payload, boolean namesOnly) {
        Flattened flattened;
        try {
            flattened = namesOnly ? payload.names() : payload.flattened();
        } catch (MalformedPayloadException e) {
            return;
        }
        if (flattened.notes() != null && attempt == 1) {
            LOG.warn("transid={} endpoint={} {}", entry.transid(), entry.endpoint(), flattened.notes());
        }
        if (flattened.isTruncated()) {
            if (attempt == 1) {
                LOG.warn("transid={} endpoint={} {}", entry.transid(), entry.endpoint(), flattened.truncated());
            } else {
                LOG.debug(
                        "transid={} endpoint={} attempt {}: {}",
                        entry.transid(),
                        entry.endpoint(),
                        attempt,
                        flattened.truncated());
            }
        }
    }

    /** Best effort: a payload that does not flatten or a Redis hiccup never fails the event. */
    private Future<Void> recordNames(StreamEntry entry, Payload payload) {
        Map<String, String> variables;
        try {
            variables = payload.names().variables();
        } catch (MalformedPayloadException e) {
            LOG.warn("transid={} payload does not flatten: {}", entry.transid(), e.getMessage());
            return Future.succeededFuture();
        }
        return names.record(entry.endpoint(), variables.keySet()).recover(err -> {
            LOG.debug("transid={} variable names not recorded: {}", entry.transid(), err.toString());
            return Future.succeededFuture();
        });
    }

    /** The event as actions see it: the one place a stream entry becomes an {@link Event}; its headers are parsed when read. */
    static Event event(StreamEntry entry) {
        return new Event(
                entry.transid(),
                entry.endpoint(),
                entry.service(),
                entry.receivedMillis(),
                entry.contentType(),
                entry.format(),
                dev.inlet.queue.StoredHeaders.read(entry.headers()),
                entry.query(),
                entry.body());
    }

    @Override
    public Future<Void> close() {
        List<Future<Void>> closed = actions.values().stream()
                .map(a -> {
                    try {
                        return a.close();
                    } catch (RuntimeException e) {
                        return Future.<Void>failedFuture(e);
                    }
                })
                .toList();
        return Future.join(closed).eventually(payloads::close).mapEmpty();
    }
}
