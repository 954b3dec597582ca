package dev.inlet.history;

import io.vertx.redis.client.Response;
import java.util.Arrays;

/**
 * The one framing of the history's stream fields: parts one after the other, each a 4-byte
 * big-endian length and its bytes. A records entry holds its records' parts ({@link HistoryRecord}),
 * an outcomes entry its members ({@link Outcomes}): one field per entry, which Redis parses as one
 * bulk string and stores as one listpack element, however many items the entry holds.
 */
final class Parts {
    /** Bytes of each part's length. */
    static final int LENGTH_BYTES = 4;

    private Parts() {}

    /** Writes {@code part} at {@code n} of {@code out}; the offset after it. */
    static int put(byte[] out, int n, byte[] part) {
        int length = part.length;
        out[n] = (byte) (length >>> 24);
        out[n + 1] = (byte) (length >>> 16);
        out[n + 2] = (byte) (length >>> 8);
        out[n + 3] = (byte) length;
        System.arraycopy(part, 0, out, n + LENGTH_BYTES, length);
        return n + LENGTH_BYTES + length;
    }

    /** The part at {@code n} of {@code in}; null when its length is missing or runs past the end. */
    static byte[] at(byte[] in, int n) {
        if (n + LENGTH_BYTES > in.length) {
            return null;
        }
        int length =
                ((in[n] & 0xff) << 24) | ((in[n + 1] & 0xff) << 16) | ((in[n + 2] & 0xff) << 8) | (in[n + 3] & 0xff);
        if (length < 0 || length > in.length - n - LENGTH_BYTES) {
            return null;
        }
        return Arrays.copyOfRange(in, n + LENGTH_BYTES, n + LENGTH_BYTES + length);
    }

    /**
     * The value of field {@code name} of one entry, {@code [id, [field, value, ...]]} as XRANGE and
     * XREVRANGE return it (the fields a map in RESP3); null when there is no id or no such field.
     */
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
}
