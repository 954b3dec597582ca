package dev.inlet.variables;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
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
 * </ul>
 *
 * <p>Thread-safe; the body should have passed {@link PayloadSyntax#checkJson(byte[])}.
 */
public final class JsonFlattener {

    private JsonFlattener() {
    }

    /**
     * The variables of a JSON body in document order, unmodifiable.
     *
     * @throws MalformedPayloadException when the body is not exactly one well-formed JSON value
     */
    public static Map<String, String> flatten(byte[] body) {
        try (JsonParser parser = Parsers.json().createParser(body)) {
            Map<String, String> variables = new LinkedHashMap<>();
            walk(parser, variables);
            if (parser.nextToken() != null) {
                throw new MalformedPayloadException("content after the JSON value");
            }
            return Collections.unmodifiableMap(variables);
        } catch (JsonProcessingException e) {
            throw JsonFailure.malformed(e);
        } catch (IOException e) {
            // A byte array source has no I/O to fail; kept checked only by Jackson's signatures.
            throw new UncheckedIOException(e);
        }
    }

    private static void walk(JsonParser parser, Map<String, String> variables) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == null) {
            throw new MalformedPayloadException("empty body: no JSON value");
        }
        StringBuilder path = new StringBuilder();
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
                appendSegment(path, parser, token);
            }
            if (token.isStructStart()) {
                containerPaths[depth++] = path.length();
            } else if (depth > 0) {
                variables.put(path.toString(), scalar(parser, token));
            }
        } while (depth > 0 && (token = parser.nextToken()) != null);
    }

    private static void appendSegment(StringBuilder path, JsonParser parser, JsonToken token) {
        JsonStreamContext context = parser.getParsingContext();
        // On a container's start token the context is already the new container's own.
        JsonStreamContext owner = token.isStructStart() ? context.getParent() : context;
        if (owner.inArray()) {
            path.append('[').append(owner.getCurrentIndex()).append(']');
        } else {
            if (path.length() > 0) {
                path.append('.');
            }
            path.append(owner.getCurrentName());
        }
    }

    private static String scalar(JsonParser parser, JsonToken token) throws IOException {
        return token == JsonToken.VALUE_NULL ? "" : parser.getText();
    }
}
