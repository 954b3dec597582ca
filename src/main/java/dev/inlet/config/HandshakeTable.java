package dev.inlet.config;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The table of verification handshakes, by name (a signature preset's, or {@code
 * signature.handshake}), read once from the resource {@code handshakes.yaml} beside this class,
 * whose header says what each key means: a provider's handshake is data there, and ingest's {@code
 * Handshake} is the one interpreter of every entry. A malformed entry fails start-up (and {@code
 * HandshakeTableTest}), never a request.
 */
public final class HandshakeTable {
    /** A value of an answer: exactly one of the four. */
    public record Value(String json, String query, String literal, Value hmacHex) {}

    /**
     * One condition of what makes a request the handshake: a JSON body's scalar, a header or a
     * query parameter, present (and equal to {@code equals}, or starting with {@code startsWith},
     * when given) or, with {@code absent},
     * not there at all.
     */
    public record When(String json, String header, String query, String equals, String startsWith, Boolean absent) {
        public boolean mustBeAbsent() {
            return Boolean.TRUE.equals(absent);
        }

        /** Whether the condition holds for {@code value}, the request's (null when it has none). */
        public boolean holds(String value) {
            return mustBeAbsent()
                    ? value == null
                    : value != null
                            && (equals == null || equals.equals(value))
                            && (startsWith == null || value.startsWith(startsWith));
        }
    }

    /** The answer: its content type, and a body value or a JSON object of values. */
    public record Answer(String contentType, Value body, LinkedHashMap<String, Value> json) {}

    /** One handshake, as the table writes it. */
    public record Entry(String method, Boolean signed, List<When> when, Value verify, Answer answer) {
        public boolean get() {
            return "GET".equals(method);
        }

        public boolean unsigned() {
            return Boolean.FALSE.equals(signed);
        }
    }

    /** The value of {@code signature.handshake} that turns a preset's handshake off. */
    public static final String NONE = "none";

    private static final Map<String, Entry> TABLE = load();

    private HandshakeTable() {}

    /** The names the table has entries for. */
    static Set<String> names() {
        return TABLE.keySet();
    }

    /** The handshake called {@code name}; null when the table has none. */
    public static Entry entry(String name) {
        return name == null ? null : TABLE.get(name);
    }

    private static Map<String, Entry> load() {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
        try (InputStream in = HandshakeTable.class.getResourceAsStream("handshakes.yaml")) {
            if (in == null) {
                throw new IllegalStateException("handshakes.yaml is missing from the classpath");
            }
            Map<String, Entry> table = yaml.readValue(in, new TypeReference<LinkedHashMap<String, Entry>>() {});
            table.forEach(HandshakeTable::check);
            return Map.copyOf(table);
        } catch (IOException e) {
            throw new UncheckedIOException("handshakes.yaml cannot be read", e);
        }
    }

    /** Fails on an entry the interpreter could not follow. */
    private static void check(String name, Entry e) {
        String at = "handshakes.yaml " + name + ": ";
        require(e.method() == null || e.method().equals("GET") || e.method().equals("POST"), at + "method GET or POST");
        require(!"GET".equals(e.method()) || Boolean.FALSE.equals(e.signed()), at + "a GET is never signed");
        require(e.when() != null && !e.when().isEmpty(), at + "when is required");
        for (When w : e.when()) {
            require(count(w.json(), w.header(), w.query()) == 1, at + "a condition needs one of json, header, query");
            require(count(w.equals(), w.startsWith(), w.absent()) <= 1, at + "one of equals, startsWith, absent");
            require(w.json() == null || !e.unsigned() && !e.get(), at + "a body handshake is signed");
            pointer(at, w.json());
        }
        require(e.when().stream().anyMatch(w -> !w.mustBeAbsent()), at + "one condition must be something present");
        require(e.verify() == null || e.verify().query() != null, at + "verify needs query");
        Answer a = e.answer();
        require(a != null && a.contentType() != null, at + "answer.contentType is required");
        require((a.body() == null) != (a.json() == null), at + "answer needs body or json");
        if (a.body() != null) {
            value(at, a.body());
        } else {
            a.json().values().forEach(v -> value(at, v));
        }
    }

    private static void value(String at, Value v) {
        require(v != null && count(v.json(), v.query(), v.literal(), v.hmacHex()) == 1, at + "a value has one key");
        pointer(at, v.json());
        if (v.hmacHex() != null) {
            value(at, v.hmacHex());
        }
    }

    private static void pointer(String at, String pointer) {
        if (pointer != null) {
            require(pointer.startsWith("/"), at + pointer + " is not a JSON Pointer");
            JsonPointer.compile(pointer);
        }
    }

    private static int count(Object... values) {
        int n = 0;
        for (Object v : values) {
            n += v == null ? 0 : 1;
        }
        return n;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }
}
