package dev.inlet.history;

import dev.inlet.variables.JsonBytes;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One request to an endpoint as its history keeps it, accepted or refused: what came (time, client,
 * method, path, query, masked headers, the body up to the endpoint's {@code maxBodyBytes}) and what
 * Inlet answered (code, HTTP status, transid, how long the answer took, and for a refusal its
 * diagnosis). This record is also the one place that knows how a record is written to its stream
 * ({@link #append}, several records to one entry) and read back ({@link #readAll}): one field per
 * entry, {@code r}, holding the entry's records one after the other, each as three length-prefixed
 * parts (4-byte big-endian lengths): the meta (everything but the headers and the body, one JSON
 * object), the headers and the body. One field, not three per record: Redis parses the entry's one
 * bulk string (past 32 KiB without even copying it out of its socket buffer) and stores it as one
 * listpack element, where 3 fields per record cost it a parse and an element each.
 *
 * @param id the record's id in the history API, {@code <entry id>.<index>}; null before it is written
 * @param receivedAt epoch ms when the request arrived
 * @param client the client address as Inlet believes it (the peer, or what trusted proxies forwarded)
 * @param peer the socket peer when it is a trusted proxy the request came through; "" otherwise
 * @param query the query string as received, without the {@code ?}; "" when none
 * @param headers the request headers as a JSON object (UTF-8), credentials left out and signature
 *     values masked ({@link HistoryHeaders})
 * @param body the body's first {@code maxBodyBytes} bytes; empty when it was not read
 * @param bodyBytes the body's whole length; -1 when the request was answered before its body was read
 * @param format the payload format as ingest resolved it ({@code json}, {@code xml}, {@code form},
 *     {@code multipart}); "" when it was answered before
 * @param transid the accepted event's transid; "" for a refusal
 * @param micros how long the answer took, from the request's arrival to the answer written
 * @param diagnosis why it was refused, for the operator (never a secret); "" when it was not
 */
public record HistoryRecord(
        String id,
        long receivedAt,
        String service,
        String client,
        String peer,
        String method,
        String path,
        String query,
        byte[] headers,
        byte[] body,
        long bodyBytes,
        String format,
        int code,
        int status,
        String transid,
        long micros,
        String diagnosis) {

    /** Most records one stream entry holds. */
    public static final int MAX_PER_ENTRY = 64;

    /** The entry's one field, its records. */
    private static final String FIELD = "r";

    /** Whether the whole body is kept (so the event can be replayed and its variables shown). */
    public boolean bodyWhole() {
        return bodyBytes >= 0 && body.length == bodyBytes;
    }

    /** Whether Inlet accepted the request (code 1002). */
    public boolean accepted() {
        return code == 1002;
    }

    /**
     * The XADD that appends {@code records} (at most {@link #MAX_PER_ENTRY}, oldest first) to {@code
     * key} as one entry: {@code r <records>}. One entry per round, not one per record: Redis parses
     * and stores one XADD of many records in a fraction of the time as many single-record XADDs
     * take. {@code MAXLEN keep} bounds the entries (each holds at least one record; exact, trimming in
     * place, about as cheap as {@code ~}); the records are bounded by the writer's {@code XTRIM
     * MINID} ({@link History#wrote}).
     */
    public static Request append(String key, long keep, List<HistoryRecord> records) {
        JsonBytes out = new JsonBytes(4096);
        for (HistoryRecord r : records) {
            r.frame(out);
        }
        return append(key, keep, out.toBytes());
    }

    /** {@link #append} of records already {@link #frame framed} one after the other. */
    static Request append(String key, long keep, byte[] framed) {
        return Parts.append(key, keep, FIELD, framed);
    }

    /** Writes this record's three parts, framed, into {@code out}: its meta, headers and body. */
    void frame(JsonBytes out) {
        int meta = Parts.begin(out);
        meta(out);
        Parts.end(out, meta);
        Parts.part(out, headers);
        Parts.part(out, body);
    }

    /**
     * Everything but the headers and the body, as one JSON object in UTF-8, written without a JSON
     * library into {@code json}.
     */
    private void meta(JsonBytes json) {
        json.ascii("{\"at\":")
                .number(receivedAt)
                .ascii(",\"service\":")
                .string(service)
                .ascii(",\"client\":")
                .string(client)
                .ascii(",\"peer\":")
                .string(peer)
                .ascii(",\"method\":")
                .string(method)
                .ascii(",\"path\":")
                .string(path)
                .ascii(",\"query\":")
                .string(query)
                .ascii(",\"bodyBytes\":")
                .number(bodyBytes)
                .ascii(",\"format\":")
                .string(format)
                .ascii(",\"code\":")
                .number(code)
                .ascii(",\"status\":")
                .number(status)
                .ascii(",\"transid\":")
                .string(transid)
                .ascii(",\"micros\":")
                .number(micros)
                .ascii(",\"diagnosis\":")
                .string(diagnosis)
                .ascii("}");
    }

    /**
     * Reads every record of one entry, {@code [id, [field, value, ...]]} as XRANGE and XREVRANGE
     * return it (the fields a map in RESP3), oldest first, each with its id {@code <entry id>.<index>};
     * a record without readable meta is left out, and so is everything from a part whose length runs
     * past the field's end; empty when there is no id or no content.
     */
    public static List<HistoryRecord> readAll(Response entry) {
        List<byte[]> parts = Parts.read(entry, FIELD, 3 * MAX_PER_ENTRY);
        if (parts.isEmpty()) {
            return List.of();
        }
        String entryId = entry.get(0).toString();
        List<HistoryRecord> out = new ArrayList<>();
        for (int i = 0; 3 * i + 2 < parts.size(); i++) {
            HistoryRecord r = read(entryId + "." + i, parts.get(3 * i), parts.get(3 * i + 1), parts.get(3 * i + 2));
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    /** The stream entry of history id {@code <entry>.<index>}. */
    public static String entryOf(String id) {
        int dot = id.indexOf('.');
        return dot < 0 ? id : id.substring(0, dot);
    }

    /** The index in its entry of history id {@code <entry>.<index>}; 0 for an entry id alone. */
    public static int indexOf(String id) {
        int dot = id.indexOf('.');
        return dot < 0 ? 0 : Integer.parseInt(id.substring(dot + 1));
    }

    private static HistoryRecord read(String id, byte[] meta, byte[] headers, byte[] body) {
        JsonObject m;
        try {
            m = new JsonObject(new String(meta, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return null;
        }
        return new HistoryRecord(
                id,
                m.getLong("at", 0L),
                m.getString("service", ""),
                m.getString("client", ""),
                m.getString("peer", ""),
                m.getString("method", ""),
                m.getString("path", ""),
                m.getString("query", ""),
                headers,
                body,
                m.getLong("bodyBytes", -1L),
                m.getString("format", ""),
                m.getInteger("code", 0),
                m.getInteger("status", 0),
                m.getString("transid", ""),
                m.getLong("micros", 0L),
                m.getString("diagnosis", ""));
    }
}
