package dev.inlet.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses byte sizes: {@code 1024}, {@code 256KiB}, {@code 1MiB}, {@code 10KB} (1000), {@code 2MB}. */
public final class Sizes {
    private static final Pattern FORM =
            Pattern.compile("(\\d+)\\s*(B|KB|KiB|MB|MiB|GB|GiB)?", Pattern.CASE_INSENSITIVE);

    private Sizes() {}

    public static long parse(String text) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a size (like 262144, 256KiB, 1MiB)");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2).toUpperCase(java.util.Locale.ROOT);
        return switch (unit) {
            case "KB" -> n * 1000;
            case "KIB" -> n * 1024;
            case "MB" -> n * 1000_000;
            case "MIB" -> n * 1024 * 1024;
            case "GB" -> n * 1000_000_000;
            case "GIB" -> n * 1024 * 1024 * 1024;
            default -> n;
        };
    }
}
