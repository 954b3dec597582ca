package dev.inlet.variables;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * How one reference of a {@link Template} writes its value, chosen once at parse time from the
 * reference's position (see {@link TemplateSyntax}).
 */
enum ValueEscape {
    RAW,
    JSON_STRING,
    JSON_VALUE,
    XML,
    /** Inside an XML CDATA section. */
    XML_CDATA,
    FORM,
    /** One URL path segment: never empty. */
    URL_SEGMENT,
    /** A URL query or fragment component. */
    URL_COMPONENT;

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private static final char REPLACEMENT = '\uFFFD';

    /**
     * Writes a reference's value followed by {@code rest}, the part of its name run after the
     * matched variable name (text of the template). In a URL the rest is encoded with the value,
     * so the slot stays one component; elsewhere it is written as it is (name characters need no
     * escape in JSON strings, XML or form bodies, and a JSON value slot keeps {@code [$a]} an array).
     *
     * @param value the variable's value, or null when no variable matched (then {@code rest} is empty)
     * @throws Template.UnrenderableException when the value cannot go where the reference stands
     */
    void write(String value, String rest, String reference, StringBuilder out) {
        switch (this) {
            case RAW -> out.append(value == null ? "" : value).append(rest);
            case JSON_STRING -> {
                if (value != null) {
                    JsonText.escape(value, out);
                }
                out.append(rest);
            }
            case JSON_VALUE -> {
                jsonValue(value, out);
                out.append(rest);
            }
            case XML -> {
                if (value != null) {
                    xml(value, out);
                }
                out.append(rest);
            }
            case XML_CDATA -> {
                if (value != null && !value.isEmpty()) {
                    // Out of the section for the value, escaped as text, then into a new one.
                    out.append("]]>");
                    xml(value, out);
                    out.append("<![CDATA[");
                }
                out.append(rest);
            }
            case FORM -> out.append(URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8))
                    .append(rest);
            case URL_SEGMENT -> {
                String segment = value == null ? rest : value + rest;
                if (segment.isEmpty()) {
                    throw new Template.UnrenderableException("$" + reference + " renders empty in a url path segment");
                }
                percent(segment, out);
            }
            case URL_COMPONENT -> percent(value == null ? rest : value + rest, out);
        }
    }

    /** RFC 3986 percent-encoding of the UTF-8 bytes of {@code value}: only unreserved characters stay. */
    static void percent(String value, StringBuilder out) {
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c >= 'a' && c <= 'z'
                    || c >= 'A' && c <= 'Z'
                    || c >= '0' && c <= '9'
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
    }

    private static void jsonValue(String value, StringBuilder out) {
        if (value == null || value.isEmpty()) {
            out.append("null");
        } else if (value.equals("true") || value.equals("false") || isJsonNumber(value)) {
            out.append(value);
        } else {
            out.append('"');
            JsonText.escape(value, out);
            out.append('"');
        }
    }

    /** Whether the whole text is a JSON number literal (RFC 8259, section 6). */
    static boolean isJsonNumber(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && s.charAt(i) == '-') {
            i++;
        }
        if (i < n && s.charAt(i) == '0') {
            i++;
        } else if (i < n && s.charAt(i) >= '1' && s.charAt(i) <= '9') {
            i = digits(s, i);
        } else {
            return false;
        }
        if (i < n && s.charAt(i) == '.') {
            int after = digits(s, i + 1);
            if (after == i + 1) {
                return false;
            }
            i = after;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int after = digits(s, i);
            if (after == i) {
                return false;
            }
            i = after;
        }
        return i == n;
    }

    private static int digits(String s, int from) {
        int i = from;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    /** Escapes the five XML specials; a character XML 1.0 does not allow becomes U+FFFD. */
    private static void xml(String value, StringBuilder out) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (Character.isHighSurrogate(c)
                            && i + 1 < value.length()
                            && Character.isLowSurrogate(value.charAt(i + 1))) {
                        out.append(c).append(value.charAt(++i));
                    } else if (c == '\t'
                            || c == '\n'
                            || c == '\r'
                            || c >= 0x20 && c <= 0xD7FF
                            || c >= 0xE000 && c <= 0xFFFD) {
                        out.append(c);
                    } else {
                        out.append(REPLACEMENT);
                    }
                }
            }
        }
    }
}
