package dev.inlet.security;

import java.util.ArrayList;
import java.util.List;

/**
 * The structured values a signature travels in: a list of items split by a separator
 * ({@code t=1,v1=ab,v1=cd}, {@code ts=1;h1=ab}, {@code v1,ab v1,cd}), each item recognised by its
 * prefix. Bounded: at most {@link #MAX_ITEMS} items are looked at, so a header of thousands of
 * separators costs no more than a short one. Never throws.
 */
final class SignatureItems {
    /** Items of one value looked at, at most; the rest are ignored. */
    static final int MAX_ITEMS = 32;

    private SignatureItems() {}

    /**
     * The items of {@code value}, each stripped of surrounding spaces and tabs, empty ones left out;
     * the whole value stripped when {@code separator} is null.
     */
    static List<String> items(String value, String separator) {
        List<String> items = new ArrayList<>(4);
        if (value == null) {
            return items;
        }
        if (separator == null) {
            String item = value.strip();
            if (!item.isEmpty()) {
                items.add(item);
            }
            return items;
        }
        int start = 0;
        while (start <= value.length() && items.size() < MAX_ITEMS) {
            int at = value.indexOf(separator, start);
            int end = at < 0 ? value.length() : at;
            String item = value.substring(start, end).strip();
            if (!item.isEmpty()) {
                items.add(item);
            }
            start = end + separator.length();
        }
        return items;
    }

    /** Whether {@code item} starts with {@code prefix}, ignoring ASCII case. */
    static boolean prefixed(String item, String prefix) {
        return item.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    /**
     * The one item of {@code items} with {@code prefix}, without it; null when there is none or
     * more than one (two timestamps in one header are ambiguous, so neither counts).
     */
    static String single(List<String> items, String prefix) {
        String found = null;
        for (String item : items) {
            if (prefixed(item, prefix)) {
                if (found != null) {
                    return null;
                }
                found = item.substring(prefix.length()).strip();
            }
        }
        return found;
    }
}
