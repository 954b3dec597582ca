package dev.inlet.variables;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads the members of a one-level JSON object as text, the form stored headers take. */
public final class JsonMembers {
    private JsonMembers() {}

    /**
     * The members of one JSON object as text, in the order they come (a repeated name each time): a
     * string member its text, any other member its JSON ({@code 1}, {@code true}, {@code null},
     * {@code ["a"]}). Streamed, without a tree of the whole object: the stored headers of every event
     * are read this way. Empty when the document is not an object (or is empty); what follows the
     * object is not read.
     *
     * @throws IOException when it is not well-formed JSON (then nothing is given)
     */
    public static List<Map.Entry<String, String>> of(byte[] json) throws IOException {
        try (JsonParser parser = Parsers.jsonMapper().createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return List.of();
            }
            List<Map.Entry<String, String>> members = new ArrayList<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                members.add(new AbstractMap.SimpleImmutableEntry<>(
                        name, value.isStructStart() ? json(parser) : parser.getText()));
            }
            return members;
        }
    }

    /** The array or object {@code parser} is at the start of, as compact JSON; the parser left at its end. */
    private static String json(JsonParser parser) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = Parsers.json().createGenerator(out)) {
            generator.copyCurrentStructure(parser);
        }
        return out.toString();
    }
}
