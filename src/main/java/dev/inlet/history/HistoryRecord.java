package dev.inlet.history;

import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * One request to an endpoint as its history keeps it, accepted or refused: what came (time, client,
 * method, path, query, masked headers, the body up to the endpoint's {@code maxBodyBytes}) and what
 * Inlet answered (code, HTTP status, transid, how long the answer took, and for a refusal its
 * diagnosis). This record is also the one place that knows how a record is written to its stream
 * ({@link #append}) and read back ({@link #read}): every record has every field, in the same order,
 * so Redis stores the field names once per stream node, not per record.
 *
 * @param id the record's stream id, its id in the history API; null before it is written
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

    /** The field names, in the order every record writes them. */
    private static final String[] FIELDS = {
        "at",
        "service",
        "client",
        "peer",
        "method",
        "path",
        "query",
        "headers",
        "body",
        "bodyBytes",
        "format",
        "code",
        "status",
        "transid",
        "micros",
        "diagnosis"
    };

    private static final byte[][] ENCODED = encoded();

    /** Whether the whole body is kept (so the event can be replayed and its variables shown). */
    public boolean bodyWhole() {
        return bodyBytes >= 0 && body.length == bodyBytes;
    }

    /** Whether Inlet accepted the request (code 1002). */
    public boolean accepted() {
        return code == 1002;
    }

    /**
     * The XADD that appends this record to {@code key}, trimming the stream to {@code keep} records
     * exactly (each append drops the oldest one once full, in place: about as cheap as {@code ~}'s
     * whole-node trimming, and an endpoint with {@code keep: 10} keeps 10, not a node of 100).
     */
    public Request append(String key, long keep) {
        Request r = Request.cmd(Command.XADD).arg(key).arg(MAXLEN).arg(keep).arg(AUTO_ID);
        r.arg(ENCODED[0]).arg(receivedAt);
        r.arg(ENCODED[1]).arg(service);
        r.arg(ENCODED[2]).arg(client);
        r.arg(ENCODED[3]).arg(peer);
        r.arg(ENCODED[4]).arg(method);
        r.arg(ENCODED[5]).arg(path);
        r.arg(ENCODED[6]).arg(query);
        r.arg(ENCODED[7]).arg(headers);
        r.arg(ENCODED[8]).arg(body);
        r.arg(ENCODED[9]).arg(bodyBytes);
        r.arg(ENCODED[10]).arg(format);
        r.arg(ENCODED[11]).arg(code);
        r.arg(ENCODED[12]).arg(status);
        r.arg(ENCODED[13]).arg(transid);
        r.arg(ENCODED[14]).arg(micros);
        r.arg(ENCODED[15]).arg(diagnosis);
        return r;
    }

    /**
     * Reads {@code [id, [field, value, ...]]} as XRANGE and XREVRANGE return it (the fields a map in
     * RESP3); a missing field reads as "", 0 or no bytes; null when there is no id or no content.
     */
    public static HistoryRecord read(Response entry) {
        if (entry == null || entry.size() < 2 || entry.get(0) == null || entry.get(1) == null) {
            return null;
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
        if (f.isEmpty()) {
            return null;
        }
        return new HistoryRecord(
                entry.get(0).toString(),
                number(f.get("at")),
                text(f.get("service")),
                text(f.get("client")),
                text(f.get("peer")),
                text(f.get("method")),
                text(f.get("path")),
                text(f.get("query")),
                bytes(f.get("headers")),
                bytes(f.get("body")),
                f.containsKey("bodyBytes") ? number(f.get("bodyBytes")) : -1,
                text(f.get("format")),
                (int) number(f.get("code")),
                (int) number(f.get("status")),
                text(f.get("transid")),
                number(f.get("micros")),
                text(f.get("diagnosis")));
    }

    private static String text(Response v) {
        return v == null ? "" : v.toString();
    }

    private static byte[] bytes(Response v) {
        return v == null ? NO_BYTES : v.toBytes();
    }

    private static long number(Response v) {
        try {
            return v == null ? 0 : Long.parseLong(v.toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static byte[][] encoded() {
        byte[][] out = new byte[FIELDS.length][];
        for (int i = 0; i < FIELDS.length; i++) {
            out[i] = utf8(FIELDS[i]);
        }
        return out;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
