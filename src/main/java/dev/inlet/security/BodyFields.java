package dev.inlet.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.JsonPath;
import dev.inlet.variables.FormFields;
import dev.inlet.variables.Parsers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fields of one body a signature reads, parsed at most once and only when asked: JSON
 * values by JsonPath, through the hardened parser, and the text fields of a form or multipart
 * body ({@link FormFields}). A body that does not parse has no fields. Never throws on the body.
 */
final class BodyFields {
    private final byte[] body;
    private final String contentType;
    private JsonNode json;
    private boolean parsed;
    private List<Map.Entry<String, String>> form;
    private boolean formParsed;

    BodyFields(byte[] body, String contentType) {
        this.body = body;
        this.contentType = contentType;
    }

    /** The form's or multipart body's text fields in order; null when the body is neither. */
    List<Map.Entry<String, String>> form() {
        if (!formParsed) {
            formParsed = true;
            form = FormFields.of(body, contentType);
        }
        return form;
    }

    /** The value of the one field called {@code name}; null when there is none, or several. */
    String form(String name) {
        List<Map.Entry<String, String>> fields = form();
        if (fields == null) {
            return null;
        }
        String found = null;
        for (Map.Entry<String, String> field : fields) {
            if (field.getKey().equals(name)) {
                if (found != null) {
                    return null;
                }
                found = field.getValue();
            }
        }
        return found;
    }

    /**
     * Every form parameter sorted by name, each name followed by its value, as Twilio signs them
     * (a repeated name's distinct values sorted, each after the name); "" for a body that is not a
     * form, null for one that says it is and does not parse.
     */
    String sortedForm() {
        List<Map.Entry<String, String>> fields = form();
        if (fields == null) {
            return contentType != null
                            && contentType.toLowerCase(java.util.Locale.ROOT).contains("form")
                    ? null
                    : "";
        }
        java.util.TreeMap<String, java.util.TreeSet<String>> sorted = new java.util.TreeMap<>();
        for (Map.Entry<String, String> field : fields) {
            sorted.computeIfAbsent(field.getKey(), k -> new java.util.TreeSet<>())
                    .add(field.getValue());
        }
        StringBuilder out = new StringBuilder();
        sorted.forEach(
                (name, values) -> values.forEach(value -> out.append(name).append(value)));
        return out.toString();
    }

    /** Whether the body is a well-formed form or multipart body. */
    boolean isForm() {
        return form() != null;
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
