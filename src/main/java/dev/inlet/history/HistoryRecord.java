package dev.inlet.history;

import dev.inlet.variables.JsonText;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One request to an endpoint as its history keeps it, accepted or refused: what came (time, client,
 * method, path, query, masked headers, the body up to the endpoint's {@code maxBodyBytes}) and what
 * Inlet answered (code, HTTP status, transid, how long the answer took, and for a refusal its
 * diagnosis). This record is also the one place that knows how a record is written to its stream
 * ({@link #append}, several records to one entry) and read back ({@link #readAll}): three fields
 * per record, {@code m<i>} (everything but the headers and the body, one JSON object), {@code h<i>}
 * (the headers) and {@code b<i>} (the body), after {@code n} (how many records). Three
 * fields, not one per value: Redis parses and stores a record with 11 arguments in about 60% of the
 * time 37 take (measured with the bench's records), and the names are stored once per stream node.
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

    private static final byte[] NO_BYTES = new byte[0];
    private static final byte[] MAXLEN = utf8("MAXLEN");
    private static final byte[] AUTO_ID = utf8("*");
    /** Most records one stream entry holds. */
    public static final int MAX_PER_ENTRY = 64;

    private static final byte[] COUNT = utf8("n");
    private static final byte[][] META = names("m");
    private static final byte[][] HEADERS = names("h");
    private static final byte[][] BODY = names("b");

    private static byte[][] names(String prefix) {
        byte[][] out = new byte[MAX_PER_ENTRY][];
        for (int i = 0; i < MAX_PER_ENTRY; i++) {
            out[i] = utf8(prefix + i);
        }
        return out;
    }

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
     * key} as one entry: {@code n <count> m0 <meta> h0 <headers> b0 <body> m1 ...}. One entry per
     * round, not one per record: Redis parses and stores one XADD of many records in a fraction of
     * the time as many single-record XADDs take. {@code MAXLEN keep} bounds the entries (each holds
     * at least one record; exact, trimming in place, about as cheap as {@code ~}); the records are
     * bounded by the writer's {@code XTRIM MINID} ({@link History#wrote}).
     */
    public static Request append(String key, long keep, List<HistoryRecord> records) {
        Request xadd = Request.cmd(Command.XADD)
                .arg(key)
                .arg(MAXLEN)
                .arg(keep)
                .arg(AUTO_ID)
                .arg(COUNT)
                .arg(records.size());
        for (int i = 0; i < records.size(); i++) {
            HistoryRecord r = records.get(i);
            xadd.arg(META[i])
                    .arg(r.meta())
                    .arg(HEADERS[i])
                    .arg(r.headers())
                    .arg(BODY[i])
                    .arg(r.body());
        }
        return xadd;
    }

    /** Everything but the headers and the body, as one JSON object in UTF-8, written without a JSON library. */
    byte[] meta() {
        int room = 200
                + (service.length()
                                + client.length()
                                + peer.length()
                                + method.length()
                                + path.length()
                                + query.length()
                                + format.length()
                                + transid.length()
                                + diagnosis.length())
                        * JsonText.MAX_BYTES_PER_CHAR;
        byte[] out = new byte[room];
        int n = 0;
        n = number(out, n, "{\"at\":", receivedAt);
        n = text(out, n, ",\"service\":\"", service);
        n = text(out, n, ",\"client\":\"", client);
        n = text(out, n, ",\"peer\":\"", peer);
        n = text(out, n, ",\"method\":\"", method);
        n = text(out, n, ",\"path\":\"", path);
        n = text(out, n, ",\"query\":\"", query);
        n = number(out, n, ",\"bodyBytes\":", bodyBytes);
        n = text(out, n, ",\"format\":\"", format);
        n = number(out, n, ",\"code\":", code);
        n = number(out, n, ",\"status\":", status);
        n = text(out, n, ",\"transid\":\"", transid);
        n = number(out, n, ",\"micros\":", micros);
        n = text(out, n, ",\"diagnosis\":\"", diagnosis);
        out[n++] = '}';
        return Arrays.copyOf(out, n);
    }

    private static int number(byte[] out, int n, String prefix, long value) {
        n = ascii(out, n, prefix);
        return ascii(out, n, Long.toString(value));
    }

    private static int text(byte[] out, int n, String prefix, String value) {
        n = ascii(out, n, prefix);
        n = JsonText.escapeUtf8(value, false, out, n);
        out[n++] = '"';
        return n;
    }

    private static int ascii(byte[] out, int n, String ascii) {
        for (int i = 0; i < ascii.length(); i++) {
            out[n++] = (byte) ascii.charAt(i);
        }
        return n;
    }

    /**
     * Reads every record of one entry, {@code [id, [field, value, ...]]} as XRANGE and XREVRANGE
     * return it (the fields a map in RESP3), oldest first, each with its id {@code <entry id>.<index>};
     * a missing field reads as "", 0 or no bytes, a record without readable meta is left out; empty
     * when there is no id or no content.
     */
    public static List<HistoryRecord> readAll(Response entry) {
        if (entry == null || entry.size() < 2 || entry.get(0) == null || entry.get(1) == null) {
            return List.of();
        }
        Map<String, Response> f = new HashMap<>();
        Response list = entry.get(1);
        if (list.isMap()) {
            for (String k : list.getKeys()) {
                f.put(k, list.get(k));
            }
        } else {
            for (int i = 0; i + 1 < list.size(); i += 2) {
                f.put(list.get(i).toString(), list.get(i + 1));
            }
        }
        int n;
        try {
            n = f.get("n") == null
                    ? 0
                    : Math.min(MAX_PER_ENTRY, Integer.parseInt(f.get("n").toString()));
        } catch (NumberFormatException e) {
            return List.of();
        }
        String entryId = entry.get(0).toString();
        List<HistoryRecord> out = new ArrayList<>(Math.max(0, n));
        for (int i = 0; i < n; i++) {
            HistoryRecord r = read(entryId + "." + i, f.get("m" + i), f.get("h" + i), f.get("b" + i));
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

    private static HistoryRecord read(String id, Response meta, Response headers, Response body) {
        if (meta == null) {
            return null;
        }
        JsonObject m;
        try {
            m = new JsonObject(meta.toString());
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
                bytes(headers),
                bytes(body),
                m.getLong("bodyBytes", -1L),
                m.getString("format", ""),
                m.getInteger("code", 0),
                m.getInteger("status", 0),
                m.getString("transid", ""),
                m.getLong("micros", 0L),
                m.getString("diagnosis", ""));
    }

    private static byte[] bytes(Response v) {
        return v == null ? NO_BYTES : v.toBytes();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
