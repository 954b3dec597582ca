package dev.inlet.history;

import dev.inlet.variables.JsonBytes;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * How the outcomes of an endpoint's events are kept: one member per attempt in the endpoint's
 * outcomes sorted set ({@link HistoryKeys#outcomes}), every score 0, so members sort by their bytes:
 * {@code <transid>|<attempt start, epoch ms, 13 digits>|<outcome JSON>}. Transids are UUID version 7,
 * which sort by time, so the attempts of one event are one lexicographic range ({@link #min}, {@link
 * #max}), in the order they ran, and a page of records finds all its outcomes with one ZRANGE BYLEX;
 * everything older than a time is one ZREMRANGEBYLEX below {@link #before}. Written by the workers,
 * read by the history API. The JSON of one attempt: {@code attempt}, {@code replay} (the history id
 * of the record it replays, "" when not a replay), {@code state} ({@code delivered}, {@code retrying},
 * {@code dead} or {@code none}), {@code millis}, {@code runs} (each flow, rule and action), {@code
 * error} (when it failed).
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

    private Outcomes() {}

    /**
     * The member that keeps one attempt of event {@code transid}, started at {@code startedAt}, as
     * text (the workers write {@link MemberWriter}'s bytes).
     */
    public static String member(String transid, long startedAt, JsonObject outcome) {
        return new String(new MemberWriter().member(transid, startedAt, outcome), StandardCharsets.UTF_8);
    }

    /**
     * Writes members straight as UTF-8 bytes, the form the ZADD sends, into a buffer it reuses: one per
     * writer (not thread-safe). The outcome (a JsonObject or JsonArray of strings, numbers, booleans,
     * nulls and more of them, as an outcome holds) is written as {@code encode()} would, without a
     * JSON generator, which cost the workers about 7% of their time for these small objects.
     */
    public static final class MemberWriter {
        private final JsonBytes out = new JsonBytes(512);

        /** The member of attempt {@code outcome} of {@code transid}, started at {@code startedAt}. */
        public byte[] member(String transid, long startedAt, JsonObject outcome) {
            out.reset().ascii(transid).ascii("|");
            String millis = Long.toString(Math.max(0, startedAt));
            for (int i = millis.length(); i < 13; i++) {
                out.ascii("0");
            }
            out.ascii(millis).ascii("|");
            json(outcome);
            return out.toBytes();
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

    /** The ZADD that keeps {@code member} in {@code key}. */
    public static Request add(String key, String member) {
        return Request.cmd(Command.ZADD).arg(key).arg(0).arg(member);
    }

    /** The one ZADD that keeps every one of {@code members} (UTF-8) in {@code key}. */
    public static Request add(String key, Iterable<byte[]> members) {
        Request zadd = Request.cmd(Command.ZADD).arg(key);
        members.forEach(m -> zadd.arg(0).arg(m));
        return zadd;
    }

    /** The ZREMRANGEBYRANK that keeps the newest {@code most} members of {@code key} (members sort by time). */
    public static Request keepNewest(String key, long most) {
        return Request.cmd(Command.ZREMRANGEBYRANK).arg(key).arg(0).arg(-(most + 1));
    }

    /** The lowest member of {@code transid}'s attempts, for ZRANGE BYLEX. */
    public static String min(String transid) {
        return "[" + transid + "|";
    }

    /** Just above the highest member of {@code transid}'s attempts ('}' follows '|'), for ZRANGE BYLEX. */
    public static String max(String transid) {
        return "(" + transid + "}";
    }

    /**
     * The exclusive upper bound of every member whose transid was made before {@code epochMillis}: a
     * UUID v7's first 48 bits are its time, written as its first 12 hex digits ({@code xxxxxxxx-xxxx}).
     */
    public static String before(long epochMillis) {
        String hex = String.format(Locale.ROOT, "%012x", Math.max(0, epochMillis));
        return "(" + hex.substring(0, 8) + "-" + hex.substring(8);
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
