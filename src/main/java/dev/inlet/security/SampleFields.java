package dev.inlet.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jayway.jsonpath.JsonPath;
import dev.inlet.config.ValueSource;
import dev.inlet.variables.Parsers;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The body of a {@link SignedSample}, with fields set: a JSON object's at plain {@code $.a.b}
 * paths (objects created on the way), or a form's appended. Reads through {@link BodyFields}.
 */
final class SampleFields {
    private final String contentType;
    private byte[] body;
    private ObjectNode json;

    SampleFields(byte[] body, String contentType) {
        this.body = body;
        this.contentType = contentType;
    }

    boolean has(ValueSource at) {
        BodyFields parsed = new BodyFields(bytes(), contentType);
        return at.kind() == ValueSource.Kind.FORM
                ? parsed.form(at.name()) != null
                : !parsed.json(JsonPath.compile(at.name())).isEmpty();
    }

    /** Sets {@code at} to {@code value} (a number when {@code number}); false when it cannot. */
    boolean set(ValueSource at, String value, boolean number) {
        if (at.kind() == ValueSource.Kind.FORM) {
            if (json != null || !isForm()) {
                return false;
            }
            String field = URLEncoder.encode(at.name(), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(value, StandardCharsets.UTF_8);
            String text = new String(body, StandardCharsets.UTF_8);
            body = (text.isEmpty() ? field : text + "&" + field).getBytes(StandardCharsets.UTF_8);
            return true;
        }
        if (at.kind() != ValueSource.Kind.JSON || !at.name().matches("\\$(\\.[A-Za-z0-9_-]+)+")) {
            return false;
        }
        if (json == null) {
            try {
                JsonNode tree = Parsers.jsonMapper().readTree(body);
                if (!(tree instanceof ObjectNode object)) {
                    return false;
                }
                json = object;
            } catch (java.io.IOException | RuntimeException notJson) {
                return false;
            }
        }
        String[] names = at.name().substring(2).split("\\.");
        ObjectNode node = json;
        for (int i = 0; i < names.length - 1; i++) {
            JsonNode child = node.get(names[i]);
            if (child == null || child.isNull()) {
                child = node.putObject(names[i]);
            }
            if (!(child instanceof ObjectNode object)) {
                return false;
            }
            node = object;
        }
        String last = names[names.length - 1];
        if (number) {
            node.put(last, Long.parseLong(value));
        } else {
            node.put(last, value);
        }
        return true;
    }

    private boolean isForm() {
        return contentType != null
                && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    byte[] bytes() {
        if (json == null) {
            return body;
        }
        try {
            return Parsers.jsonMapper().writeValueAsBytes(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
