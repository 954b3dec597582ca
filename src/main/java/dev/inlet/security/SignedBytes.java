package dev.inlet.security;

import com.jayway.jsonpath.JsonPath;
import dev.inlet.config.SignedPart;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes a declaration signs, compiled once: literals encoded, JsonPaths compiled, header
 * names split into their alternatives ({@code webhook-id|svix-id}: the first present). Per
 * request it yields the segments to feed the MAC or signature one after the other, the body as
 * itself, never copied.
 */
final class SignedBytes {
    private final Part[] parts;

    private record Part(SignedPart.Kind kind, byte[] literal, String[] names, JsonPath path, boolean decoded) {}

    SignedBytes(List<SignedPart> signed) {
        parts = new Part[signed.size()];
        for (int i = 0; i < parts.length; i++) {
            SignedPart p = signed.get(i);
            parts[i] = new Part(
                    p.kind(),
                    p.kind() == SignedPart.Kind.LITERAL ? p.argument().getBytes(StandardCharsets.UTF_8) : null,
                    p.kind() == SignedPart.Kind.HEADER
                            ? alternatives(p.argument())
                            : p.argument() == null ? null : new String[] {p.argument()},
                    p.kind() == SignedPart.Kind.JSON ? JsonPath.compile(p.argument()) : null,
                    p.kind() == SignedPart.Kind.URL && SignedPart.DECODED.equals(p.argument()));
        }
    }

    /** The names of {@code a|b|c}, stripped. */
    static String[] alternatives(String names) {
        String[] split = names.split("\\|");
        for (int i = 0; i < split.length; i++) {
            split[i] = split[i].strip();
        }
        return split;
    }

    /** The first of the headers {@code names} that is present and not blank; null when none is. */
    static String header(java.util.function.Function<String, String> headers, String[] names) {
        for (String name : names) {
            String value = headers.apply(name);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    /** Whether every signed header is present, as far as the headers alone can tell. */
    boolean headersPresent(java.util.function.Function<String, String> headers) {
        for (Part part : parts) {
            if (part.kind() == SignedPart.Kind.HEADER && header(headers, part.names()) == null) {
                return false;
            }
        }
        return true;
    }

    /** The first signed header absent from {@code headers} (its alternatives joined by {@code |}); null when none is. */
    String missingHeader(java.util.function.Function<String, String> headers) {
        for (Part part : parts) {
            if (part.kind() == SignedPart.Kind.HEADER && header(headers, part.names()) == null) {
                return String.join("|", part.names());
            }
        }
        return null;
    }

    /** The signed parts as the declaration writes them ({@code {timestamp}.{body}}), for a diagnosis. */
    String template() {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            if (part.kind() == SignedPart.Kind.LITERAL) {
                out.append(new String(part.literal(), StandardCharsets.UTF_8));
            } else {
                out.append('{').append(part.kind().placeholder());
                if (part.names() != null) {
                    out.append(':').append(String.join("|", part.names()));
                } else if (part.decoded()) {
                    out.append(':').append(SignedPart.DECODED);
                }
                out.append('}');
            }
        }
        return out.toString();
    }

    boolean signsUrl() {
        for (Part part : parts) {
            if (part.kind() == SignedPart.Kind.URL) {
                return true;
            }
        }
        return false;
    }

    /**
     * The segments of this request, {@code url} standing for the URL; null when a signed value is
     * missing (a header, field or parameter the sender would have signed).
     */
    List<byte[]> segments(SignedRequest request, byte[] body, BodyFields fields, String timestamp, String url) {
        if (parts.length == 1 && parts[0].kind() == SignedPart.Kind.BODY) {
            return List.of(body);
        }
        List<byte[]> segments = new ArrayList<>(parts.length);
        for (Part part : parts) {
            byte[] segment =
                    switch (part.kind()) {
                        case LITERAL -> part.literal();
                        case BODY -> body;
                        case METHOD -> utf8(request.method());
                        case URL -> url == null || url.isEmpty()
                                ? null
                                : utf8(part.decoded() ? decodeReserved(url) : url);
                        case PATH -> utf8(request.pathAndQuery());
                        case TIMESTAMP -> utf8(timestamp);
                        case HEADER -> utf8(header(request::header, part.names()));
                        case JSON -> utf8(fields.single(part.path()));
                        case QUERY -> utf8(query(request.pathAndQuery(), part.names()[0]));
                        case FORM -> utf8(fields.form(part.names()[0]));
                        case SORTED_FORM -> utf8(fields.sortedForm());
                    };
            if (segment == null) {
                return null;
            }
            segments.add(segment);
        }
        return segments;
    }

    /** {@code url} with the %-escapes of {@code : / ? @ ! $ ' ( ) * , ;} decoded, as HubSpot signs it. */
    static String decodeReserved(String url) {
        if (url.indexOf('%') < 0) {
            return url;
        }
        StringBuilder out = new StringBuilder(url.length());
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == '%' && i + 2 < url.length()) {
                int high = Character.digit(url.charAt(i + 1), 16);
                int low = Character.digit(url.charAt(i + 2), 16);
                char decoded = high < 0 || low < 0 ? 0 : (char) (high << 4 | low);
                if (decoded != 0 && ":/?@!$'()*,;".indexOf(decoded) >= 0) {
                    out.append(decoded);
                    i += 2;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    private static byte[] utf8(String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    /** The first value of query parameter {@code name} in {@code target}, percent-decoded; null when absent or undecodable. */
    static String query(String target, String name) {
        int question = target == null ? -1 : target.indexOf('?');
        if (question < 0) {
            return null;
        }
        int start = question + 1;
        while (start <= target.length()) {
            int amp = target.indexOf('&', start);
            int end = amp < 0 ? target.length() : amp;
            int eq = target.indexOf('=', start);
            int nameEnd = eq < 0 || eq > end ? end : eq;
            if (target.regionMatches(start, name, 0, name.length()) && nameEnd - start == name.length()) {
                String value = nameEnd == end ? "" : target.substring(nameEnd + 1, end);
                try {
                    return URLDecoder.decode(value, StandardCharsets.UTF_8);
                } catch (IllegalArgumentException undecodable) {
                    return null;
                }
            }
            start = end + 1;
        }
        return null;
    }
}
