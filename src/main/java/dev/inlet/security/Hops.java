package dev.inlet.security;

import dev.inlet.config.IpLiterals;
import inet.ipaddr.IPAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Parsing of forwarding headers into hop nodes, left (client) to right (nearest proxy). A hop
 * that cannot be used (malformed, {@code unknown}, obfuscated, missing) is kept as {@code null}
 * so that the right-to-left walk stops there.
 */
final class Hops {
    private Hops() {}

    static boolean hasValue(List<String> values) {
        if (values == null) {
            return false;
        }
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return true;
            }
        }
        return false;
    }

    /** The comma-separated entries of every value; empty entries are skipped as list syntax allows. */
    static List<String> xForwardedFor(List<String> values) {
        List<String> hops = new ArrayList<>();
        for (String value : values) {
            if (value == null) {
                continue;
            }
            int start = 0;
            while (start <= value.length()) {
                int comma = value.indexOf(',', start);
                int end = comma < 0 ? value.length() : comma;
                String entry = value.substring(start, end).strip();
                if (!entry.isEmpty()) {
                    hops.add(entry);
                }
                start = end + 1;
            }
        }
        return hops;
    }

    /** The {@code for=} node of every RFC 7239 element; null for an element without a usable one. */
    static List<String> forwardedFor(List<String> values) {
        List<String> hops = new ArrayList<>();
        for (Element element : forwarded(values)) {
            hops.add(element == null ? null : element.forNode());
        }
        return hops;
    }

    /** One RFC 7239 element: its {@code for}, {@code proto} and {@code host}, each null when absent. */
    record Element(String forNode, String proto, String host) {}

    /** Every RFC 7239 element of every value, left to right; null for an element that does not parse. */
    static List<Element> forwarded(List<String> values) {
        List<Element> elements = new ArrayList<>();
        if (values == null) {
            return elements;
        }
        for (String value : values) {
            if (value != null) {
                new ForwardedParser(value, elements).parse();
            }
        }
        return elements;
    }

    /**
     * The address of a node: a bare IPv4 or IPv6 literal, {@code IPv4:port}, {@code [IPv6]} or
     * {@code [IPv6]:port}; null for anything else, including {@code unknown} and {@code _hidden}.
     */
    static IPAddress node(String node) {
        if (node == null || node.isEmpty() || node.length() > 80) {
            return null;
        }
        String host = node;
        if (node.charAt(0) == '[') {
            int close = node.indexOf(']');
            if (close < 0 || !isPortSuffix(node, close + 1)) {
                return null;
            }
            host = node.substring(1, close);
            IPAddress address = IpLiterals.address(host);
            return address != null && host.indexOf(':') >= 0 ? address : null;
        }
        int colon = node.indexOf(':');
        if (colon >= 0 && colon == node.lastIndexOf(':')) {
            if (!isPortSuffix(node, colon)) {
                return null;
            }
            host = node.substring(0, colon);
        }
        return IpLiterals.address(host);
    }

    /** Whether {@code text} from {@code index} is empty or {@code :} followed by 1 to 5 digits. */
    private static boolean isPortSuffix(String text, int index) {
        int length = text.length() - index;
        if (length == 0) {
            return true;
        }
        if (length < 2 || length > 6 || text.charAt(index) != ':') {
            return false;
        }
        for (int i = index + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** A single-pass reader of one {@code Forwarded} value: elements by commas, pairs by semicolons. */
    private static final class ForwardedParser {
        private final String text;
        private final List<Element> hops;
        private int pos;

        ForwardedParser(String text, List<Element> hops) {
            this.text = text;
            this.hops = hops;
        }

        void parse() {
            String forNode = null;
            String proto = null;
            String host = null;
            boolean sawFor = false;
            boolean empty = true;
            while (true) {
                skipSpace();
                if (pos >= text.length() || text.charAt(pos) == ',') {
                    if (!empty) {
                        hops.add(new Element(forNode, proto, host));
                    }
                    if (pos >= text.length()) {
                        return;
                    }
                    pos++;
                    forNode = null;
                    proto = null;
                    host = null;
                    sawFor = false;
                    empty = true;
                    continue;
                }
                String name = token();
                skipSpace();
                if (name.isEmpty() || pos >= text.length() || text.charAt(pos) != '=') {
                    hops.add(null);
                    return;
                }
                pos++;
                skipSpace();
                String value = pos < text.length() && text.charAt(pos) == '"' ? quoted() : token();
                // a repeated for= in one element is ambiguous: the element is unusable
                if (value == null || name.equalsIgnoreCase("for") && sawFor) {
                    hops.add(null);
                    return;
                }
                if (name.equalsIgnoreCase("for")) {
                    sawFor = true;
                    forNode = value;
                } else if (name.equalsIgnoreCase("proto")) {
                    proto = value;
                } else if (name.equalsIgnoreCase("host")) {
                    host = value;
                }
                empty = false;
                skipSpace();
                if (pos < text.length() && text.charAt(pos) == ';') {
                    pos++;
                } else if (pos < text.length() && text.charAt(pos) != ',') {
                    hops.add(null);
                    return;
                }
            }
        }

        private void skipSpace() {
            while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
                pos++;
            }
        }

        private String token() {
            int start = pos;
            while (pos < text.length() && isTokenChar(text.charAt(pos))) {
                pos++;
            }
            return text.substring(start, pos);
        }

        /** The content of a quoted string, escapes resolved; null when it is not terminated. */
        private String quoted() {
            StringBuilder out = new StringBuilder();
            pos++;
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (c == '"') {
                    return out.toString();
                }
                if (c == '\\') {
                    if (pos >= text.length()) {
                        return null;
                    }
                    c = text.charAt(pos++);
                }
                out.append(c);
            }
            return null;
        }

        /** RFC 7230 tchar, plus the {@code [ ] :} that proxies leave unquoted in node values. */
        private static boolean isTokenChar(char c) {
            return c > ' ' && c < 127 && "\"(),/;<=>?@{}\\".indexOf(c) < 0;
        }
    }
}
