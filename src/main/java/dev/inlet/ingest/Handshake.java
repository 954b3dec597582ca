package dev.inlet.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inlet.config.HandshakeTable;
import dev.inlet.security.ConstantTime;
import dev.inlet.variables.Parsers;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One endpoint's verification handshake, compiled from its entry in {@code handshakes.yaml}
 * ({@link HandshakeTable}) with the endpoint's secret and verify tokens: whether a request is the
 * handshake, and its answer. Every value taken from the request is bounded ({@link #MAX_VALUE})
 * and goes out either as the whole text/plain body or JSON-escaped; nothing of it is logged.
 * Immutable and thread-safe.
 */
final class Handshake {
    /** When the handshake is recognised and answered. */
    enum Stage {
        /** A GET, after the endpoint, service, IP and credential checks. */
        GET,
        /** A POST the provider does not sign: after the credential, before the signature. */
        UNSIGNED,
        /** A POST answered only once its signature verified over the body. */
        SIGNED
    }

    /** The outcome of answering: the bytes to send, or why not (the code and its diagnosis). */
    record Answer(Buffer body, ResponseCode refusal, Diagnosis diagnosis) {
        static Answer of(Buffer body) {
            return new Answer(body, null, null);
        }
    }

    /** The longest value a handshake echoes: real challenges are 20 to a few hundred characters. */
    static final int MAX_VALUE = 2048;

    /** The largest body searched for a handshake: real ones are under 2 KiB. */
    static final int MAX_BODY = 16 * 1024;

    private final String name;
    private final Stage stage;
    private final List<HandshakeTable.When> when;
    /** Text a body must hold to be this handshake (a JSON condition's value); null when none. */
    private final byte[] awaited;

    private final String verifyQuery;
    private final List<byte[]> verifyTokens;
    private final CharSequence contentType;
    private final HandshakeTable.Value body;
    private final Map<String, HandshakeTable.Value> json;
    private final SecretKeySpec hmacKey;

    /**
     * The handshake {@code name} of the table for an endpoint.
     *
     * @param hmacKey the endpoint's signature secret, for a {@code hmacHex} value; may be null
     * @param verifyTokens the endpoint's verify tokens, for a {@code verify}
     */
    static Handshake of(String name, HandshakeTable.Entry e, byte[] hmacKey, List<String> verifyTokens) {
        Stage stage = e.get() ? Stage.GET : e.unsigned() ? Stage.UNSIGNED : Stage.SIGNED;
        return new Handshake(
                name,
                stage,
                e.when(),
                e.verify() == null ? null : e.verify().query(),
                verifyTokens.stream()
                        .map(t -> t.getBytes(StandardCharsets.UTF_8))
                        .toList(),
                e.answer().contentType(),
                e.answer().body(),
                e.answer().json(),
                hmacKey);
    }

    private Handshake(
            String name,
            Stage stage,
            List<HandshakeTable.When> when,
            String verifyQuery,
            List<byte[]> verifyTokens,
            String contentType,
            HandshakeTable.Value body,
            Map<String, HandshakeTable.Value> json,
            byte[] hmacKey) {
        this.name = name;
        this.stage = stage;
        this.when = when;
        this.awaited = when.stream()
                .filter(w -> w.json() != null && w.equals() != null)
                .map(w -> w.equals().getBytes(StandardCharsets.UTF_8))
                .findFirst()
                .orElse(null);
        this.verifyQuery = verifyQuery;
        this.verifyTokens = List.copyOf(verifyTokens);
        this.contentType = HttpHeaders.createOptimized(contentType);
        this.body = body;
        this.json = json == null ? null : new LinkedHashMap<>(json);
        this.hmacKey = hmacKey == null || hmacKey.length == 0 ? null : new SecretKeySpec(hmacKey, "HmacSHA256");
    }

    String name() {
        return name;
    }

    Stage stage() {
        return stage;
    }

    CharSequence contentType() {
        return contentType;
    }

    /** Whether the handshake is recognised or answered from the body, which must then be parsed. */
    boolean needsBody() {
        return when.stream().anyMatch(w -> w.json() != null)
                || usesBody(body)
                || (json != null && json.values().stream().anyMatch(Handshake::usesBody));
    }

    private static boolean usesBody(HandshakeTable.Value value) {
        return value != null && (value.json() != null || usesBody(value.hmacHex()));
    }

    /**
     * The body as a JSON object when it may hold this handshake (small, and holding the awaited
     * text), else null; never throws on request input.
     */
    JsonNode parse(byte[] raw) {
        if (raw.length == 0 || raw.length > MAX_BODY) {
            return null;
        }
        if (awaited != null && indexOf(raw, awaited) < 0) {
            return null;
        }
        try {
            JsonNode node = Parsers.jsonMapper().readTree(raw);
            return node != null && node.isObject() ? node : null;
        } catch (Exception notJson) {
            return null;
        }
    }

    /**
     * Whether the request's head holds every condition on a header or a query parameter, so the
     * body is parsed only for a request that may still be this handshake.
     */
    boolean headHolds(HttpServerRequest req) {
        for (HandshakeTable.When w : when) {
            if (w.json() == null && !w.holds(w.header() != null ? req.getHeader(w.header()) : query(req, w.query()))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code parsed} (the body as a JSON object, or null) holds every condition on the
     * body; a body condition never holds without a parsed body.
     */
    boolean bodyHolds(JsonNode parsed) {
        for (HandshakeTable.When w : when) {
            if (w.json() != null) {
                if (parsed == null) {
                    return false;
                }
                JsonNode found = parsed.at(w.json());
                if (!w.holds(found.isMissingNode() ? null : found.isValueNode() ? found.asText() : "")) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The answer to a recognised handshake: its body, or 7028 (wrong verify token), or 7047 (a value missing). */
    Answer answer(HttpServerRequest req, JsonNode parsed) {
        if (verifyQuery != null) {
            String offered = query(req, verifyQuery);
            if (!verified(offered)) {
                int tokens = verifyTokens.size();
                return new Answer(
                        null,
                        ResponseCode.INVALID_SIGNATURE,
                        () -> name + " handshake: "
                                + (offered == null
                                        ? "query parameter " + verifyQuery + " is missing"
                                        : "query parameter " + verifyQuery + " matches none of the endpoint's " + tokens
                                                + " verify token" + (tokens == 1 ? "" : "s")));
            }
        }
        if (body != null) {
            String text = value(body, req, parsed);
            return text == null ? missing(body) : Answer.of(Buffer.buffer(text.getBytes(StandardCharsets.UTF_8)));
        }
        JsonObject out = new JsonObject();
        for (Map.Entry<String, HandshakeTable.Value> field : json.entrySet()) {
            String text = value(field.getValue(), req, parsed);
            if (text == null) {
                return missing(field.getValue());
            }
            out.put(field.getKey(), text);
        }
        return Answer.of(out.toBuffer());
    }

    /** 7047: the request lacks a value the answer echoes (or it is empty, not text, or too long). */
    private Answer missing(HandshakeTable.Value value) {
        return new Answer(
                null,
                ResponseCode.BAD_REQUEST,
                () -> name + " handshake: " + source(value) + " is missing, empty, not text or over " + MAX_VALUE
                        + " characters");
    }

    /** Where a value comes from, by name: a query parameter or a JSON pointer (never the value). */
    private static String source(HandshakeTable.Value value) {
        if (value.query() != null) {
            return "query parameter " + value.query();
        }
        if (value.json() != null) {
            return "JSON field " + value.json();
        }
        return value.hmacHex() != null ? "the value to sign, " + source(value.hmacHex()) + "," : "a value";
    }

    private boolean verified(String token) {
        if (token == null) {
            return false;
        }
        byte[] offered = token.getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        for (byte[] expected : verifyTokens) {
            match |= ConstantTime.equals(offered, expected);
        }
        return match;
    }

    /** A value of the answer; null when the request lacks it, or it is not text, or too long. */
    private String value(HandshakeTable.Value value, HttpServerRequest req, JsonNode parsed) {
        String text;
        if (value.literal() != null) {
            return value.literal();
        } else if (value.query() != null) {
            text = query(req, value.query());
        } else if (value.json() != null) {
            JsonNode found = parsed == null ? null : parsed.at(value.json());
            text = found != null && found.isTextual() ? found.textValue() : null;
        } else {
            String signed = value(value.hmacHex(), req, parsed);
            text = signed == null || hmacKey == null ? null : hmacHex(signed);
        }
        return text == null || text.isEmpty() || text.length() > MAX_VALUE ? null : text;
    }

    private String hmacHex(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(hmacKey);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** A query parameter, decoded; null when absent or not decodable (a bad percent escape). */
    private static String query(HttpServerRequest req, String name) {
        try {
            return req.getParam(name);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
