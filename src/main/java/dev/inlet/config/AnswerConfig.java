package dev.inlet.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What an endpoint answers an accepted event (code 1002) with: {@code status} 200, 202 or 204, and
 * a {@code body} template with its {@code contentType}. A null {@code body} keeps the JSON code body
 * with the transid (for status 200 or 202); a 204 has no body. The template's one reference is
 * {@code $transid}; {@code $$} is a literal {@code $}, and so is a {@code $} that no name follows.
 * The loader refuses any other reference, a body with 204, and a body without a content type.
 */
public record AnswerConfig(int status, String contentType, String body) {
    /** The statuses an answer may have. */
    public static final List<Integer> STATUSES = List.of(200, 202, 204);

    /** RFC 9110's media-type: token "/" token, then any parameters. */
    private static final Pattern MEDIA_TYPE =
            Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+/[!#$%&'*+.^_`|~0-9A-Za-z-]+(\\s*;.*)?");

    /** The status of an answer that does not set one, and of an endpoint without {@code answer}. */
    public static final int DEFAULT_STATUS = 202;

    /**
     * The body's literal text around its references, split once: n + 1 parts for n references to
     * {@code $transid}, with {@code $$} already a single {@code $}. Null when there is no body.
     */
    public List<String> literals() {
        return body == null ? null : literals(body);
    }

    /**
     * Splits {@code template} at each {@code $transid}. A reference is {@code $} and the longest run
     * of name characters after it, as in flow templates (letters, digits, {@code _ - . [ ] @ # :}):
     * {@code $transid.} is the transid and a dot, but {@code $transid_2} and {@code $data.id} are
     * refused.
     *
     * @throws IllegalArgumentException naming the first reference that is not {@code $transid}
     */
    static List<String> literals(String template) {
        List<String> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '$') {
                literal.append(c);
                i++;
                continue;
            }
            if (i + 1 < template.length() && template.charAt(i + 1) == '$') {
                literal.append('$');
                i += 2;
                continue;
            }
            int end = i + 1;
            while (end < template.length() && isNameChar(template.charAt(end))) {
                end++;
            }
            int name = i + 1 + "transid".length();
            boolean transid =
                    template.startsWith("transid", i + 1) && (name == end || !isIdentifierChar(template.charAt(name)));
            if (transid) {
                parts.add(literal.toString());
                literal.setLength(0);
                i = name;
            } else if (end == i + 1) {
                literal.append('$');
                i++;
            } else {
                throw new IllegalArgumentException("$" + template.substring(i + 1, end)
                        + " is not known: an answer has only $transid (write $$ for a literal $)");
            }
        }
        parts.add(literal.toString());
        return List.copyOf(parts);
    }

    /** What is wrong with {@code value} as the answer's Content-Type header; null when nothing is. */
    static String contentTypeProblem(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return "must be printable ASCII, without control characters (it is sent as a header)";
            }
        }
        return MEDIA_TYPE.matcher(value).matches()
                ? null
                : "\"" + value
                        + "\" is not a media type: write type/subtype, e.g. text/xml or text/plain; charset=utf-8";
    }

    private static boolean isNameChar(char c) {
        return isIdentifierChar(c) || "-.[]@#:".indexOf(c) >= 0;
    }

    /** What may continue a name past {@code transid}: then it is another name. */
    private static boolean isIdentifierChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
