package dev.inlet.variables;

import java.util.Arrays;

/**
 * JSON written straight as UTF-8 bytes into an array that grows as needed, for the small objects
 * Inlet writes on hot paths without a JSON generator (a history record's meta, an outcome member):
 * ASCII as it is, strings quoted and escaped by {@link JsonText#escapeUtf8}, numbers. Reusable
 * ({@link #reset}); one per user, not thread-safe.
 */
public final class JsonBytes {
    private byte[] out;
    private int n;

    public JsonBytes(int capacity) {
        out = new byte[Math.max(16, capacity)];
    }

    /** Empties it for the next text, keeping its array. */
    public JsonBytes reset() {
        n = 0;
        return this;
    }

    /** Appends {@code ascii} as it is: punctuation, names known to need no escape, literals. */
    public JsonBytes ascii(String ascii) {
        room(ascii.length());
        for (int i = 0; i < ascii.length(); i++) {
            out[n++] = (byte) ascii.charAt(i);
        }
        return this;
    }

    /** Appends {@code value} as a JSON string: quoted, every char escaped as JSON needs. */
    public JsonBytes string(String value) {
        room(2 + value.length() * JsonText.MAX_BYTES_PER_CHAR);
        out[n++] = '"';
        n = JsonText.escapeUtf8(value, false, out, n);
        out[n++] = '"';
        return this;
    }

    /** Appends {@code value} as a JSON number. */
    public JsonBytes number(long value) {
        return ascii(Long.toString(value));
    }

    /** What was written since the last {@link #reset}, as a new array. */
    public byte[] toBytes() {
        return Arrays.copyOf(out, n);
    }

    private void room(int more) {
        if (n + more > out.length) {
            out = Arrays.copyOf(out, Math.max(n + more, 2 * out.length));
        }
    }
}
