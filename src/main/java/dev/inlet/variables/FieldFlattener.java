package dev.inlet.variables;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Flattens the fields of a form or multipart body ({@link FormParser}, {@link MultipartParser})
 * into variables, and builds their JSON view for JsonPath.
 *
 * <ul>
 *   <li>A field is a variable named as the field: {@code Body}, {@code From}. A name that occurs
 *       more than once is indexed from 0 in body order, as JSON arrays are: {@code tag[0]},
 *       {@code tag[1]}; a name that occurs once has no index.</li>
 *   <li>A file part (see {@link MultipartParser}) is three variables, {@code <name>.filename},
 *       {@code <name>.contentType} (both "" when the part has none) and {@code <name>.size} (its
 *       bytes); the bytes themselves stay in the raw body.</li>
 *   <li>A field the endpoint declares in {@code jsonFields} whose value is one JSON value is
 *       flattened under its name, as {@link JsonFlattener} names a body: {@code payload.user.id},
 *       {@code payload.actions[0].value}; a JSON scalar is the variable {@code payload} with the
 *       scalar's text. A declared field that is not JSON keeps its text, and the result notes
 *       {@code jsonFields payload: not JSON, kept as text} (the event still processes).</li>
 *   <li>Bounded by the same {@link FlattenLimits} as JSON and XML, through {@link VariableSink}:
 *       nothing past a bound is built, and what is left out is noted.</li>
 * </ul>
 *
 * <p>The JSON view is an object of field name to its string value, an array of them for a
 * repeated name; a declared JSON field is its parsed value; a file part is
 * {@code {"filename": …, "contentType": …, "size": n}}. Thread-safe.
 */
final class FieldFlattener {

    /** Heap of the JSON view per byte of names and text in the body, about, as for a JSON tree. */
    static final int VIEW_BYTES_PER_TEXT_BYTE = Payload.JSON_TREE_BYTES_PER_BODY_BYTE;
    /** Heap of the JSON view per field besides its text: a node, a map entry, its name. */
    static final int VIEW_BYTES_PER_FIELD = 96;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private FieldFlattener() {}

    /** The JSON view of the fields, and an estimate of the heap it holds. */
    record View(JsonNode document, long heapBytes) {}

    /** The variables of the fields, in body order, as far as the sink's limits allow. */
    static Flattened flatten(byte[] body, List<BodyField> fields, Set<String> jsonFields, VariableSink sink) {
        return flatten(body, fields, jsonFields, "", sink);
    }

    /**
     * As {@link #flatten(byte[], List, Set, VariableSink)}, every name after {@code prefix}: a
     * query string's fields under {@code query.}, say, read by {@link FormParser#read}.
     *
     * @param body the bytes the fields were read from
     */
    static Flattened flatten(
            byte[] body, List<? extends BodyField> fields, Set<String> jsonFields, String prefix, VariableSink sink) {
        Map<String, Integer> counts = counts(fields);
        Map<String, Integer> seen = new HashMap<>();
        int maxName = sink.limits().maxNameLength();
        for (BodyField field : fields) {
            String name = field.name();
            boolean indexed = counts.get(name) > 1;
            int index = indexed ? seen.merge(name, 1, Integer::sum) - 1 : 0;
            int length = prefix.length() + name.length() + (indexed ? digits(index) + 2 : 0);
            if (length > maxName) {
                // Every variable of this field would have a longer name still.
                sink.exceeded(FlattenLimits.Bound.NAME_LENGTH);
                continue;
            }
            String base = prefix + (indexed ? name + '[' + index + ']' : name);
            if (field instanceof BodyField.File file) {
                put(sink, base + ".filename", file.filename());
                put(sink, base + ".contentType", file.contentType());
                put(sink, base + ".size", Integer.toString(file.size()));
            } else {
                BodyField.Text text = (BodyField.Text) field;
                if (!jsonFields.contains(name) || !json(body, text, base, sink)) {
                    if (sink.fits(base.length(), text.chars())) {
                        sink.put(base, sink.keepsValues() ? text.value(body) : "");
                    }
                }
            }
        }
        return sink.result();
    }

    /** The JSON view of the fields. */
    static View view(byte[] body, List<BodyField> fields, Set<String> jsonFields) {
        Map<String, Integer> counts = counts(fields);
        ObjectNode root = NODES.objectNode();
        long heap = 0;
        for (BodyField field : fields) {
            String name = field.name();
            JsonNode value;
            if (field instanceof BodyField.File file) {
                value = NODES.objectNode()
                        .put("filename", file.filename())
                        .put("contentType", file.contentType())
                        .put("size", file.size());
                heap += 3L * VIEW_BYTES_PER_FIELD
                        + (long) VIEW_BYTES_PER_TEXT_BYTE
                                * (file.filename().length() + file.contentType().length());
            } else {
                BodyField.Text text = (BodyField.Text) field;
                value = jsonFields.contains(name) ? parsed(body, text) : null;
                if (value == null) {
                    value = NODES.textNode(text.value(body));
                }
                heap += (long) VIEW_BYTES_PER_TEXT_BYTE * text.length();
            }
            heap += VIEW_BYTES_PER_FIELD + (long) VIEW_BYTES_PER_TEXT_BYTE * name.length();
            if (counts.get(name) > 1) {
                JsonNode list = root.get(name);
                (list == null ? root.putArray(name) : (ArrayNode) list).add(value);
            } else {
                root.set(name, value);
            }
        }
        return new View(root, heap);
    }

    /**
     * Flattens a declared field's value under {@code base} when it is one JSON value; false, with
     * nothing put and the field noted, when it is not.
     */
    private static boolean json(byte[] body, BodyField.Text text, String base, VariableSink sink) {
        byte[] value = text.utf8(body);
        try {
            JsonValidator.validate(value);
        } catch (MalformedPayloadException notJson) {
            sink.note("jsonFields " + text.name() + ": not JSON, kept as text");
            return false;
        }
        JsonFlattener.flattenInto(value, base, sink);
        return true;
    }

    /** A declared field's value as a JSON tree, or null when it is not JSON a tree can hold. */
    private static JsonNode parsed(byte[] body, BodyField.Text text) {
        byte[] value = text.utf8(body);
        try {
            JsonValidator.validate(value);
            return Parsers.jsonTree(value);
        } catch (MalformedPayloadException notJson) {
            return null;
        }
    }

    private static void put(VariableSink sink, String name, String value) {
        if (sink.fits(name.length(), value.length())) {
            sink.put(name, value);
        }
    }

    private static Map<String, Integer> counts(List<? extends BodyField> fields) {
        Map<String, Integer> counts = new HashMap<>();
        for (BodyField field : fields) {
            counts.merge(field.name(), 1, Integer::sum);
        }
        return counts;
    }

    private static int digits(int n) {
        return n < 10 ? 1 : String.valueOf(n).length();
    }
}
