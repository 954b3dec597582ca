package dev.inlet.queue;

import dev.inlet.config.PayloadFormat;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * How a {@link StreamEntry} is written to a Redis stream and read back: the one place that knows
 * the event's fields, their order and the form of each value. Every writer goes through it (the
 * appender's XADD pipeline and its Lua script, the {@code stream} action, the dead letters); every
 * reader too (XRANGE, XREADGROUP and XAUTOCLAIM entries, RESP2 or RESP3).
 *
 * <p>Values as written: {@code transid}, {@code endpoint}, {@code service} as text; {@code received}
 * epoch ms in decimal; {@code contentType} the request's, "" when it had none; {@code format}
 * {@code json}, {@code xml}, {@code form} or {@code multipart}; {@code headers} the
 * {@link StoredHeaders} bytes; {@code body} the raw bytes. Read back, a missing or unreadable
 * field reads as "" (contentType: null), 0, JSON or no bytes. Field names are encoded once, bodies and headers sent as they are, never copied.
 *
 * <p>Over 300 lines because every way an entry is written and read (XADD, the append script, dead
 * letters, replies in RESP2 and RESP3) is kept in one place on purpose: a new field is one row
 * here.
 */
public final class StreamEntryCodec {
    /** Each format's value in the {@code format} field: its name in lower case. */
    private static final Map<PayloadFormat, byte[]> FORMATS = formats();

    private static final byte[] NO_BYTES = new byte[0];

    /** The event's fields in the order they are written, each with its value. */
    private enum Field {
        TRANSID(EventFields.TRANSID, text(StreamEntry::transid)),
        ENDPOINT(EventFields.ENDPOINT, text(StreamEntry::endpoint)),
        SERVICE(EventFields.SERVICE, text(StreamEntry::service)),
        RECEIVED(EventFields.RECEIVED, number(StreamEntry::receivedMillis)),
        CONTENT_TYPE(EventFields.CONTENT_TYPE, text(e -> e.contentType() == null ? "" : e.contentType())),
        FORMAT(EventFields.FORMAT, bytes(e -> FORMATS.getOrDefault(e.format(), FORMATS.get(PayloadFormat.JSON)))),
        HEADERS(EventFields.HEADERS, bytes(StreamEntry::headers)),
        QUERY(EventFields.QUERY, text(e -> e.query() == null ? "" : e.query())),
        BODY(EventFields.BODY, bytes(StreamEntry::body));

        final String key;
        final byte[] encodedKey;
        final Value value;

        Field(String key, Value value) {
            this.key = key;
            this.encodedKey = utf8(key);
            this.value = value;
        }
    }

    /** A field's value, in the two forms its writers need. */
    private interface Value {
        /** Appends it to a command, without boxing or copying. */
        void addTo(Request command, StreamEntry entry);

        /** As a script argument: String, Long or byte[]. */
        Object arg(StreamEntry entry);
    }

    private static Value text(Function<StreamEntry, String> value) {
        return new Value() {
            @Override
            public void addTo(Request command, StreamEntry entry) {
                command.arg(value.apply(entry));
            }

            @Override
            public Object arg(StreamEntry entry) {
                return value.apply(entry);
            }
        };
    }

    private static Value number(ToLongFunction<StreamEntry> value) {
        return new Value() {
            @Override
            public void addTo(Request command, StreamEntry entry) {
                command.arg(value.applyAsLong(entry));
            }

            @Override
            public Object arg(StreamEntry entry) {
                return value.applyAsLong(entry);
            }
        };
    }

    private static Value bytes(Function<StreamEntry, byte[]> value) {
        return new Value() {
            @Override
            public void addTo(Request command, StreamEntry entry) {
                command.arg(value.apply(entry));
            }

            @Override
            public Object arg(StreamEntry entry) {
                return value.apply(entry);
            }
        };
    }

    private static final Field[] FIELDS = Field.values();

    /** How many values one event takes in a script's arguments ({@link #addValues}). */
    static final int VALUES = FIELDS.length;

    private StreamEntryCodec() {}

    /**
     * Appends the entry's field/value pairs to an XADD (after its stream and id arguments), its
     * further fields last (an event from ingest has none; a replay from the history has {@link
     * EventFields#REPLAY_OF}).
     */
    public static Request addFields(Request xadd, StreamEntry entry) {
        for (Field f : FIELDS) {
            f.value.addTo(xadd.arg(f.encodedKey), entry);
        }
        entry.others().forEach((k, v) -> xadd.arg(k).arg(v));
        return xadd;
    }

    /**
     * Appends the entry's {@link #VALUES} values, without names, to a script's arguments: the script
     * writes the names, with {@link #luaPairs}.
     */
    static void addValues(List<Object> args, StreamEntry entry) {
        for (Field f : FIELDS) {
            args.add(f.value.arg(entry));
        }
    }

    /** Appends every field of the entry, name then value, its further fields too, to a script's arguments. */
    static void addPairs(List<Object> args, StreamEntry entry) {
        for (Field f : FIELDS) {
            args.add(f.key);
            args.add(f.value.arg(entry));
        }
        entry.others().forEach((k, v) -> {
            args.add(k);
            args.add(v);
        });
    }

    /**
     * The field/value pairs of an XADD in Lua, for values that {@link #addValues} put at
     * {@code ARGV[base + 1]} onwards: {@code 'transid', ARGV[base + 1], 'endpoint', ARGV[base + 2], ...}.
     */
    static String luaPairs(String base) {
        StringJoiner pairs = new StringJoiner(", ");
        for (Field f : FIELDS) {
            pairs.add("'" + f.key + "', " + luaValue(base, f));
        }
        return pairs.toString();
    }

    /** Where {@link #addValues} put the value of field {@code key}, in Lua. */
    static String luaValue(String base, String key) {
        for (Field f : FIELDS) {
            if (f.key.equals(key)) {
                return luaValue(base, f);
            }
        }
        throw new IllegalArgumentException("not a field of the event: " + key);
    }

    private static String luaValue(String base, Field f) {
        return "ARGV[" + base + " + " + (f.ordinal() + 1) + "]";
    }

    /** The entries of an XRANGE reply (or the entries array of an XREADGROUP or XAUTOCLAIM reply), in order. */
    public static List<StreamEntry> readAll(Response entries) {
        List<StreamEntry> out = new ArrayList<>(entries == null ? 0 : entries.size());
        if (entries != null) {
            for (Response e : entries) {
                StreamEntry entry = read(e);
                if (entry != null) {
                    out.add(entry);
                }
            }
        }
        return out;
    }

    /**
     * Reads {@code [id, [field, value, ...]]} (the fields a map in RESP3); {@code [id, nil]}, an entry
     * whose content was deleted, or one with nothing but a body, is {@link StreamEntry#deleted()};
     * null when there is no id at all.
     */
    public static StreamEntry read(Response entry) {
        if (entry == null || entry.size() < 1 || entry.get(0) == null) {
            return null;
        }
        Reader reader = new Reader(entry.get(0).toString());
        Response list = entry.size() < 2 ? null : entry.get(1);
        if (list != null && list.isMap()) {
            for (String k : list.getKeys()) {
                reader.field(k, list.get(k));
            }
        } else if (list != null) {
            for (int i = 0; i + 1 < list.size(); i += 2) {
                reader.field(list.get(i).toString(), list.get(i + 1));
            }
        }
        return reader.entry();
    }

    /** Every field of the entry but the body, as the stream holds them. */
    static Map<String, String> fields(StreamEntry entry) {
        if (entry.deleted()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Field f : FIELDS) {
            if (f != Field.BODY) {
                out.put(f.key, storedText(f, entry));
            }
        }
        out.putAll(entry.others());
        return out;
    }

    /** One field of the entry as the stream holds it, as text; null when the entry has no such field. */
    public static String text(StreamEntry entry, String key) {
        if (entry.deleted()) {
            return null;
        }
        for (Field f : FIELDS) {
            if (f.key.equals(key)) {
                return storedText(f, entry);
            }
        }
        return entry.others().get(key);
    }

    private static String storedText(Field f, StreamEntry entry) {
        Object v = f.value.arg(entry);
        return v instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : v.toString();
    }

    private static Map<PayloadFormat, byte[]> formats() {
        Map<PayloadFormat, byte[]> formats = new EnumMap<>(PayloadFormat.class);
        for (PayloadFormat f : PayloadFormat.values()) {
            if (f != PayloadFormat.AUTO) {
                formats.put(f, utf8(f.name().toLowerCase(Locale.ROOT)));
            }
        }
        return formats;
    }

    /** The format a {@code format} value names; JSON for any other, as entries written before it. */
    private static PayloadFormat format(String value) {
        for (PayloadFormat f : FORMATS.keySet()) {
            if (f.name().toLowerCase(Locale.ROOT).equals(value)) {
                return f;
            }
        }
        return PayloadFormat.JSON;
    }

    /** Collects one entry's fields as they come. */
    private static final class Reader {
        private final String id;
        private String transid = "";
        private String endpoint = "";
        private String service = "";
        private long received;
        private String contentType;
        private PayloadFormat format = PayloadFormat.JSON;
        private byte[] headers = NO_BYTES;
        private String query = "";
        private byte[] body = NO_BYTES;
        private Map<String, String> others;
        /** Whether a field other than the body came: without one, the entry's content is gone. */
        private boolean content;

        Reader(String id) {
            this.id = id;
        }

        void field(String key, Response value) {
            switch (key) {
                case EventFields.TRANSID -> transid = asText(value);
                case EventFields.ENDPOINT -> endpoint = asText(value);
                case EventFields.SERVICE -> service = asText(value);
                case EventFields.RECEIVED -> received = asNumber(asText(value));
                case EventFields.CONTENT_TYPE -> contentType = asText(value);
                case EventFields.FORMAT -> format = format(asText(value));
                case EventFields.HEADERS -> headers = asBytes(value);
                case EventFields.QUERY -> query = asText(value);
                case EventFields.BODY -> body = asBytes(value);
                default -> {
                    if (others == null) {
                        others = new HashMap<>();
                    }
                    others.put(key, asText(value));
                }
            }
            content |= !key.equals(EventFields.BODY);
        }

        StreamEntry entry() {
            if (!content) {
                return new StreamEntry(id, "", "", "", 0, null, PayloadFormat.JSON, NO_BYTES, "", body, Map.of(), true);
            }
            return new StreamEntry(
                    id,
                    transid,
                    endpoint,
                    service,
                    received,
                    contentType,
                    format,
                    headers,
                    query,
                    body,
                    others == null ? Map.of() : Map.copyOf(others),
                    false);
        }

        private static String asText(Response value) {
            return value == null ? "" : value.toString();
        }

        private static byte[] asBytes(Response value) {
            return value == null ? NO_BYTES : value.toBytes();
        }

        private static long asNumber(String text) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                return 0;
            }
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
