package dev.inlet.actions;

/**
 * Substring search in time linear in both texts, for conditions over payload values:
 * {@link String#indexOf(String)} compares up to {@code text.length() * pattern.length()}
 * characters (a text of a's searched for a's ending in b), which is seconds over two 128 KiB values.
 */
final class TextSearch {

    /** Up to this length the JDK's search, at most this many comparisons per character, is faster. */
    private static final int SHORT_PATTERN = 16;

    private TextSearch() {}

    /** Where {@code pattern} first occurs in {@code text}, in UTF-16 units as String's; -1 when nowhere. */
    static int indexOf(String text, String pattern) {
        int m = pattern.length();
        if (m <= SHORT_PATTERN || m > text.length()) {
            return text.indexOf(pattern);
        }
        // Knuth-Morris-Pratt: border[i] is the length of the longest proper border of pattern[0..i].
        int[] border = new int[m];
        for (int i = 1, k = 0; i < m; i++) {
            while (k > 0 && pattern.charAt(i) != pattern.charAt(k)) {
                k = border[k - 1];
            }
            if (pattern.charAt(i) == pattern.charAt(k)) {
                k++;
            }
            border[i] = k;
        }
        for (int i = 0, k = 0; i < text.length(); i++) {
            while (k > 0 && text.charAt(i) != pattern.charAt(k)) {
                k = border[k - 1];
            }
            if (text.charAt(i) == pattern.charAt(k)) {
                k++;
            }
            if (k == m) {
                return i - m + 1;
            }
        }
        return -1;
    }

    static boolean contains(String text, String pattern) {
        return indexOf(text, pattern) >= 0;
    }
}
