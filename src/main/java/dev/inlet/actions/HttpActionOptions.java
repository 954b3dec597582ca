package dev.inlet.actions;

import dev.inlet.variables.Template;
import dev.inlet.variables.TemplateSyntax;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code http} action's options, checked once at start-up, and the rules a rendered request must
 * meet, which the action applies again to each event: what syntax each templated option is parsed
 * in, whether a url can make an http(s) URL with a host (variables only in its path, query or
 * fragment), which headers may hold a variable and what a header value may carry, and how a url
 * template is named in errors (without user info, query and fragment).
 */
final class HttpActionOptions {
    private static final Set<String> KEYS = Set.of("url", "method", "headers", "body", "timeout");
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
    /** Headers that decide where a request goes, how it is framed or how its body is read: never a payload's. */
    private static final Set<String> FIXED_HEADERS =
            Set.of("host", "content-type", "content-length", "transfer-encoding", "connection");
    /** What each reference renders when a template is checked at start-up. */
    private static final String SAMPLE = "x";

    private HttpActionOptions() {}

    static List<String> check(Map<String, Object> options) {
        Options o = new Options(HttpAction.NAME, options);
        o.onlyKeys(KEYS);
        String url = o.requiredText("url");
        if (url != null) {
            checkUrl(url, o.problems());
        }
        String method = o.text("method");
        if (method != null && !METHODS.contains(method.toUpperCase(Locale.ROOT))) {
            o.problems().add("method: \"" + method + "\" is not one of " + String.join(", ", new TreeSet<>(METHODS)));
        }
        o.textMap("headers");
        checkHeaders(options, o.problems());
        Object body = options.get("body");
        if (body instanceof Map || body instanceof List) {
            o.problems().add("body: must be a text (a template); quote a JSON body: body: '{\"id\": \"$data.id\"}'");
        } else if (body != null) {
            Template.parse(body.toString(), bodySyntax(options)).problems().forEach(p -> o.problems()
                    .add("body: " + p));
        }
        o.positiveDuration("timeout");
        return o.problems();
    }

    /** The url must make an http(s) URL with a host whatever the values, which can only go in its path, query or fragment. */
    static void checkUrl(String url, List<String> problems) {
        Template template = Template.parse(url, TemplateSyntax.URL);
        template.problems().forEach(p -> problems.add("url: " + p));
        if (template.problems().isEmpty()) {
            String why = urlProblem(template.renderSample(SAMPLE));
            if (why != null) {
                problems.add("url: \"" + redacted(url) + "\" " + why);
            }
        }
    }

    static void checkHeaders(Map<String, Object> options, List<String> problems) {
        if (!(options.get("headers") instanceof Map<?, ?> headers)) {
            return;
        }
        headers.forEach((k, v) -> {
            String name = String.valueOf(k);
            if (!isToken(name)) {
                problems.add("headers." + name + ": is not a header name (letters, digits and !#$%&'*+-.^_`|~)");
            }
            if (v == null || v instanceof Map || v instanceof List) {
                return;
            }
            Template value = Template.parse(v.toString());
            if (value.hasReferences() && FIXED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                problems.add(
                        "headers." + name
                                + ": must not hold a variable; a payload must not decide where a request goes or how it is read");
            }
            if (!isHeaderValue(value.renderSample(SAMPLE))) {
                problems.add("headers." + name + ": holds a control character or a character above U+00FF");
            }
        });
    }

    /** How each templated option is parsed: the url as a URL, the body as its Content-Type or first character says. */
    static Map<String, TemplateSyntax> templateSyntaxes(Map<String, Object> options) {
        return Map.of("url", TemplateSyntax.URL, "body", bodySyntax(options));
    }

    /**
     * The syntax of the body template: from the configured Content-Type (JSON when it names json,
     * XML when it names xml, FORM for {@code application/x-www-form-urlencoded}, else plain text);
     * without one, JSON when the template starts with {@code {} or {@code [}, XML with {@code <},
     * else plain text.
     */
    static TemplateSyntax bodySyntax(Map<String, Object> options) {
        String contentType = configuredContentType(options);
        if (contentType != null) {
            String type = contentType.toLowerCase(Locale.ROOT);
            int semicolon = type.indexOf(';');
            String media = (semicolon >= 0 ? type.substring(0, semicolon) : type).trim();
            return type.contains("json")
                    ? TemplateSyntax.JSON
                    : type.contains("xml")
                            ? TemplateSyntax.XML
                            : media.equals("application/x-www-form-urlencoded")
                                    ? TemplateSyntax.FORM
                                    : TemplateSyntax.TEXT;
        }
        Object body = options.get("body");
        String t = body == null ? "" : body.toString().strip();
        return t.startsWith("{") || t.startsWith("[")
                ? TemplateSyntax.JSON
                : t.startsWith("<") ? TemplateSyntax.XML : TemplateSyntax.TEXT;
    }

    static String configuredContentType(Map<String, Object> options) {
        if (options.get("headers") instanceof Map<?, ?> headers) {
            for (Map.Entry<?, ?> h : headers.entrySet()) {
                if ("content-type".equalsIgnoreCase(String.valueOf(h.getKey())) && h.getValue() != null) {
                    return h.getValue().toString();
                }
            }
        }
        return null;
    }

    /**
     * Why a URL cannot be requested; null when it can: it must parse as a URI, be http or https with
     * a host, and have no path segment that is {@code .} or {@code ..} (also percent-encoded).
     */
    static String urlProblem(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "is not a URL (" + e.getReason() + ")";
        }
        String scheme = uri.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || !hasHost(uri)) {
            return "is not an http:// or https:// URL with a host";
        }
        String path = uri.getRawPath();
        if (path != null) {
            for (String segment : path.split("/", -1)) {
                String s = segment.replace("%2e", ".").replace("%2E", ".");
                if (s.equals(".") || s.equals("..")) {
                    return "has a path segment . or ..";
                }
            }
        }
        return null;
    }

    /** A host java.net.URI parses, or a name such as {@code orders_api} it leaves to a registry-based authority. */
    static boolean hasHost(URI uri) {
        if (uri.getHost() != null) {
            return true;
        }
        String authority = uri.getRawAuthority();
        if (authority == null) {
            return false;
        }
        String host = authority.substring(authority.lastIndexOf('@') + 1);
        int colon = host.lastIndexOf(':');
        String port = colon >= 0 ? host.substring(colon + 1) : "";
        host = colon >= 0 ? host.substring(0, colon) : host;
        return !host.isEmpty()
                && host.chars()
                        .allMatch(c -> c < 0x80 && (Character.isLetterOrDigit(c) || c == '-' || c == '.' || c == '_'))
                && port.chars().allMatch(Character::isDigit);
    }

    /** Whether a header can carry a value: no control character but HTAB, no DEL, nothing above U+00FF. */
    static boolean isHeaderValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7F || c > 0xFF) {
                return false;
            }
        }
        return true;
    }

    /** An RFC 9110 token, as a header name must be. */
    static boolean isToken(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c < 0x80 && Character.isLetterOrDigit(c)) && "!#$%&'*+-.^_`|~".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * A url template without user info, query and fragment, which may hold secrets, for errors and
     * logs: {@code http://orders.internal:9000/hooks/$data.id}. A reference's name run may hold
     * {@code #}, which does not start a fragment.
     */
    static String redacted(String template) {
        int scheme = template.indexOf("://");
        if (scheme < 0) {
            return "(not a url)";
        }
        int i = scheme + 3;
        int authorityEnd = i;
        while (authorityEnd < template.length() && "/?#".indexOf(template.charAt(authorityEnd)) < 0) {
            authorityEnd++;
        }
        String authority = template.substring(i, authorityEnd);
        StringBuilder out = new StringBuilder(template.length())
                .append(template, 0, i)
                .append(authority.substring(authority.lastIndexOf('@') + 1));
        i = authorityEnd;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '?' || c == '#') {
                break;
            }
            int end = i + 1;
            if (c == '$') {
                if (end < template.length() && template.charAt(end) == '$') {
                    end++;
                } else {
                    while (end < template.length() && Template.isNameChar(template.charAt(end))) {
                        end++;
                    }
                }
            }
            out.append(template, i, end);
            i = end;
        }
        return out.toString();
    }
}
