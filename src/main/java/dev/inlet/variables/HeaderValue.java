package dev.inlet.variables;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A header value written as a type and parameters, {@code type *( OWS ";" OWS name "=" value )},
 * as media types and Content-Disposition are (RFC 9110 sections 5.6.6 and 8.3.1; RFC 6266): the
 * type and each parameter name a token, lower-cased; a value a token or a quoted string, whose
 * quoted pairs are undone. A trailing {@code ;} is tolerated; a repeated parameter is refused, as
 * a sender could make two readers see two different values.
 *
 * @param type lower-cased, e.g. {@code multipart/form-data} or {@code form-data}
 * @param parameters by lower-cased name, values as sent
 */
record HeaderValue(String type, Map<String, String> parameters) {

    /**
     * Parses one header value.
     *
     * @param what how a reason names the header, e.g. {@code Content-Type}
     * @throws MalformedPayloadException with a fixed reason naming {@code what}, never the value
     */
    static HeaderValue parse(String value, String what) {
        Cursor c = new Cursor(value, what);
        c.skipSpace();
        int start = c.at;
        while (c.more() && (isToken(c.peek()) || c.peek() == '/')) {
            c.at++;
        }
        if (c.at == start) {
            throw c.malformed("no type");
        }
        String type = value.substring(start, c.at).toLowerCase(Locale.ROOT);
        Map<String, String> parameters = new LinkedHashMap<>();
        while (true) {
            c.skipSpace();
            if (!c.more()) {
                return new HeaderValue(type, Map.copyOf(parameters));
            }
            if (c.peek() != ';') {
                throw c.malformed("expected ';' between parameters");
            }
            c.at++;
            c.skipSpace();
            if (!c.more()) {
                return new HeaderValue(type, Map.copyOf(parameters));
            }
            String name = c.token("a parameter name").toLowerCase(Locale.ROOT);
            if (!c.more() || c.peek() != '=') {
                throw c.malformed("parameter without '='");
            }
            c.at++;
            String parameter = c.more() && c.peek() == '"' ? c.quoted() : c.token("a parameter value");
            if (parameters.put(name, parameter) != null) {
                throw c.malformed("repeated parameter");
            }
        }
    }

    /** The parameter's value, or null. */
    String parameter(String name) {
        return parameters.get(name);
    }

    /** RFC 9110 tchar. */
    static boolean isToken(char c) {
        return c >= 'a' && c <= 'z'
                || c >= 'A' && c <= 'Z'
                || c >= '0' && c <= '9'
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    private static final class Cursor {
        final String text;
        final String what;
        int at;

        Cursor(String text, String what) {
            this.text = text;
            this.what = what;
        }

        boolean more() {
            return at < text.length();
        }

        char peek() {
            return text.charAt(at);
        }

        void skipSpace() {
            while (more() && (peek() == ' ' || peek() == '\t')) {
                at++;
            }
        }

        String token(String expected) {
            int start = at;
            while (more() && isToken(peek())) {
                at++;
            }
            if (at == start) {
                throw malformed("expected " + expected);
            }
            return text.substring(start, at);
        }

        /** A quoted string from its opening quote, unquoted: quoted pairs undone, controls refused. */
        String quoted() {
            StringBuilder out = new StringBuilder();
            at++;
            while (more()) {
                char c = text.charAt(at++);
                if (c == '"') {
                    return out.toString();
                }
                if (c == '\\') {
                    if (!more()) {
                        break;
                    }
                    c = text.charAt(at++);
                }
                if (c < 0x20 && c != '\t' || c == 0x7f) {
                    throw malformed("control character in a quoted string");
                }
                out.append(c);
            }
            throw malformed("unterminated quoted string");
        }

        MalformedPayloadException malformed(String reason) {
            return new MalformedPayloadException(what + ": " + reason);
        }
    }
}
