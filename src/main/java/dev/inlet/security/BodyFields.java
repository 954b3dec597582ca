package dev.inlet.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.JsonPath;
import dev.inlet.variables.Parsers;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of one body a signature reads, parsed at most once and only when asked: JSON
 * values by JsonPath, through the hardened parser. A body that does not parse has no fields.
 * Never throws on the body.
 */
final class BodyFields {
    private final byte[] body;
    private JsonNode json;
    private boolean parsed;

    BodyFields(byte[] body) {
        this.body = body;
    }

    /**
     * The scalar values {@code path} finds (strings as their text, numbers as written), in order;
     * empty when it finds none. Objects, arrays, null and booleans are no value.
     */
    List<String> json(JsonPath path) {
        List<String> values = new ArrayList<>(1);
        JsonNode root = tree();
        if (root == null) {
            return values;
        }
        Object found;
        try {
            found = path.read(root, Parsers.jsonPath());
        } catch (RuntimeException notFound) {
            return values;
        }
        if (!(found instanceof JsonNode node)) {
            return values;
        }
        if (path.isDefinite()) {
            add(node, values);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size() && values.size() < SignatureItems.MAX_ITEMS; i++) {
                add(node.get(i), values);
            }
        }
        return values;
    }

    /** The one value {@code path} finds; null when it finds none or several. */
    String single(JsonPath path) {
        List<String> values = json(path);
        return values.size() == 1 ? values.get(0) : null;
    }

    private static void add(JsonNode node, List<String> values) {
        if (node.isTextual()) {
            values.add(node.textValue());
        } else if (node.isNumber()) {
            values.add(node.asText());
        }
    }

    private JsonNode tree() {
        if (!parsed) {
            parsed = true;
            try {
                json = Parsers.jsonMapper().readTree(body);
            } catch (java.io.IOException | RuntimeException malformed) {
                json = null;
            }
        }
        return json;
    }
}
