package dev.inlet.variables;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Flattens a JSON body into variables named by dot paths with array indexes, in one streaming
 * pass through {@link Parsers#json()}.
 *
 * <ul>
 *   <li>{@code {"data":{"attributes":{"title":"x"}}}} gives {@code data.attributes.title = x};
 *       {@code {"items":[{"sku":"A"}]}} gives {@code items[0].sku = A}; a top-level array gives
 *       {@code [0].sku}.</li>
 *   <li>Strings as their content; numbers exactly as written ({@code 1.50e+3} stays so);
 *       {@code true} and {@code false}; {@code null} becomes the empty string, as an unset
 *       value renders in a template.</li>
 *   <li>An empty object or array yields no variable, and neither does a top-level scalar, which
 *       has no path to name it.</li>
 *   <li>Keys are kept verbatim, so a key containing {@code .} or {@code [} makes names
 *       ambiguous: {@code {"a.b":1}} and {@code {"a":{"b":1}}} both give {@code a.b}. A repeated
 *       key keeps its first position and its last value.</li>
 *   <li>Bounded by {@link FlattenLimits}: a value whose name would be longer than
 *       {@code maxNameLength}, or that does not fit the variables or characters left, is left out
 *       (no string of it is built; a container whose own name is too long is skipped whole), and
 *       the rest of the body still flattens; {@link Flattened#truncated()} says what was cut.</li>
 * </ul>
 *
 * <p>Thread-safe; the body should have passed {@link PayloadSyntax#checkJson(byte[])}.
 */
public final class JsonFlattener {

    private JsonFlattener() {}

    /**
     * The variables of a JSON body in document order, unmodifiable, within the
     * {@link FlattenLimits#DEFAULT default limits}.
     *
     * @throws MalformedPayloadException when the body is not exactly one well-formed JSON value
     */
    public static Map<String, String> flatten(byte[] body) {
        return flatten(body, FlattenLimits.DEFAULT).variables();
    }

    /**
     * The variables of a JSON body in document order, as far as {@code limits} allow.
     *
     * @throws MalformedPayloadException when the body is not exactly one well-formed JSON value
     */
    public static Flattened flatten(byte[] body, FlattenLimits limits) {
        return walk(body, new VariableSink(limits, true));
    }

    /**
     * The variable names of a JSON body, as {@link #flatten(byte[], FlattenLimits)} would name
     * them, without building any value (every value is {@code ""}; only names count against the
     * characters bound).
     *
     * @throws MalformedPayloadException when the body is not exactly one well-formed JSON value
     */
    public static Flattened names(byte[] body, FlattenLimits limits) {
        return walk(body, new VariableSink(limits, false));
    }

    /**
     * Puts the variables of one JSON value into {@code sink}, each name under {@code prefix}
     * ({@code payload.user.id}, {@code payload[0]}; a scalar is {@code prefix} itself), for a form
     * field declared to hold JSON.
     *
     * @throws MalformedPayloadException when the bytes are not exactly one well-formed JSON value
     */
    static void flattenInto(byte[] json, String prefix, VariableSink sink) {
        walk(json, sink, prefix);
    }

    private static Flattened walk(byte[] body, VariableSink sink) {
        walk(body, sink, null);
        return sink.result();
    }

    /** Walks one JSON value into the sink, names under {@code prefix}, or from the root when it is null. */
    private static void walk(byte[] body, VariableSink sink, String prefix) {
        try (JsonParser parser = Parsers.json().createParser(body)) {
            walk(parser, sink, prefix);
            if (parser.nextToken() != null) {
                throw new MalformedPayloadException("content after the JSON value");
            }
        } catch (JsonProcessingException e) {
            throw JsonFailure.malformed(e);
        } catch (IOException e) {
            // A byte array source has no I/O to fail; kept checked only by Jackson's signatures.
            throw new UncheckedIOException(e);
        }
    }

    private static void walk(JsonParser parser, VariableSink sink, String prefix) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == null) {
            throw new MalformedPayloadException("empty body: no JSON value");
        }
        int maxName = sink.limits().maxNameLength();
        StringBuilder path = new StringBuilder(prefix == null ? "" : prefix);
        // containerPaths[d] is the path length of the container open at depth d + 1.
        int[] containerPaths = new int[Parsers.MAX_DEPTH + 1];
        int depth = 0;
        do {
            if (token == JsonToken.FIELD_NAME) {
                token = parser.nextToken();
            }
            if (token.isStructEnd()) {
                depth--;
                continue;
            }
            if (depth > 0) {
                path.setLength(containerPaths[depth - 1]);
                if (!appendSegment(path, parser, token, maxName)) {
                    // Every name under this value would be longer still.
                    if (!token.isStructStart() || skipHeldScalar(parser)) {
                        sink.exceeded(FlattenLimits.Bound.NAME_LENGTH);
                    }
                    continue;
                }
            }
            if (token.isStructStart()) {
                containerPaths[depth++] = path.length();
            } else if (depth > 0 || prefix != null) {
                scalar(parser, token, path, sink);
            }
        } while (depth > 0 && (token = parser.nextToken()) != null);
    }

    /** Appends the value's name segment unless the path would grow past {@code maxName}; false then, path unchanged. */
    private static boolean appendSegment(StringBuilder path, JsonParser parser, JsonToken token, int maxName) {
        JsonStreamContext context = parser.getParsingContext();
        // On a container's start token the context is already the new container's own.
        JsonStreamContext owner = token.isStructStart() ? context.getParent() : context;
        if (owner.inArray()) {
            int index = owner.getCurrentIndex();
            if (path.length() + digits(index) + 2 > maxName) {
                return false;
            }
            path.append('[').append(index).append(']');
        } else {
            String name = owner.getCurrentName();
            int dot = path.length() > 0 ? 1 : 0;
            if (path.length() + dot + name.length() > maxName) {
                return false;
            }
            if (dot > 0) {
                path.append('.');
            }
            path.append(name);
        }
        return true;
    }

    private static int digits(int n) {
        int digits = 1;
        for (long bound = 10; n >= bound; bound *= 10) {
            digits++;
        }
        return digits;
    }

    /** Skips the container the parser is on the start of; whether it held a scalar (a variable left out). */
    private static boolean skipHeldScalar(JsonParser parser) throws IOException {
        boolean scalar = false;
        for (int depth = 1; depth > 0; ) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                throw new MalformedPayloadException("unexpected end of the JSON value");
            }
            if (token.isStructStart()) {
                depth++;
            } else if (token.isStructEnd()) {
                depth--;
            } else if (token.isScalarValue()) {
                scalar = true;
            }
        }
        return scalar;
    }

    private static void scalar(JsonParser parser, JsonToken token, StringBuilder path, VariableSink sink)
            throws IOException {
        boolean text = sink.keepsValues() && token != JsonToken.VALUE_NULL;
        // The length is read before the text, so a value that does not fit is never made a String.
        if (sink.fits(path.length(), text ? parser.getTextLength() : 0)) {
            sink.put(path.toString(), text ? parser.getText() : "");
        }
    }
}
