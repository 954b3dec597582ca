package dev.inlet.history;

/**
 * Every Redis key of the event history, derived in this one place from {@code redis.stream}. Each
 * endpoint's keys share the hash tag {@code {<endpoint>}}, so in cluster mode an endpoint's whole
 * history lives in one slot and every command over it runs on one node:
 * <ul>
 *   <li>{@code <stream>:history:{<endpoint>}}: the records, a stream, newest last; its entry id is
 *       the event's id in the history API. Written by ingest ({@link HistoryRecord}).</li>
 *   <li>{@code <stream>:history:{<endpoint>}:attempts}: what the workers did with each accepted
 *       event, a stream of outcome members, one entry per worker round ({@link Outcomes}). (Earlier
 *       versions kept them in {@code ...:outcomes}, a sorted set, which expires on its own {@code
 *       for} after it was last written.)</li>
 *   <li>{@code <stream>:history:{<endpoint>}:unrecorded}: how many refusals and handshakes were not
 *       recorded, past the endpoint's {@code history.refusals} rate.</li>
 *   <li>{@code <stream>:counts:{<endpoint>}:<epoch minute>}: a hash, how many answers of each code
 *       the endpoint gave in that minute (every ingest process adds to it, {@link AnswerCounts}),
 *       kept {@link #COUNTS_MILLIS}; whether or not the endpoint's history is on.</li>
 * </ul>
 */
public final class HistoryKeys {
    /** How long a minute's counts are kept: the console's hour and its chart, with room. */
    public static final long COUNTS_MILLIS = 2 * 3600_000L;

    private final String prefix;
    private final String countsPrefix;

    private HistoryKeys(String stream) {
        this.prefix = stream + ":history:{";
        this.countsPrefix = stream + ":counts:{";
    }

    /** The keys under {@code redis.stream}. */
    public static HistoryKeys of(String stream) {
        return new HistoryKeys(stream);
    }

    public String records(String endpoint) {
        return prefix + endpoint + "}";
    }

    public String outcomes(String endpoint) {
        return prefix + endpoint + "}:attempts";
    }

    public String unrecorded(String endpoint) {
        return prefix + endpoint + "}:unrecorded";
    }

    /** The answer counts of {@code endpoint} in the minute {@code epochMinute} (epoch millis / 60,000). */
    public String counts(String endpoint, long epochMinute) {
        return countsPrefix + endpoint + "}:" + epochMinute;
    }
}
