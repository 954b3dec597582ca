package dev.inlet;

/**
 * What one Inlet process runs, so ingest and workers can scale as separate processes sharing one
 * Redis. Every role serves {@code /health/*} and {@code /metrics} on {@code server.port}.
 */
public enum Role {
    /** HTTP ingest and the workers (the default). */
    ALL,
    /** HTTP ingest (and the admin API) only; {@code workers.instances} is ignored. */
    INGEST,
    /** Workers only; HTTP serves health, metrics and the admin API, not the webhook routes. */
    WORKER;

    boolean ingests() {
        return this != WORKER;
    }

    boolean works() {
        return this != INGEST;
    }
}
