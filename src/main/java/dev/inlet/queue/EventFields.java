package dev.inlet.queue;

/** Field names of an event entry in the Redis stream; {@link StreamEntryCodec} writes and reads them, in its order. */
public final class EventFields {
    public static final String TRANSID = "transid";
    public static final String ENDPOINT = "endpoint";
    public static final String SERVICE = "service";
    public static final String RECEIVED = "received";
    public static final String CONTENT_TYPE = "contentType";
    public static final String FORMAT = "format";
    public static final String HEADERS = "headers";
    public static final String QUERY = "query";
    public static final String BODY = "body";
    /**
     * A further field (in {@link StreamEntry#others()}) of an event put back on the stream from its
     * history: the history id of the record it replays. Events from ingest do not have it.
     */
    public static final String REPLAY_OF = "replayOf";

    private EventFields() {}
}
