package dev.inlet.variables;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

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
        return new Flattened(
                new Merged(body.variables(), request.variables()),
                join(body.truncated(), request.truncated() == null ? null : "request " + request.truncated()),
                body.heapBytes() + request.heapBytes(),
                join(body.notes(), request.notes()));
    }

    /**
     * The body's variables with the request's over them, as a copy into one map would hold them (the
     * body's names in their order, a name both have with the request's value, then the request's
     * other names in theirs), without the copy: a body has hundreds of variables, the request a
     * few, and every event's variables are read through here. Unmodifiable; neither map holds null.
     */
    private static final class Merged extends AbstractMap<String, String> {
        private final Map<String, String> body;
        private final Map<String, String> request;
        private final int size;

        Merged(Map<String, String> body, Map<String, String> request) {
            this.body = body;
            this.request = request;
            int only = 0;
            for (String name : request.keySet()) {
                if (!body.containsKey(name)) {
                    only++;
                }
            }
            this.size = body.size() + only;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public boolean containsKey(Object name) {
            return request.containsKey(name) || body.containsKey(name);
        }

        @Override
        public String get(Object name) {
            String value = request.get(name);
            return value != null ? value : body.get(name);
        }

        @Override
        public Set<Map.Entry<String, String>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public int size() {
                    return size;
                }

                @Override
                public Iterator<Map.Entry<String, String>> iterator() {
                    Stream<Map.Entry<String, String>> first = body.entrySet().stream()
                            .map(e -> {
                                String over = request.get(e.getKey());
                                return over == null ? e : new AbstractMap.SimpleImmutableEntry<>(e.getKey(), over);
                            });
                    Stream<Map.Entry<String, String>> then =
                            request.entrySet().stream().filter(e -> !body.containsKey(e.getKey()));
                    return Stream.concat(first, then).iterator();
                }
            };
        }
    }

    private static String join(String a, String b) {
        return a == null ? b : b == null ? a : a + "; " + b;
    }

    private static void headers(byte[] json, VariableSink sink) {
        List<Map.Entry<String, String>> stored;
        try {
            stored = JsonMembers.of(json);
        } catch (IOException e) {
            sink.note("headers: not readable, no headers variables");
            return;
        }
        for (Map.Entry<String, String> header : stored) {
            String name = HEADERS + header.getKey();
            String value = header.getValue();
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
