package dev.inlet.support;

/**
 * The bodies of the attacker's review (issue 14, README "Hostile input"), at a chosen size: those
 * that used to run Inlet's workers out of memory while flattening, and those that made a condition
 * or a template cost or do what the config never meant.
 */
public final class HostileBodies {
    private HostileBodies() {}

    /** Eight nested keys of {@code keyLength} characters around {@code [0,0,…]}, {@code bytes} long at most. */
    public static String nestedKeys(int keyLength, int bytes) {
        StringBuilder open = new StringBuilder();
        StringBuilder close = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            open.append("{\"")
                    .append(String.valueOf((char) ('a' + i)).repeat(keyLength))
                    .append("\":");
            close.append('}');
        }
        open.append('[');
        close.insert(0, ']');
        return open + zeros(bytes - open.length() - close.length()) + close;
    }

    /** {@code [0,0,…,0]} in at most {@code bytes}. */
    public static String zerosArray(int bytes) {
        return "[" + zeros(bytes - 2) + "]";
    }

    /** Four nested 4,000-character element names around as many {@code <x/>} as fit in {@code bytes}. */
    public static String xmlUnderLongNames(int bytes) {
        StringBuilder open = new StringBuilder();
        StringBuilder close = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            String name = String.valueOf((char) ('a' + i)).repeat(4000);
            open.append('<').append(name).append('>');
            close.insert(0, "</" + name + ">");
        }
        int leaves = (bytes - open.length() - close.length()) / 4;
        return open + "<x/>".repeat(leaves) + close;
    }

    /**
     * {@code depth} nested elements with {@code nameLength}-character names, each with text: every
     * level is a {@code ….#text} variable whose name is the whole path to it.
     */
    public static String deepXmlWithText(int depth, int nameLength) {
        StringBuilder open = new StringBuilder();
        StringBuilder close = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            String prefix = "e" + i + "_";
            String name = prefix + "n".repeat(Math.max(1, nameLength - prefix.length()));
            open.append('<').append(name).append(">x");
            close.insert(0, "</" + name + ">");
        }
        return open.append(close).toString();
    }

    /**
     * About {@code bytes} of {@code <item sku="…"/>} (four fifths) and {@code <blocked sku="…"/>},
     * no sku in both: the rule {@code count(//item[@sku = //blocked/@sku]) > 0} compares every item
     * with every blocked sku.
     */
    public static String itemsAndBlocked(int bytes) {
        StringBuilder b = new StringBuilder("<doc>");
        for (int i = 0; b.length() < bytes * 4 / 5; i++) {
            b.append("<item sku=\"s").append(i).append("\"/>");
        }
        for (int i = 0; b.length() < bytes - 6; i++) {
            b.append("<blocked sku=\"b").append(i).append("\"/>");
        }
        return b.append("</doc>").toString();
    }

    /**
     * {@code $data.a contains $data.b} at its worst for a naive search, about {@code bytes} long:
     * {@code a} is all {@code a}, {@code b} half as many {@code a} and then one {@code b}.
     */
    public static String worstContains(int bytes) {
        int half = bytes / 2 - 32;
        return "{\"data\":{\"id\":\"contains\",\"a\":\"" + "a".repeat(half) + "\",\"b\":\"" + "a".repeat(half / 2)
                + "b\"}}";
    }

    /** {@code count} distinct header lines with three-character names and no value: 2,200 fit in 16 KiB. */
    public static String headerLines(int count) {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < count; i++) {
            // 36² is "100" in base 36: every name up to 46,655 has three characters.
            lines.append(Integer.toString(36 * 36 + i, 36)).append(":\r\n");
        }
        return lines.toString();
    }

    /** {@code 0,0,…,0} in at most {@code bytes} (at least one zero). */
    private static String zeros(int bytes) {
        return "0,".repeat(Math.max(1, (bytes + 1) / 2) - 1) + "0";
    }
}
