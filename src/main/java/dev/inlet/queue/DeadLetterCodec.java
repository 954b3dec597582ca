package dev.inlet.queue;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * A dead letter's entry: the event's fields as {@link StreamEntryCodec} writes them, and four of its
 * own: {@code originalId} (its id in the stream it failed in), {@code error} (the last one, at most
 * {@value #MAX_ERROR_CHARS} chars), {@code attempts} and {@code failedAt} (epoch ms). Read back,
 * those four are among the entry's {@link StreamEntry#others()}.
 */
public final class DeadLetterCodec {
    public static final String ORIGINAL_ID = "originalId";
    public static final String ERROR = "error";
    public static final String ATTEMPTS = "attempts";
    public static final String FAILED_AT = "failedAt";
    static final int MAX_ERROR_CHARS = 1000;
    private static final List<String> OWN = List.of(ORIGINAL_ID, ERROR, ATTEMPTS, FAILED_AT);

    private DeadLetterCodec() {}

    /** The dead letter of {@code entry} as an XADD's field/value pairs: its own four, then every field of the event. */
    static List<Object> pairs(StreamEntry entry, String error, int attempts, long failedAt) {
        List<Object> out = new ArrayList<>(
                2 * (OWN.size() + StreamEntryCodec.VALUES + entry.others().size()));
        out.add(ORIGINAL_ID);
        out.add(entry.id());
        out.add(ERROR);
        out.add(error == null ? "" : error.length() > MAX_ERROR_CHARS ? error.substring(0, MAX_ERROR_CHARS) : error);
        out.add(ATTEMPTS);
        out.add(attempts);
        out.add(FAILED_AT);
        out.add(failedAt);
        StreamEntryCodec.addPairs(out, entry);
        return out;
    }

    /** The names of a dead letter's own fields as a Lua set ({@code {originalId = true, ...}}), to leave them out on replay. */
    static String luaOwnFields() {
        StringJoiner set = new StringJoiner(", ", "{", "}");
        OWN.forEach(name -> set.add(name + " = true"));
        return set.toString();
    }

    public static String originalId(StreamEntry letter) {
        return letter.others().get(ORIGINAL_ID);
    }

    public static String error(StreamEntry letter) {
        return letter.others().get(ERROR);
    }

    /** Null when the field is missing or not a number; so for {@link #failedAt}. */
    public static Long attempts(StreamEntry letter) {
        return number(letter.others().get(ATTEMPTS));
    }

    public static Long failedAt(StreamEntry letter) {
        return number(letter.others().get(FAILED_AT));
    }

    private static Long number(String s) {
        try {
            return s == null ? null : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
