package dev.inlet.variables;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The text fields of a form body ({@code application/x-www-form-urlencoded}, {@link FormParser})
 * or a {@code multipart/form-data} one ({@link MultipartParser}), decoded, for code outside this
 * package that reads a few of them: a signature's form fields. The same parsers and limits as the
 * syntax check and the flatteners. Never throws on the body.
 */
public final class FormFields {
    private FormFields() {}

    /**
     * The text fields of {@code body} in order, as names and decoded values (file parts left out);
     * null when the Content-Type is neither form type or the body is not well-formed within the
     * limits.
     */
    public static List<Map.Entry<String, String>> of(byte[] body, String contentType) {
        List<BodyField> fields;
        try {
            String type = contentType == null
                    ? ""
                    : HeaderValue.parse(contentType, "Content-Type").type();
            if (type.equals("application/x-www-form-urlencoded")) {
                fields = FormParser.fields(body);
            } else if (type.equals("multipart/form-data")) {
                fields = MultipartParser.fields(body, contentType);
            } else {
                return null;
            }
        } catch (MalformedPayloadException | IllegalArgumentException malformed) {
            return null;
        }
        List<Map.Entry<String, String>> values = new ArrayList<>(fields.size());
        for (BodyField field : fields) {
            if (field instanceof BodyField.Text text) {
                values.add(new AbstractMap.SimpleImmutableEntry<>(text.name(), text.value(body)));
            }
        }
        return values;
    }
}
