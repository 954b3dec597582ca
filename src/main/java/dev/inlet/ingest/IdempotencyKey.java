package dev.inlet.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import dev.inlet.config.IdempotencyConfig;
import dev.inlet.config.PayloadFormat;
import dev.inlet.variables.JsonText;
import dev.inlet.variables.Parsers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

/**
 * An endpoint's idempotency key: the value of a request header, or of a JsonPath in a JSON body,
 * hashed (SHA-256, hex) from canonical, type-tagged JSON so that no two distinct values share a
 * hash. A header's value is hashed as a JSON string; a body value as canonical JSON: strings
 * quoted and escaped (a lone surrogate as {@code \\uXXXX}), object keys sorted (by UTF-16 code
 * unit, a repeated key keeping its last value), arrays in order, and numbers by value, written as
 * {@code BigDecimal} without trailing zeros ({@code 1}, {@code 1.0} and {@code 1e0} are one key;
 * {@code 1} and {@code "1"} are two). A missing value, {@code null} or {@code ""} is no key. The
 * Redis key the appender makes of the hash also names the endpoint, so keys are per endpoint.
 * Immutable and thread-safe.
 */
final class IdempotencyKey {
    private static final Configuration JSON_PATH = Parsers.jsonPath();

    /** The header's name, or a preset's alternatives ({@code Idempotency-Key|X-Gitlab-Event-UUID}); null for a path. */
    private final String[] header;

    private final JsonPath path;
    private final Duration window;

    private IdempotencyKey(String header, JsonPath path, Duration window) {
        this.header = header == null ? null : header.split("\\s*\\|\\s*");
        this.path = path;
        this.window = window;
    }

    /** The key of an endpoint's settings; null when it has none. */
    static IdempotencyKey of(IdempotencyConfig config) {
        if (config == null) {
            return null;
        }
        return new IdempotencyKey(
                config.header(), config.header() == null ? JsonPath.compile(config.path()) : null, config.window());
    }

    Duration window() {
        return window;
    }

    /** Whether finding the key costs so little that it is found on the event loop: a header, or a small body. */
    boolean inline(byte[] body) {
        return path == null || body.length <= CheckPool.INLINE_LIMIT;
    }

    /** The hash of the request's value, or null when it carries none (then it is queued like any other). */
    String hash(Function<String, String> headers, byte[] body, PayloadFormat format) {
        if (header != null) {
            for (String name : header) {
                String value = headers.apply(name);
                if (value != null && !value.isEmpty()) {
                    return sha256(canonical(value));
                }
            }
            return null;
        }
        if (format != PayloadFormat.JSON) {
            return null;
        }
        Object found;
        try {
            found = path.read(Parsers.jsonMapper().readTree(body), JSON_PATH);
        } catch (IOException e) {
            throw new UncheckedIOException("a checked JSON body could not be read again", e);
        }
        // A function path (length(), ...) gives plain Java values; any other a node.
        JsonNode value =
                found instanceof JsonNode node ? node : Parsers.jsonMapper().valueToTree(found);
        if (value == null
                || value.isNull()
                || value.isMissingNode()
                || value.isTextual() && value.textValue().isEmpty()) {
            return null;
        }
        return sha256(canonical(value));
    }

    /** A string as canonical JSON. */
    static String canonical(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2);
        string(value, out);
        return out.toString();
    }

    /** A JSON value as canonical JSON (see the class comment). */
    static String canonical(JsonNode value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>(node.size());
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            names.sort(null);
            out.append('{');
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                string(names.get(i), out);
                out.append(':');
                write(node.get(names.get(i)), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(node.get(i), out);
            }
            out.append(']');
        } else if (node.isTextual()) {
            string(node.textValue(), out);
        } else if (node.isNumber()) {
            number(node, out);
        } else if (node.isBoolean()) {
            out.append(node.booleanValue());
        } else {
            out.append("null");
        }
    }

    private static void number(JsonNode node, StringBuilder out) {
        if ((node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue())) {
            // Only a path function can make one; unquoted, so it cannot meet a string.
            out.append(node.doubleValue());
            return;
        }
        BigDecimal value = node.decimalValue().stripTrailingZeros();
        out.append(value.signum() == 0 ? "0" : value.toString());
    }

    /** {@code value} quoted and escaped; a lone surrogate as its escape, so the UTF-8 that is hashed loses nothing. */
    private static void string(String value, StringBuilder out) {
        out.append('"');
        int from = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c)
                        && i + 1 < value.length()
                        && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                JsonText.escape(value.substring(from, i), out);
                out.append(String.format("\\u%04x", (int) c));
                from = i + 1;
            }
        }
        JsonText.escape(from == 0 ? value : value.substring(from), out);
        out.append('"');
    }

    private static String sha256(String canonical) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
