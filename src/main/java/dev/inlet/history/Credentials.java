package dev.inlet.history;

import java.util.List;

/**
 * Which request header and query parameter values the history masks: those an endpoint's signature
 * declaration names, and any whose name says it carries a credential or a signature (it contains
 * {@code signature}, {@code hmac}, {@code token}, {@code secret}, {@code password}, {@code auth},
 * {@code api-key}, {@code apikey}, {@code session} or, for query parameters, {@code key} or {@code
 * sig}), ignoring case. Masking too much costs a curious operator a value; too little leaks one.
 * {@code key}, {@code Authorization}, {@code Cookie} and a plain-token header are not masked but left
 * out altogether ({@code StoredHeaders}).
 */
public final class Credentials {
    private static final String[] HEADER_WORDS = {
        "signature", "hmac", "token", "secret", "password", "auth", "api-key", "apikey", "session"
    };
    private static final String[] QUERY_WORDS = {
        "signature", "hmac", "token", "secret", "password", "auth", "key", "sig", "session"
    };

    private Credentials() {}

    /** Whether header {@code name}'s value is masked, for an endpoint whose signature reads {@code declared}. */
    public static boolean maskedHeader(String name, List<String> declared) {
        return declared(name, declared) || namesCredential(name);
    }

    /** Whether {@code declared} (an endpoint's signature names) holds header {@code name}, ignoring case. */
    public static boolean declared(String name, List<String> declared) {
        for (String d : declared) {
            if (d.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** Whether header {@code name} says it carries a credential or a signature, whatever the endpoint. */
    public static boolean namesCredential(String name) {
        return containsAny(name, 0, name.length(), HEADER_WORDS);
    }

    /**
     * {@code query} (as received, without {@code ?}) with the value of every parameter whose name
     * says it is a credential, or that {@code declared} names, replaced by {@code (masked)}; the same
     * string when none is.
     */
    public static String maskQuery(String query, List<String> declared) {
        if (query == null || query.isEmpty()) {
            return "";
        }
        StringBuilder out = null;
        int start = 0;
        while (start <= query.length()) {
            int end = query.indexOf('&', start);
            if (end < 0) {
                end = query.length();
            }
            int eq = query.indexOf('=', start);
            int nameEnd = eq < 0 || eq > end ? end : eq;
            boolean mask = eq >= 0 && eq < end && eq + 1 < end && masked(query, start, nameEnd, declared);
            if (mask && out == null) {
                out = new StringBuilder(query.length()).append(query, 0, start);
            }
            if (out != null) {
                if (mask) {
                    out.append(query, start, eq + 1).append("(masked)");
                } else {
                    out.append(query, start, end);
                }
                if (end < query.length()) {
                    out.append('&');
                }
            }
            start = end + 1;
        }
        return out == null ? query : out.toString();
    }

    private static boolean masked(String query, int from, int to, List<String> declared) {
        for (String d : declared) {
            if (d.length() == to - from && query.regionMatches(true, from, d, 0, d.length())) {
                return true;
            }
        }
        return containsAny(query, from, to, QUERY_WORDS);
    }

    /** Whether {@code text[from, to)} contains one of {@code words} (lower case), ignoring case, without allocating. */
    private static boolean containsAny(String text, int from, int to, String[] words) {
        for (String w : words) {
            for (int i = from; i + w.length() <= to; i++) {
                if (text.regionMatches(true, i, w, 0, w.length())) {
                    return true;
                }
            }
        }
        return false;
    }
}
