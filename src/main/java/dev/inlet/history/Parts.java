package dev.inlet.history;

import dev.inlet.variables.JsonBytes;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The one framing of the history's stream entries: one field holding parts one after the other,
 * each a 4-byte big-endian length and its bytes. A records entry holds its records' parts ({@link
 * HistoryRecord}), an outcomes entry its members ({@link Outcomes}): Redis parses the entry's field
 * as one bulk string and stores it as one listpack element, however many items the entry holds.
 */
final class Parts {
    /** Bytes of each part's length. */
    private static final int LENGTH_BYTES = 4;

    private static final byte[] MAXLEN = ascii("MAXLEN");
    private static final byte[] AUTO_ID = ascii("*");

    private Parts() {}

    /**
     * The XADD that appends one entry to {@code key}, its one field {@code field} holding {@code
     * parts} in order; {@code MAXLEN maxLen} bounds the entries (exact, trimming in place, about as
     * cheap as {@code ~}).
     */
    static Request append(String key, long maxLen, String field, List<byte[]> parts) {
        return append(key, maxLen, field, frame(parts));
    }

    /** {@link #append} of parts already framed ({@link #frame}, or {@link #begin} and {@link #part}). */
    static Request append(String key, long maxLen, String field, byte[] framed) {
        return Request.cmd(Command.XADD)
                .arg(key)
                .arg(MAXLEN)
                .arg(maxLen)
                .arg(AUTO_ID)
                .arg(ascii(field))
                .arg(framed);
    }

    /** Starts a part written next into {@code out}; where its length goes, for {@link #end}. */
    static int begin(JsonBytes out) {
        return out.skip(LENGTH_BYTES);
    }

    /** Ends the part {@link #begin} started at {@code at}: writes its length. */
    static void end(JsonBytes out, int at) {
        out.putInt(at, out.length() - at - LENGTH_BYTES);
    }

    /** Writes {@code part} framed into {@code out}. */
    static void part(JsonBytes out, byte[] part) {
        out.putInt(begin(out), part.length);
        out.raw(part);
    }

    /** {@code parts} framed one after the other: the value of an entry's field. */
    static byte[] frame(List<byte[]> parts) {
        int size = 0;
        for (byte[] part : parts) {
            size += LENGTH_BYTES + part.length;
        }
        JsonBytes out = new JsonBytes(size);
        for (byte[] part : parts) {
            part(out, part);
        }
        return out.toBytes();
    }

    /**
     * The first {@code most} parts of field {@code field} of one entry, {@code [id, [field, value,
     * ...]]} as XRANGE and XREVRANGE return it (the fields a map in RESP3), in order; everything from
     * a part whose length runs past the field's end is left out; empty when the entry has no id or no
     * such field.
     */
    static List<byte[]> read(Response entry, String field, int most) {
        byte[] in = field(entry, field);
        if (in == null) {
            return List.of();
        }
        List<byte[]> out = new ArrayList<>();
        int n = 0;
        while (out.size() < most && n + LENGTH_BYTES <= in.length) {
            int length = ((in[n] & 0xff) << 24)
                    | ((in[n + 1] & 0xff) << 16)
                    | ((in[n + 2] & 0xff) << 8)
                    | (in[n + 3] & 0xff);
            if (length < 0 || length > in.length - n - LENGTH_BYTES) {
                break;
            }
            out.add(Arrays.copyOfRange(in, n + LENGTH_BYTES, n + LENGTH_BYTES + length));
            n += LENGTH_BYTES + length;
        }
        return out;
    }

    /** The value of field {@code name} of one entry; null when there is no id or no such field. */
    static byte[] field(Response entry, String name) {
        if (entry == null || entry.size() < 2 || entry.get(0) == null || entry.get(1) == null) {
            return null;
        }
        Response list = entry.get(1);
        Response field = null;
        if (list.isMap()) {
            field = list.get(name);
        } else {
            for (int i = 0; i + 1 < list.size(); i += 2) {
                if (name.equals(list.get(i).toString())) {
                    field = list.get(i + 1);
                }
            }
        }
        return field == null ? null : field.toBytes();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
