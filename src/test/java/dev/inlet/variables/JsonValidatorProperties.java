package dev.inlet.variables;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Differential: {@link JsonValidator} gives the verdict of the Jackson walk it replaced
 * ({@link JacksonJsonWalk}) on generated documents, on those documents with random byte edits,
 * with random token edits (which reach structural mistakes such as a trailing comma far more
 * often), and on noise; and a body it accepts is one the worker's flattener reads.
 *
 * <p>One difference is meant and excluded narrowly: with a NUL among the first two bytes, Jackson
 * guesses UTF-16 or UTF-32 and may accept the body; the validator reads UTF-8 only and refuses
 * it. Strings near {@link Parsers#MAX_STRING_LENGTH} (4 Mi chars) are too big to generate here;
 * {@code JsonValidatorTest} pins that limit at its boundary.
 */
class JsonValidatorProperties {

    private static final byte[] BOM = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};

    /** Bytes where a byte edit is most likely to matter. */
    private static final byte[] ANCHORS = bytesOf("\\\"-0123456789.eE:,[]{}tnu ");

    private static final byte[] STRUCTURAL = bytesOf("{}[],:\"\\");

    /** Bytes that steer a byte edit or noise towards the grammar's corners. */
    private static final byte[] INTERESTING = bytesOf(
            "{}[]\":,\\/ \t\n\r0123456789-+.eEubfnrtalsx'",
            0x00,
            0x01,
            0x1f,
            0x7f,
            0x80,
            0xa0,
            0xbb,
            0xbf,
            0xc0,
            0xc2,
            0xc3,
            0xdf,
            0xe0,
            0xe2,
            0xed,
            0xef,
            0xf0,
            0xf4,
            0xf5,
            0xff);

    /** Tokens, whole and broken, that token edits put in and noise strings together. */
    private static final String[] TOKENS = {
        "{", "}", "[", "]", ",", ":", "\"k\"", "\"", "\"a", "b\"", "0", "1", "-1", "-", "01", "00", "1.", ".5", "1e5",
        "1e", "E", "+", "true", "tru", "false", "null", "nul", "NaN", "'k'", " ", "\n", "\r\n", "\t", "\\", "\\u",
        "\\u00e9", "\\uD800", "\\x", "\\n", "\\\"", "é", "😀", "\ufeff", "\u0000", "\u001f", "\u007f",
    };

    private static final String[] SEPARATORS = {"{", "}", "[", "]", ",", ":"};

    /** Broken UTF-8 for noise: a stray byte, a cut sequence, an encoded surrogate, a BOM. */
    private static final byte[][] BROKEN = {
        bytesOf("", 0xff), bytesOf("", 0xe2, 0x82), bytesOf("", 0xed, 0xa0, 0x80), BOM,
    };

    @Property(tries = 1500)
    void generatedDocuments(@ForAll("documents") byte[] body) {
        boolean valid = sameVerdict(body);
        // Most documents are valid; the rest cross a limit on purpose.
        Statistics.label("valid").collect(valid);
        Statistics.label("valid").coverage(c -> c.check(true).percentage(p -> p > 50));
    }

    @Property(tries = 2500)
    void byteEdits(@ForAll("byteEdited") byte[] body) {
        Statistics.label("valid").collect(sameVerdict(body));
        Statistics.label("valid").coverage(c -> c.check(true).percentage(p -> p > 2));
    }

    @Property(tries = 2500)
    void tokenEdits(@ForAll("tokenEdited") byte[] body) {
        Statistics.label("valid").collect(sameVerdict(body));
        Statistics.label("valid").coverage(c -> c.check(true).percentage(p -> p > 2));
    }

    @Property(tries = 2500)
    void noise(@ForAll("noise") byte[] body) {
        sameVerdict(body);
    }

    /**
     * Every interesting byte (and an escape, a 2-, 3- and 4-byte sequence) at every offset of a long
     * name and a long value gives Jackson's verdict: what a scan of strings by 8-byte words (tried,
     * README "Tried and left out") must keep, each byte landing in every lane of a word and in the
     * bytes after the last whole word.
     */
    @Example
    void everyByteAtEveryOffsetOfALongString() {
        List<byte[]> inserts = new ArrayList<>();
        for (byte b : INTERESTING) {
            inserts.add(new byte[] {b});
        }
        for (String s : new String[] {"\\n", "\\u00e9", "é", "€", "😀", "\\"}) {
            inserts.add(s.getBytes(UTF_8));
        }
        int valid = 0;
        for (int length = 15; length <= 18; length++) {
            for (int at = 0; at <= length; at++) {
                for (byte[] insert : inserts) {
                    byte[] run = new byte[length + insert.length];
                    Arrays.fill(run, (byte) 'a');
                    System.arraycopy(insert, 0, run, at, insert.length);
                    String text = new String(run, StandardCharsets.ISO_8859_1);
                    for (String shape : new String[] {"{\"%s\":1}", "[\"%s\"]", "\"%s\""}) {
                        byte[] body = String.format(shape, text).getBytes(StandardCharsets.ISO_8859_1);
                        valid += sameVerdict(body) ? 1 : 0;
                    }
                }
            }
        }
        assertThat(valid).isPositive();
    }

    /** Asserts the verdicts agree and returns whether the body is valid. */
    private static boolean sameVerdict(byte[] body) {
        Optional<String> now = PayloadSyntax.checkJson(body);
        Optional<String> before = JacksonJsonWalk.checkJson(body);
        if (body.length >= 2 && (body[0] == 0 || body[1] == 0)) {
            assertThat(now).as(() -> "UTF-16/32 guess, refused: " + shown(body)).isPresent();
            return false;
        }
        assertThat(now.isEmpty())
                .as(() -> shown(body) + ": now " + now + ", Jackson walk " + before)
                .isEqualTo(before.isEmpty());
        if (now.isEmpty()) {
            assertThatCode(() -> JsonFlattener.flatten(body))
                    .as(() -> shown(body))
                    .doesNotThrowAnyException();
        } else {
            assertThat(now.get()).as(() -> shown(body)).isNotBlank().hasSizeLessThan(120);
        }
        return now.isEmpty();
    }

    @Provide
    Arbitrary<byte[]> documents() {
        return documentTokens().map(JsonValidatorProperties::utf8);
    }

    @Provide
    Arbitrary<byte[]> byteEdited() {
        Arbitrary<Integer> anchor = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(-1)),
                Tuple.of(1, Arbitraries.of(boxed(ANCHORS)).map(b -> (int) b)));
        Arbitrary<ByteEdit> edit = Combinators.combine(
                        Arbitraries.of(Edit.class), Arbitraries.doubles().between(0, 1), anyByte(), anchor, shift())
                .as(ByteEdit::new);
        return Combinators.combine(documents(), edit.list().ofMinSize(1).ofMaxSize(3))
                .as((document, edits) -> {
                    byte[] body = document;
                    for (ByteEdit e : edits) {
                        body = e.apply(body);
                    }
                    return body;
                });
    }

    @Provide
    Arbitrary<byte[]> tokenEdited() {
        Arbitrary<String> token =
                Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.of(TOKENS)), Tuple.of(2, Arbitraries.of(SEPARATORS)));
        Arbitrary<String> anchor =
                Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just("")), Tuple.of(3, Arbitraries.of(SEPARATORS)));
        Arbitrary<TokenEdit> edit = Combinators.combine(
                        Arbitraries.of(Edit.class), Arbitraries.doubles().between(0, 1), token, anchor, shift())
                .as(TokenEdit::new);
        return Combinators.combine(documentTokens(), edit.list().ofMinSize(1).ofMaxSize(2))
                .as((document, edits) -> {
                    List<String> tokens = new ArrayList<>(document);
                    edits.forEach(e -> e.apply(tokens));
                    return utf8(tokens);
                });
    }

    @Provide
    Arbitrary<byte[]> noise() {
        Arbitrary<byte[]> bytes = anyByte().list().ofMaxSize(24).map(JsonValidatorProperties::toArray);
        Arbitrary<byte[]> piece = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of(TOKENS).map(t -> t.getBytes(UTF_8))), Tuple.of(1, Arbitraries.of(BROKEN)));
        Arbitrary<byte[]> pieces = piece.list().ofMinSize(1).ofMaxSize(10).map(JsonValidatorProperties::concat);
        return Arbitraries.oneOf(bytes, pieces);
    }

    private Arbitrary<Integer> shift() {
        return Arbitraries.integers().between(0, 1);
    }

    private Arbitrary<Byte> anyByte() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.of(boxed(STRUCTURAL))),
                Tuple.of(3, Arbitraries.of(boxed(INTERESTING))),
                Tuple.of(1, Arbitraries.bytes()));
    }

    private enum Edit {
        INSERT,
        DELETE,
        REPLACE,
        TRUNCATE
    }

    /**
     * One byte edit at a position drawn uniformly, or at (shift 0) or just after (shift 1) one of
     * the anchor bytes in the body, so edits land on escapes, numbers and separators more often.
     */
    private record ByteEdit(Edit edit, double where, byte value, int anchor, int shift) {

        byte[] apply(byte[] body) {
            int at = Math.min(position(body), body.length);
            ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 1);
            out.write(body, 0, at);
            switch (edit) {
                case INSERT -> {
                    out.write(value);
                    out.write(body, at, body.length - at);
                }
                case DELETE, REPLACE -> {
                    if (at < body.length) {
                        if (edit == Edit.REPLACE) {
                            out.write(value);
                        }
                        out.write(body, at + 1, body.length - at - 1);
                    }
                }
                case TRUNCATE -> {}
            }
            return out.toByteArray();
        }

        private int position(byte[] body) {
            int uniform = (int) (where * body.length);
            if (anchor < 0) {
                return uniform;
            }
            int count = 0;
            for (byte b : body) {
                count += b == (byte) anchor ? 1 : 0;
            }
            int wanted = (int) (where * count);
            for (int i = 0; i < body.length; i++) {
                if (body[i] == (byte) anchor && wanted-- == 0) {
                    return i + shift;
                }
            }
            return uniform;
        }
    }

    /**
     * One token edit at a position drawn uniformly, or at (shift 0) or just after (shift 1) one
     * of the anchor separators; a truncation cuts the document there.
     */
    private record TokenEdit(Edit edit, double where, String token, String anchor, int shift) {

        void apply(List<String> tokens) {
            int at = Math.min(position(tokens), tokens.size());
            switch (edit) {
                case INSERT -> tokens.add(at, token);
                case DELETE -> {
                    if (at < tokens.size()) {
                        tokens.remove(at);
                    }
                }
                case REPLACE -> {
                    if (at < tokens.size()) {
                        tokens.set(at, token);
                    }
                }
                case TRUNCATE -> tokens.subList(at, tokens.size()).clear();
            }
        }

        private int position(List<String> tokens) {
            int uniform = (int) (where * tokens.size());
            int count = (int) tokens.stream().filter(anchor::equals).count();
            if (anchor.isEmpty() || count == 0) {
                return uniform;
            }
            int wanted = (int) (where * count);
            for (int i = 0; i < tokens.size(); i++) {
                if (tokens.get(i).equals(anchor) && wanted-- == 0) {
                    return i + shift;
                }
            }
            return uniform;
        }
    }

    /** A document as tokens: an optional BOM, whitespace, one value, whitespace. */
    private Arbitrary<List<String>> documentTokens() {
        // Mostly containers, so that edits meet separators; any value may stand at the top.
        Arbitrary<List<String>> document = Arbitraries.frequencyOf(
                Tuple.of(3, value(4)),
                Tuple.of(5, Arbitraries.lazy(() -> array(3))),
                Tuple.of(5, Arbitraries.lazy(() -> object(3))),
                Tuple.of(1, deep()),
                Tuple.of(1, longName()));
        Arbitrary<String> bom = Arbitraries.of("\ufeff", "", "", "", "");
        return Combinators.combine(bom, whitespace(), document, whitespace()).as(JsonValidatorProperties::tokens);
    }

    private Arbitrary<List<String>> value(int depth) {
        if (depth == 0) {
            return scalar();
        }
        return Arbitraries.frequencyOf(
                Tuple.of(2, scalar()),
                Tuple.of(1, Arbitraries.lazy(() -> array(depth - 1))),
                Tuple.of(1, Arbitraries.lazy(() -> object(depth - 1))));
    }

    private Arbitrary<List<String>> array(int depth) {
        Arbitrary<List<String>> element =
                Combinators.combine(whitespace(), value(depth), whitespace()).as(JsonValidatorProperties::tokens);
        return Combinators.combine(element.list().ofMaxSize(4), whitespace())
                .as((elements, empty) -> container("[", elements, empty, "]"));
    }

    private Arbitrary<List<String>> object(int depth) {
        Arbitrary<List<String>> member = Combinators.combine(
                        whitespace(), string(6), whitespace(), whitespace(), value(depth), whitespace())
                .as((a, name, b, c, value, d) -> tokens(a, name, b, ":", c, value, d));
        return Combinators.combine(member.list().ofMaxSize(4), whitespace())
                .as((members, empty) -> container("{", members, empty, "}"));
    }

    private static List<String> container(String open, List<List<String>> items, String empty, String close) {
        List<String> out = new ArrayList<>(tokens(open, items.isEmpty() ? empty : ""));
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.add(",");
            }
            out.addAll(items.get(i));
        }
        out.add(close);
        return out;
    }

    private Arbitrary<List<String>> scalar() {
        return Arbitraries.frequencyOf(
                        Tuple.of(3, string(8)),
                        Tuple.of(3, number()),
                        Tuple.of(1, Arbitraries.of("true", "false", "null")))
                .map(List::of);
    }

    /** A string of up to max pieces: plain ASCII, escapes of every kind, 2- to 4-byte UTF-8. */
    private Arbitrary<String> string(int max) {
        Arbitrary<String> piece = Arbitraries.frequencyOf(
                Tuple.of(
                        6,
                        Arbitraries.chars()
                                .range(' ', '~')
                                .filter(c -> c != '"' && c != '\\')
                                .map(String::valueOf)),
                Tuple.of(2, Arbitraries.of("\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t")),
                Tuple.of(2, unicodeEscape()),
                Tuple.of(
                        2,
                        Arbitraries.of(
                                "é",
                                "ß",
                                "\u07ff",
                                "€",
                                "\ufeff",
                                "\ue000",
                                "\uffff",
                                "😀",
                                "\ud800\udc00",
                                "\udbff\udfff",
                                "\u007f")));
        return piece.list().ofMaxSize(max).map(pieces -> "\"" + String.join("", pieces) + "\"");
    }

    private Arbitrary<String> unicodeEscape() {
        Arbitrary<Integer> code = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(0, 0xffff)),
                Tuple.of(1, Arbitraries.integers().between(0, 0x1f)),
                // Surrogates: lone, or a high one that a following escape may pair.
                Tuple.of(2, Arbitraries.integers().between(0xd800, 0xdfff)));
        return Combinators.combine(code, Arbitraries.of(true, false)).as((c, upper) -> {
            String hex = String.format("%04x", c);
            return "\\u" + (upper ? hex.toUpperCase() : hex);
        });
    }

    /** Numbers of every shape, now and then with a digit count around the limit of 100. */
    private Arbitrary<String> number() {
        Arbitrary<String> exponent = Combinators.combine(
                        Arbitraries.of("e", "E"), Arbitraries.of("", "+", "-"), digits(false))
                .as((e, sign, d) -> e + sign + d);
        Arbitrary<String> shaped = Combinators.combine(
                        Arbitraries.of("", "-"),
                        digits(true),
                        Arbitraries.oneOf(Arbitraries.just(""), digits(false).map(d -> "." + d)),
                        Arbitraries.oneOf(Arbitraries.just(""), exponent))
                .as((sign, integer, fraction, e) -> sign + integer + fraction + e);
        return Arbitraries.frequencyOf(Tuple.of(6, shaped), Tuple.of(1, longNumber()));
    }

    private Arbitrary<String> digits(boolean integerPart) {
        Arbitrary<Integer> sizes = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between(1, 3)),
                Tuple.of(1, Arbitraries.integers().between(4, 25)));
        return sizes.flatMap(size -> Arbitraries.strings().numeric().ofLength(size))
                // An integer part is 0 alone or has no leading zero.
                .map(d -> integerPart && d.length() > 1 && d.charAt(0) == '0' ? "1" + d.substring(1) : d);
    }

    /** 98 to 102 digits, split between integer, fraction and exponent. */
    private Arbitrary<String> longNumber() {
        return Arbitraries.integers().between(98, 102).flatMap(total -> Combinators.combine(
                        Arbitraries.of("", "-"),
                        Arbitraries.integers().between(1, total),
                        Arbitraries.integers().between(0, total),
                        Arbitraries.of("e", "E-", "e+"))
                .as((sign, integer, fraction, e) -> {
                    int fractionDigits = Math.min(fraction, total - integer);
                    int exponentDigits = total - integer - fractionDigits;
                    return sign
                            + "7".repeat(integer)
                            + (fractionDigits > 0 ? "." + "0".repeat(fractionDigits) : "")
                            + (exponentDigits > 0 ? e + "5".repeat(exponentDigits) : "");
                }));
    }

    /** Containers nested around the limit of 256, arrays and objects mixed. */
    private Arbitrary<List<String>> deep() {
        Arbitrary<List<Boolean>> levels =
                Arbitraries.of(true, false).list().ofMinSize(253).ofMaxSize(259);
        return Combinators.combine(levels, scalar()).as((objects, inner) -> {
            List<String> out = new ArrayList<>();
            for (boolean object : objects) {
                out.addAll(object ? List.of("{", "\"k\"", ":") : List.of("["));
            }
            out.addAll(inner);
            for (int i = objects.size() - 1; i >= 0; i--) {
                out.add(objects.get(i) ? "}" : "]");
            }
            return out;
        });
    }

    /** An object whose one name is around 4096 UTF-8 bytes, counted as Jackson counts. */
    private Arbitrary<List<String>> longName() {
        Arbitrary<String> tail = Arbitraries.of("é", "\\u00e9", "😀", "\\ud83d\\ude00", "\\u0800", "k", "\\n")
                .list()
                .ofMaxSize(4)
                .map(pieces -> String.join("", pieces));
        return Combinators.combine(Arbitraries.integers().between(4086, 4100), tail)
                .as((ascii, rest) -> List.of("{", "\"" + "k".repeat(ascii) + rest + "\"", ":", "1", "}"));
    }

    private Arbitrary<String> whitespace() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just("")),
                Tuple.of(
                        1,
                        Arbitraries.strings()
                                .withChars(" \t\n\r")
                                .ofMinLength(1)
                                .ofMaxLength(3)));
    }

    private static String shown(byte[] body) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(body.length, 300); i++) {
            int b = body[i] & 0xff;
            boolean plain = b >= 0x20 && b < 0x7f && b != '\\';
            out.append(plain ? String.valueOf((char) b) : String.format("\\x%02x", b));
        }
        return out + (body.length > 300 ? "... (" + body.length + " bytes)" : "");
    }

    private static byte[] bytesOf(String ascii, int... more) {
        byte[] out = new byte[ascii.length() + more.length];
        for (int i = 0; i < ascii.length(); i++) {
            out[i] = (byte) ascii.charAt(i);
        }
        for (int i = 0; i < more.length; i++) {
            out[ascii.length() + i] = (byte) more[i];
        }
        return out;
    }

    private static Byte[] boxed(byte[] bytes) {
        Byte[] out = new Byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[i];
        }
        return out;
    }

    private static byte[] toArray(List<Byte> bytes) {
        byte[] out = new byte[bytes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = bytes.get(i);
        }
        return out;
    }

    /** The non-empty ones of strings and token lists, in order. */
    private static List<String> tokens(Object... parts) {
        List<String> out = new ArrayList<>();
        for (Object part : parts) {
            if (part instanceof String token) {
                if (!token.isEmpty()) {
                    out.add(token);
                }
            } else {
                for (Object token : (List<?>) part) {
                    out.add((String) token);
                }
            }
        }
        return out;
    }

    private static byte[] utf8(List<String> tokens) {
        return String.join("", tokens).getBytes(UTF_8);
    }

    private static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }
}
