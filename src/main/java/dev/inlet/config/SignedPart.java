package dev.inlet.config;

import java.util.ArrayList;
import java.util.List;

/**
 * One part of the bytes a sender signs, in order: literal text, the raw body, the HTTP method,
 * the full URL the sender addressed, the path with its query, the timestamp as sent, a header's
 * value, a form field's, a JSON body field's, a query parameter's, or every form parameter sorted
 * by name, each name followed by its value (Twilio). {@code argument} is the literal text, the
 * header, field or parameter name, the JsonPath, or {@link #DECODED} for a URL whose reserved
 * characters the sender decodes; null for the others.
 */
public record SignedPart(Kind kind, String argument) {
    public enum Kind {
        LITERAL(null, false),
        BODY("body", false),
        METHOD("method", false),
        URL("url", false),
        PATH("path", false),
        TIMESTAMP("timestamp", false),
        SORTED_FORM("sortedForm", false),
        HEADER("header", true),
        FORM("form", true),
        JSON("json", true),
        QUERY("query", true);

        private final String name;
        private final boolean argument;

        Kind(String name, boolean argument) {
            this.name = name;
            this.argument = argument;
        }

        /** The placeholder's name in a {@code signed} template. */
        public String placeholder() {
            return name;
        }

        /** Whether the part is read from the body (a form or JSON field). */
        public boolean inBody() {
            return this == FORM || this == JSON || this == SORTED_FORM;
        }
    }

    /** {@code {url:decoded}}: the URL with the %-escapes of {@code : / ? @ ! $ ' ( ) * , ;} decoded (HubSpot). */
    public static final String DECODED = "decoded";

    private static final String NAMES =
            "{body}, {method}, {url}, {url:decoded}, {path}, {timestamp}, {sortedForm}, {header:NAME}, {form:NAME}, {json:PATH},"
                    + " {query:NAME}";

    /**
     * The parts of a {@code signed} template: text is literal, {@code {name}} or {@code {name:argument}}
     * a part, {@code {{} and {@code }}} literal braces.
     *
     * @throws IllegalArgumentException saying what is wrong and where
     */
    public static List<SignedPart> parse(String template) {
        List<SignedPart> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '}') {
                if (i + 1 < template.length() && template.charAt(i + 1) == '}') {
                    literal.append('}');
                    i += 2;
                    continue;
                }
                throw new IllegalArgumentException(
                        "a lone } at character " + (i + 1) + " (write }} for a literal one)");
            }
            if (c != '{') {
                literal.append(c);
                i++;
                continue;
            }
            if (i + 1 < template.length() && template.charAt(i + 1) == '{') {
                literal.append('{');
                i += 2;
                continue;
            }
            int close = template.indexOf('}', i);
            if (close < 0) {
                throw new IllegalArgumentException("the { at character " + (i + 1) + " is not closed");
            }
            if (!literal.isEmpty()) {
                parts.add(new SignedPart(Kind.LITERAL, literal.toString()));
                literal.setLength(0);
            }
            parts.add(placeholder(template.substring(i + 1, close)));
            i = close + 1;
        }
        if (!literal.isEmpty()) {
            parts.add(new SignedPart(Kind.LITERAL, literal.toString()));
        }
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("is empty: say what is signed, e.g. \"{body}\"");
        }
        return List.copyOf(parts);
    }

    private static SignedPart placeholder(String text) {
        int colon = text.indexOf(':');
        String name = (colon < 0 ? text : text.substring(0, colon)).strip();
        String argument = colon < 0 ? null : text.substring(colon + 1).strip();
        for (Kind kind : Kind.values()) {
            if (kind.name != null && kind.name.equals(name)) {
                if (kind.argument && (argument == null || argument.isEmpty())) {
                    throw new IllegalArgumentException("{" + name + ":...} needs a name after the colon");
                }
                if (kind == Kind.URL && DECODED.equals(argument)) {
                    return new SignedPart(kind, argument);
                }
                if (!kind.argument && argument != null) {
                    throw new IllegalArgumentException("{" + name + "} takes no argument");
                }
                return new SignedPart(kind, argument);
            }
        }
        throw new IllegalArgumentException("{" + text + "} is not one of " + NAMES);
    }
}
