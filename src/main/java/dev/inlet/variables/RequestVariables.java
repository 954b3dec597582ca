package dev.inlet.variables;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The request's own parts as variables, beside the body's: each stored header as {@code
 * headers.<name>} (names in lower case, as stored: {@code headers.x-github-event}; credentials are
 * never stored, so never variables), and each field of the query string as {@code query.<name>},
 * read as the form encoding is ({@link FormParser#read}: {@code +} a space, {@code %XX} a byte,
 * a repeated name indexed {@code query.tag[0]}, {@code query.tag[1]}). Bounded by their own {@link
 * VariableSink} with the workers' limits; the stored headers are at most 100 names and 16 KiB
 * anyway, and a query string is as long as ingest's request line allows. A query string that is
 * not well-formed gives no {@code query.} variable and a note, never a failed event. They are
 * variables for conditions and templates, not names of the endpoint's payloads: the names an
 * endpoint records are its bodies'. Thread-safe.
 */
final class RequestVariables {
    static final String HEADERS = "headers.";
    static final String QUERY = "query.";

    private RequestVariables() {}

    /**
     * The variables of the stored headers and the query string.
     *
     * @param headers the stored headers, a JSON object in UTF-8; null or empty for none
     * @param query the query string as received, without the {@code ?}; null or empty for none
     * @param values false for a names-only walk
     */
    static Flattened of(byte[] headers, String query, FlattenLimits limits, boolean values) {
        VariableSink sink = new VariableSink(limits, values);
        if (headers != null && headers.length > 0) {
            headers(headers, sink);
        }
        if (query != null && !query.isEmpty()) {
            query(query.getBytes(StandardCharsets.UTF_8), sink);
        }
        return sink.result();
    }

    /**
     * The body's variables and then the request's, which win a name both have; {@code body} itself
     * when the request has neither stored headers nor a query string.
     */
    static Flattened over(Flattened body, byte[] headers, String query, FlattenLimits limits) {
        boolean any = (headers != null && headers.length > 2) || (query != null && !query.isEmpty());
        if (!any) {
            return body;
        }
        Flattened request = of(headers, query, limits, true);
        Map<String, String> merged = new LinkedHashMap<>(body.variables());
        merged.putAll(request.variables());
        return new Flattened(
                Collections.unmodifiableMap(merged),
                join(body.truncated(), request.truncated() == null ? null : "request " + request.truncated()),
                body.heapBytes() + request.heapBytes(),
                join(body.notes(), request.notes()));
    }

    private static String join(String a, String b) {
        return a == null ? b : b == null ? a : a + "; " + b;
    }

    private static void headers(byte[] json, VariableSink sink) {
        JsonNode stored;
        try {
            stored = Parsers.jsonMapper().readTree(json);
        } catch (IOException e) {
            sink.note("headers: not readable, no headers variables");
            return;
        }
        if (stored == null || !stored.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = stored.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> header = it.next();
            String name = HEADERS + header.getKey();
            String value = header.getValue().isTextual()
                    ? header.getValue().textValue()
                    : header.getValue().toString();
            if (sink.fits(name.length(), value.length())) {
                sink.put(name, value);
            }
        }
    }

    private static void query(byte[] text, VariableSink sink) {
        List<BodyField> fields = new ArrayList<>();
        try {
            FormParser.read(text, fields::add);
        } catch (MalformedPayloadException e) {
            sink.note("query: not form-encoded, no query variables");
            return;
        }
        FieldFlattener.flatten(text, fields, Set.of(), QUERY, sink);
    }
}
