package dev.inlet.queue;

import dev.inlet.variables.JsonMembers;
import dev.inlet.variables.JsonText;
import java.io.IOException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The request headers stored with an event (the stream entry's {@code headers} field): a JSON
 * object in UTF-8, names in lower case, the first value of each name, never a credential (see
 * {@link #isSecret}), at most {@value #MAX_NAMES} names and {@value #MAX_BYTES} chars of names and
 * values. Ingest writes it with a {@link Writer}; workers read it with {@link #read}, which parses
 * it only when an action looks.
 */
public final class StoredHeaders {
    /** Most chars of names and values stored; the request's further headers are left out. */
    public static final int MAX_BYTES = 16 * 1024;
    /** Most header names stored; the request's further headers are left out, as past {@link #MAX_BYTES}. */
    public static final int MAX_NAMES = 100;
    /** Up to this many names, a scan of those seen finds a repeat faster than a set. */
    private static final int SCANNED_NAMES = 8;

    private StoredHeaders() {}

    /**
     * Writes stored headers straight as UTF-8 bytes, the form the XADD sends, into a buffer it reuses:
     * one per event loop (not thread-safe). Linear in the number of headers, however many a request
     * sends.
     */
    public static final class Writer {
        private byte[] buffer = new byte[1024];
        /** The masked values' spans of the last {@link #forms} call. */
        private final List<int[]> spans = new ArrayList<>();

        /** The stored form of {@code headers} (a request's, in the order received). */
        public byte[] write(Iterable<Map.Entry<String, String>> headers) {
            return write(headers, List.of());
        }

        /**
         * As {@link #write(Iterable)}, leaving out {@code withheld} too: the endpoint's own
         * credentials, such as the header of a plain-token signature ({@code X-Gitlab-Token}).
         */
        public byte[] write(Iterable<Map.Entry<String, String>> headers, List<String> withheld) {
            return write(headers, withheld, null);
        }

        /**
         * As {@link #write(Iterable, List)}, the value of every header {@code masked} names replaced
         * by {@link #masked(int)} (the event history's form: a signature's value is never kept).
         */
        public byte[] write(
                Iterable<Map.Entry<String, String>> headers, List<String> withheld, Predicate<String> masked) {
            int n = write(headers, withheld, masked, null);
            // After the write, which may have grown the buffer.
            return Arrays.copyOf(buffer, n);
        }

        /**
         * Both forms in one walk of {@code headers}: the stored form ({@link #write(Iterable, List)})
         * and the masked one ({@link #write(Iterable, List, Predicate)}), the latter the very same
         * array when no header is masked, else the former with each masked value spliced out.
         */
        public Forms forms(
                Iterable<Map.Entry<String, String>> headers, List<String> withheld, Predicate<String> masked) {
            spans.clear();
            int n = write(headers, withheld, masked, spans);
            byte[] stored = Arrays.copyOf(buffer, n);
            if (spans.isEmpty()) {
                return new Forms(stored, stored);
            }
            byte[] out = new byte[n + spans.size() * MASK_ROOM];
            int m = 0;
            int from = 0;
            for (int[] span : spans) {
                System.arraycopy(stored, from, out, m, span[0] - from);
                m += span[0] - from;
                String mask = masked(span[2]);
                for (int i = 0; i < mask.length(); i++) {
                    out[m++] = (byte) mask.charAt(i);
                }
                from = span[1];
            }
            System.arraycopy(stored, from, out, m, n - from);
            return new Forms(stored, Arrays.copyOf(out, m + n - from));
        }

        /**
         * Writes into {@link #buffer} and answers the bytes written: with {@code spans} null each value
         * {@code masked} names is written masked, else written as it is and its span ({@code [start,
         * end, chars]} in the buffer) added to {@code spans}.
         */
        private int write(
                Iterable<Map.Entry<String, String>> headers,
                List<String> withheld,
                Predicate<String> masked,
                List<int[]> spans) {
            byte[] out = buffer;
            int n = 0;
            out[n++] = '{';
            // A request has a handful of headers: a scan of those seen finds a repeat faster than a set,
            // which takes over once there are more.
            List<String> seen = new ArrayList<>(SCANNED_NAMES + 1);
            Set<String> seenLowerCase = null;
            int names = 0;
            int size = 0;
            for (Map.Entry<String, String> h : headers) {
                String name = h.getKey();
                String value = h.getValue();
                if (isSecret(name) || (!withheld.isEmpty() && withheldIgnoringCase(withheld, name))) {
                    continue;
                }
                boolean masks = masked != null && masked.test(name);
                // Cut by the sizes received, so both forms of one request hold the same names.
                int chars = value.length();
                if (masks && spans == null) {
                    value = masked(value.length());
                }
                if (seenLowerCase != null) {
                    if (!seenLowerCase.add(name.toLowerCase(Locale.ROOT))) {
                        continue;
                    }
                } else if (seenIgnoringCase(seen, name)) {
                    continue;
                } else {
                    seen.add(name);
                    if (seen.size() > SCANNED_NAMES) {
                        seenLowerCase = new HashSet<>();
                        for (String s : seen) {
                            seenLowerCase.add(s.toLowerCase(Locale.ROOT));
                        }
                    }
                }
                size += name.length() + chars;
                if (size > MAX_BYTES || ++names > MAX_NAMES) {
                    break;
                }
                int room = n + 6 + (name.length() + value.length()) * JsonText.MAX_BYTES_PER_CHAR + 1;
                if (room > out.length) {
                    out = Arrays.copyOf(out, Math.max(room, 2 * out.length));
                    buffer = out;
                }
                if (n > 1) {
                    out[n++] = ',';
                }
                out[n++] = '"';
                n = JsonText.escapeUtf8(name, true, out, n);
                out[n++] = '"';
                out[n++] = ':';
                out[n++] = '"';
                int start = n;
                n = JsonText.escapeUtf8(value, false, out, n);
                if (masks && spans != null) {
                    spans.add(new int[] {start, n, value.length()});
                }
                out[n++] = '"';
            }
            out[n++] = '}';
            return n;
        }
    }

    /**
     * A request's headers in both stored forms, from {@link Writer#forms}.
     *
     * @param stored as an event keeps them
     * @param masked as the event history keeps them: {@code stored} itself when nothing was masked
     */
    public record Forms(byte[] stored, byte[] masked) {}

    /** Room for one {@link #masked} text: 16 chars and a length of at most 10 digits. */
    private static final int MASK_ROOM = 32;

    /** What a masked value is stored as: that it was there and its length, never a character of it. */
    public static String masked(int length) {
        return "(masked, " + length + " chars)";
    }

    private static boolean withheldIgnoringCase(List<String> withheld, String name) {
        for (String w : withheld) {
            if (w.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean seenIgnoringCase(List<String> seen, String name) {
        for (String s : seen) {
            if (s.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** Headers never stored with the event, as they carry credentials: key, authorization, cookie, proxy-authorization. */
    public static boolean isSecret(String name) {
        // Runs for every header of every request: the length rules out almost every name without hashing it.
        return switch (name.length()) {
            case 3 -> name.equalsIgnoreCase("key");
            case 6 -> name.equalsIgnoreCase("cookie");
            case 13 -> name.equalsIgnoreCase("authorization");
            case 19 -> name.equalsIgnoreCase("proxy-authorization");
            default -> false;
        };
    }

    /**
     * Stored headers as an unmodifiable map, parsed on first use: most flows never read them, and
     * parsing them for every event costs the workers ~6% of their time. Bytes that are not a JSON
     * object read as no headers.
     */
    public static Map<String, String> read(byte[] json) {
        return new Parsed(json);
    }

    /**
     * The stored form of headers an action holds: the bytes they were read from when they came from
     * {@link #read} (not copied), else written as ingest writes them.
     */
    public static byte[] bytes(Map<String, String> headers) {
        if (headers instanceof Parsed parsed) {
            return parsed.json;
        }
        return new Writer().write(headers.entrySet());
    }

    /** Thread-safe: an event's actions may read it from several threads. */
    private static final class Parsed extends AbstractMap<String, String> {
        private final byte[] json;
        private volatile Map<String, String> parsed;

        Parsed(byte[] json) {
            this.json = json;
        }

        @Override
        public Set<Entry<String, String>> entrySet() {
            Map<String, String> result = parsed;
            if (result == null) {
                Map<String, String> headers = new HashMap<>();
                parse(json).forEach(h -> headers.put(h.getKey(), h.getValue()));
                result = Map.copyOf(headers);
                parsed = result;
            }
            return result.entrySet();
        }

        private static List<Map.Entry<String, String>> parse(byte[] json) {
            try {
                return json == null || json.length == 0 ? List.of() : JsonMembers.of(json);
            } catch (IOException | RuntimeException e) {
                return List.of();
            }
        }
    }
}
