package dev.inlet.history;

import dev.inlet.variables.JsonBytes;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the outcomes of an endpoint's events are kept: one member per attempt, {@code <transid>|<attempt
 * start, epoch ms, 13 digits>|<outcome JSON>}, in the endpoint's outcomes stream ({@link
 * HistoryKeys#outcomes}). Each entry holds the members one worker wrote in one event-loop round, in
 * the order they were written, as one field {@code o} of length-prefixed members ({@link Parts}):
 * Redis parses and stores one bulk string per round, not a sorted-set member (and its skiplist node)
 * per attempt. An attempt is written after its event was accepted, so the attempts of an event are
 * in entries from its transid's time (a UUID version 7's first 48 bits, {@link #millisOf}) onward,
 * in the order they ran: a reader of some records reads the entries from the oldest record's time on
 * ({@link #EARLIER_MILLIS} earlier, for the clocks of the hosts that made the transid and ran Redis)
 * and takes, per transid, the last member as its last attempt. Written by the workers, read by the
 * history API. The JSON of one attempt: {@code attempt}, {@code replay} (the history id of the record
 * it replays, "" when not a replay), {@code state} ({@code delivered}, {@code retrying}, {@code dead}
 * or {@code none}), {@code millis}, {@code runs} (each flow, rule and action), {@code error} (when it
 * failed).
 */
public final class Outcomes {
    /** An event's last outcome: the state of its history record. */
    public enum State {
        /** Every action of every bound flow and rule succeeded. */
        DELIVERED,
        /** An attempt failed; it will be tried again. */
        RETRYING,
        /** Its last attempt failed, or it failed permanently: it is in the dead letters. */
        DEAD,
        /** Nothing ran: the endpoint is bound to no flow or rule (or no longer configured). */
        NONE,
        /** Accepted, not yet processed. */
        PENDING,
        /** Not accepted: refused with a code (or answered a handshake). */
        REFUSED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The state a label names; null for any other. */
        public static State named(String label) {
            for (State s : values()) {
                if (s.label().equals(label)) {
                    return s;
                }
            }
            return null;
        }
    }

    /**
     * How much earlier than an event's transid (or its record) its first attempt's entry may be stamped:
     * the transid is made on an ingest host's clock, the entry's id on Redis', and the record is
     * written after the event. Readers start this much before the oldest record they read.
     */
    public static final long EARLIER_MILLIS = 60_000;

    /** The entry's one field, its members. */
    private static final String FIELD = "o";

    private Outcomes() {}

    /** What an attempt ran, as the outcome's {@code runs}: it writes one JSON array. */
    @FunctionalInterface
    public interface Runs {
        /** Nothing ran, or nothing was noted. */
        Runs NONE = out -> out.ascii("[]");

        /** Writes the runs as one JSON array, in UTF-8, into {@code out}. */
        void write(JsonBytes out);
    }

    /**
     * The member that keeps one attempt of event {@code transid}, started at {@code startedAt}, as
     * text (the workers write {@link MemberWriter}'s bytes).
     */
    public static String member(String transid, long startedAt, JsonObject outcome) {
        return new String(new MemberWriter().member(transid, startedAt, outcome), StandardCharsets.UTF_8);
    }

    /**
     * Writes members straight as UTF-8 bytes, the form the XADD sends, into a buffer it reuses: one per
     * writer (not thread-safe). The workers write an attempt's fields straight into it (no
     * JsonObject built, no JSON generator: in a drain profile the object and its walk were ~6% of
     * the workers' samples); an outcome given as a JsonObject (of strings, numbers, booleans, nulls
     * and more of them) is written as {@code encode()} would.
     */
    public static final class MemberWriter {
        private final JsonBytes out = new JsonBytes(512);

        /** The member of attempt {@code outcome} of {@code transid}, started at {@code startedAt}. */
        public byte[] member(String transid, long startedAt, JsonObject outcome) {
            head(transid, startedAt);
            json(outcome);
            return out.toBytes();
        }

        /**
         * The member of one attempt as the workers write it, straight from what it holds (no
         * JsonObject is built): {@code {"attempt", "replay", "state", "millis", "runs"[, "error"]}}, the
         * outcome's JSON as {@link #member(String, long, JsonObject)} writes it from those fields.
         *
         * @param micros how long the attempt ran: {@code millis} to the microsecond
         * @param replay the history id of the record it replays; "" when none
         * @param error the attempt's failure; null on success
         */
        public byte[] member(
                String transid,
                long startedAt,
                int attempt,
                String replay,
                State state,
                long micros,
                Runs runs,
                String error) {
            head(transid, startedAt);
            out.ascii("{\"attempt\":")
                    .number(attempt)
                    .ascii(",\"replay\":")
                    .string(replay)
                    .ascii(",\"state\":\"")
                    .ascii(state.label())
                    .ascii("\",\"millis\":")
                    .fixed(micros, 3)
                    .ascii(",\"runs\":");
            runs.write(out);
            if (error != null) {
                out.ascii(",\"error\":").string(error);
            }
            out.ascii("}");
            return out.toBytes();
        }

        private void head(String transid, long startedAt) {
            out.reset().ascii(transid).ascii("|");
            String millis = Long.toString(Math.max(0, startedAt));
            for (int i = millis.length(); i < 13; i++) {
                out.ascii("0");
            }
            out.ascii(millis).ascii("|");
        }

        private void json(Object value) {
            if (value instanceof JsonObject o) {
                out.ascii("{");
                boolean first = true;
                for (Map.Entry<String, Object> e : o) {
                    if (!first) {
                        out.ascii(",");
                    }
                    first = false;
                    out.string(e.getKey()).ascii(":");
                    json(e.getValue());
                }
                out.ascii("}");
            } else if (value instanceof io.vertx.core.json.JsonArray a) {
                out.ascii("[");
                for (int i = 0; i < a.size(); i++) {
                    if (i > 0) {
                        out.ascii(",");
                    }
                    json(a.getValue(i));
                }
                out.ascii("]");
            } else if (value instanceof CharSequence text) {
                out.string(text.toString());
            } else if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
                out.ascii("null");
            } else {
                // A number, a boolean or null: ASCII.
                out.ascii(String.valueOf(value));
            }
        }
    }

    /**
     * The XADD that appends {@code members} (UTF-8, in the order they were written) to outcomes stream
     * {@code key} as one entry. {@code MAXLEN most} bounds the entries (each holds at least one
     * member); the members are bounded by the writer's {@code XTRIM MINID} ({@link EntryRings}).
     */
    public static Request append(String key, long most, List<byte[]> members) {
        return Parts.append(key, most, FIELD, members);
    }

    /**
     * The members of one entry, {@code [id, [field, value, ...]]} as XRANGE and XREVRANGE return it,
     * in the order they were written; everything from a member whose length runs past the field's end
     * is left out, and an entry without the field has none.
     */
    public static List<String> read(Response entry) {
        List<byte[]> parts = Parts.read(entry, FIELD, Integer.MAX_VALUE);
        List<String> out = new ArrayList<>(parts.size());
        for (byte[] member : parts) {
            out.add(new String(member, StandardCharsets.UTF_8));
        }
        return out;
    }

    /**
     * The members of every entry of an XRANGE or XREVRANGE reply, each entry's in the order they were
     * written, entry after entry as the reply has them.
     */
    public static List<String> readAll(Response entries) {
        List<String> out = new ArrayList<>();
        if (entries != null) {
            for (Response e : entries) {
                out.addAll(read(e));
            }
        }
        return out;
    }

    /**
     * When transid {@code transid} was made, epoch ms: a UUID version 7's first 48 bits, its first 12
     * hex digits ({@code xxxxxxxx-xxxx}); 0 when it is not one.
     */
    public static long millisOf(String transid) {
        if (transid.length() < 13 || transid.charAt(8) != '-') {
            return 0;
        }
        try {
            return Long.parseLong(transid.substring(0, 8) + transid.substring(9, 13), 16);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The transid of a member. */
    public static String transid(String member) {
        int bar = member.indexOf('|');
        return bar < 0 ? member : member.substring(0, bar);
    }

    /** When the attempt of a member started, epoch ms. */
    public static long startedAt(String member) {
        int bar = member.indexOf('|');
        try {
            return Long.parseLong(member.substring(bar + 1, bar + 14));
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** The outcome JSON of a member; an empty object when it is not one. */
    public static JsonObject outcome(String member) {
        int bar = member.indexOf('|');
        int second = bar < 0 ? -1 : member.indexOf('|', bar + 1);
        try {
            return second < 0 ? new JsonObject() : new JsonObject(member.substring(second + 1));
        } catch (RuntimeException e) {
            return new JsonObject();
        }
    }
}
