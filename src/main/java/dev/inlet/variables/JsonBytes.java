package dev.inlet.variables;

import java.util.Arrays;
import java.util.Objects;

/**
 * JSON written straight as UTF-8 bytes into an array that grows as needed, for the small objects
 * Inlet writes on hot paths without a JSON generator (a history record's meta, an outcome member):
 * ASCII as it is, strings quoted and escaped by {@link JsonText#escapeUtf8}, numbers; and the bytes
 * around them ({@link #raw}, {@link #skip}, {@link #putInt}) when the JSON is one part of a larger
 * value written in the same array. Reusable ({@link #reset}); one per user, not thread-safe.
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
        int length = ascii.length();
        room(length);
        lowBytes(ascii, length);
        return this;
    }

    /** Appends {@code value} as a JSON string: quoted, every char escaped as JSON needs. */
    public JsonBytes string(String value) {
        int length = value.length();
        room(2 + length * JsonText.MAX_BYTES_PER_CHAR);
        out[n++] = '"';
        if (plain(value, length)) {
            lowBytes(value, length);
        } else {
            n = JsonText.escapeUtf8(value, false, out, n);
        }
        out[n++] = '"';
        return this;
    }

    /** Whether every char of {@code value} is printable ASCII that JSON takes as it is. */
    private static boolean plain(String value, int length) {
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    /**
     * Appends each char's low byte, which for ASCII is its UTF-8: {@code String.getBytes(int, int,
     * byte[], int)} copies a Latin-1 string's bytes as one array copy, where a loop of {@code charAt}
     * goes char by char.
     */
    @SuppressWarnings("deprecation")
    private void lowBytes(String ascii, int length) {
        ascii.getBytes(0, length, out, n);
        n += length;
    }

    /** Appends {@code value} as a JSON number. */
    public JsonBytes number(long value) {
        if (value == Long.MIN_VALUE) {
            return ascii(Long.toString(value));
        }
        room(20);
        if (value < 0) {
            out[n++] = '-';
            value = -value;
        }
        if (value <= Integer.MAX_VALUE) {
            n = digits((int) value, out, n, 0);
            return this;
        }
        // In int arithmetic, which is cheaper: the high digits, then the last eight (an epoch ms has 13).
        long high = value / 100_000_000;
        int low = (int) (value - high * 100_000_000);
        if (high <= Integer.MAX_VALUE) {
            n = digits((int) high, out, n, 0);
        } else {
            int top = (int) (high / 100_000_000);
            n = digits(top, out, n, 0);
            n = digits((int) (high - top * 100_000_000L), out, n, 8);
        }
        n = digits(low, out, n, 8);
        return this;
    }

    /**
     * Appends {@code units / 10^places} as a JSON number with exactly {@code places} decimals (1 to 9),
     * e.g. {@code fixed(1235, 3)} is {@code 1.235} and {@code fixed(7, 3)} is {@code 0.007}: a
     * duration in microseconds as milliseconds, without a double or a String.
     */
    public JsonBytes fixed(long units, int places) {
        if (places < 1 || places > 9) {
            throw new IllegalArgumentException("places " + places);
        }
        int scale = 1;
        for (int i = 0; i < places; i++) {
            scale *= 10;
        }
        if (units < 0) {
            if (units == Long.MIN_VALUE) {
                return ascii(java.math.BigDecimal.valueOf(units, places).toPlainString());
            }
            ascii("-");
            units = -units;
        }
        number(units / scale);
        room(1 + places);
        out[n++] = '.';
        n = digits((int) (units % scale), out, n, places);
        return this;
    }

    /** Writes {@code value} (not negative) at {@code at}, at least {@code width} digits; where it ends. */
    private static int digits(int value, byte[] out, int at, int width) {
        int count = 1;
        for (int v = value; v >= 10; v /= 10) {
            count++;
        }
        count = Math.max(count, width);
        int end = at + count;
        for (int i = end - 1; i >= at; i--) {
            int q = value / 10;
            out[i] = (byte) ('0' + (value - q * 10));
            value = q;
        }
        return end;
    }

    /** Appends {@code bytes} as they are. */
    public JsonBytes raw(byte[] bytes) {
        room(bytes.length);
        System.arraycopy(bytes, 0, out, n, bytes.length);
        n += bytes.length;
        return this;
    }

    /** Leaves {@code count} bytes to be written later ({@link #putInt}); where they start. */
    public int skip(int count) {
        room(count);
        int at = n;
        n += count;
        return at;
    }

    /** Writes {@code value} big-endian over the 4 bytes at {@code at}, which were written already. */
    public void putInt(int at, int value) {
        Objects.checkFromIndexSize(at, 4, n);
        out[at] = (byte) (value >>> 24);
        out[at + 1] = (byte) (value >>> 16);
        out[at + 2] = (byte) (value >>> 8);
        out[at + 3] = (byte) value;
    }

    /** How many bytes were written since the last {@link #reset}. */
    public int length() {
        return n;
    }

    /** How many bytes it holds before it must grow. */
    public int capacity() {
        return out.length;
    }

    /** Copies {@code count} written bytes from {@code from} into {@code to} at {@code at}. */
    public void copyTo(int from, int count, byte[] to, int at) {
        Objects.checkFromIndexSize(from, count, n);
        System.arraycopy(out, from, to, at, count);
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
