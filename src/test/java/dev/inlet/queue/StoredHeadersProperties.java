package dev.inlet.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.variables.JsonText;
import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The stored headers, written straight as UTF-8 bytes, are exactly what the earlier String-built
 * JSON gave (kept below as the oracle, with the cap on names added since): names lower-cased,
 * first value of each name in any case, credentials left out, cut at 16 KiB or 100 names, every
 * char escaped.
 */
class StoredHeadersProperties {
    private static final int MAX_STORED_HEADER_BYTES = 16 * 1024;
    private static final int MAX_STORED_HEADERS = 100;

    /** The implementation these bytes replaced, as it was. */
    private static String oracle(MultiMap headers) {
        StringBuilder out = new StringBuilder(512).append('{');
        List<String> seen = new ArrayList<>(16);
        int size = 0;
        for (Map.Entry<String, String> h : headers) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (StoredHeaders.isSecret(name) || seen.contains(name)) {
                continue;
            }
            seen.add(name);
            size += name.length() + h.getValue().length();
            if (size > MAX_STORED_HEADER_BYTES || seen.size() > MAX_STORED_HEADERS) {
                break;
            }
            if (out.length() > 1) {
                out.append(',');
            }
            out.append('"');
            JsonText.escape(name, out);
            out.append("\":\"");
            JsonText.escape(h.getValue(), out);
            out.append('"');
        }
        return out.append('}').toString();
    }

    @Provide
    Arbitrary<List<Map.Entry<String, String>>> headers() {
        Arbitrary<String> names = Arbitraries.oneOf(
                Arbitraries.of(
                        "Host",
                        "host",
                        "HOST",
                        "Key",
                        "KEY",
                        "key",
                        "Authorization",
                        "authorization",
                        "Cookie",
                        "Proxy-Authorization",
                        "X-Signature",
                        "x-signature",
                        "Content-Type",
                        "content-length",
                        "X-Ünïcode"),
                Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(12),
                Arbitraries.strings()
                        .withCharRange('\u00a0', '\u00ff')
                        .ofMinLength(1)
                        .ofMaxLength(4));
        Arbitrary<String> values = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(30),
                Arbitraries.strings()
                        .withChars('a', '"', '\\')
                        .ofMinLength(3_000)
                        .ofMaxLength(9_000));
        return Combinators.combine(names, values).as(Map::entry).list().ofMaxSize(12);
    }

    /** Many short headers, often repeated in another case: past the scan's handful and past the cap on names. */
    @Provide
    Arbitrary<List<Map.Entry<String, String>>> manyHeaders() {
        Arbitrary<String> names = Arbitraries.oneOf(
                Arbitraries.strings()
                        .withChars('a', 'A', 'b', 'B', '-')
                        .ofMinLength(1)
                        .ofMaxLength(4),
                Arbitraries.of("key", "Key", "Cookie", "X-Ünïcode", "x-ÜNÏCODE"));
        Arbitrary<String> values = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(8);
        return Combinators.combine(names, values)
                .as(Map::entry)
                .list()
                .ofMinSize(1)
                .ofMaxSize(300);
    }

    @Property(tries = 300)
    void manyHeadersGiveTheOldJsonCappedAtTheNames(@ForAll("manyHeaders") List<Map.Entry<String, String>> headers) {
        theBytesAreTheOldJsonInUtf8(headers);
    }

    /**
     * One walk's two forms are the two walks': the stored form as {@code write} gives it, and the
     * masked one as {@code write} with the mask gives it (the same array when nothing was masked),
     * whatever the headers' escapes and wherever they are cut.
     */
    @Property(tries = 1000)
    void bothFormsOfOneWalkAreTheFormsOfTwo(@ForAll("headers") List<Map.Entry<String, String>> headers) {
        MultiMap map = MultiMap.caseInsensitiveMultiMap();
        headers.forEach(h -> map.add(h.getKey(), h.getValue()));
        List<String> withheld = List.of("X-Token");
        java.util.function.Predicate<String> masked =
                name -> name.equalsIgnoreCase("x-signature") || name.startsWith("X-");
        StoredHeaders.Writer writer = new StoredHeaders.Writer();
        StoredHeaders.Forms forms = writer.forms(map, withheld, masked);
        assertThat(forms.stored()).isEqualTo(new StoredHeaders.Writer().write(map, withheld));
        assertThat(forms.masked()).isEqualTo(new StoredHeaders.Writer().write(map, withheld, masked));
        if (java.util.Arrays.equals(forms.stored(), forms.masked())) {
            assertThat(forms.masked()).isSameAs(forms.stored());
        }
    }

    @Property(tries = 1000)
    void theBytesAreTheOldJsonInUtf8(@ForAll("headers") List<Map.Entry<String, String>> headers) {
        MultiMap map = MultiMap.caseInsensitiveMultiMap();
        headers.forEach(h -> map.add(h.getKey(), h.getValue()));
        StoredHeaders.Writer writer = new StoredHeaders.Writer();
        byte[] first = writer.write(map);
        assertThat(new String(first, StandardCharsets.UTF_8)).isEqualTo(oracle(map));
        // The reused buffer leaves nothing of one request in the next.
        assertThat(writer.write(MultiMap.caseInsensitiveMultiMap().add("A", "b")))
                .isEqualTo("{\"a\":\"b\"}".getBytes(StandardCharsets.UTF_8));
    }
}
