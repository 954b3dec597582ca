package dev.inlet.variables;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonValidator} through {@link PayloadSyntax#checkJson}: each limit at its boundary, each
 * class of error with its reason and position, and the cases where Jackson's behaviour was the
 * thing to match (BOM, lone surrogate escapes, repeated keys, what a limit counts).
 */
class JsonValidatorTest {

    private static final byte[] BOM = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};

    private static Optional<String> json(String body) {
        return json(body.getBytes(UTF_8));
    }

    private static Optional<String> json(byte[] body) {
        return PayloadSyntax.checkJson(body);
    }

    /** Text as UTF-8, byte arrays as they are, ints as one byte each. */
    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof String text) {
                out.writeBytes(text.getBytes(UTF_8));
            } else if (part instanceof byte[] raw) {
                out.writeBytes(raw);
            } else {
                out.write((Integer) part);
            }
        }
        return out.toByteArray();
    }

    @Nested
    class Limits {

        @Test
        void nestingCountsArraysAndObjectsTogether() {
            assertThat(json("[".repeat(256) + "]".repeat(256))).isEmpty();
            assertThat(json("[".repeat(257) + "]".repeat(257)))
                    .hasValue("nesting deeper than 256 levels at line 1, column 257");
            assertThat(json("{\"a\":".repeat(256) + "1" + "}".repeat(256))).isEmpty();
            assertThat(json("{\"a\":".repeat(257) + "1" + "}".repeat(257)))
                    .hasValue("nesting deeper than 256 levels at line 1, column 1281");
            assertThat(json("[{\"a\":".repeat(128) + "1" + "}]".repeat(128))).isEmpty();
            assertThat(json("[{\"a\":".repeat(128) + "[1]" + "}]".repeat(128)))
                    .get()
                    .asString()
                    .startsWith("nesting deeper than 256 levels");
        }

        @Test
        void numberLengthCountsDigitsOnly() {
            // Jackson's maxNumberLength counts integer, fraction and exponent digits together;
            // sign, point, 'e' and exponent sign are free.
            assertThat(json("9".repeat(100))).isEmpty();
            assertThat(json("9".repeat(101))).hasValue("number longer than 100 characters at line 1, column 1");
            assertThat(json("-" + "9".repeat(100))).isEmpty();
            assertThat(json("[-" + "9".repeat(101) + "]"))
                    .hasValue("number longer than 100 characters at line 1, column 2");
            assertThat(json("1." + "5".repeat(99))).isEmpty();
            assertThat(json("1." + "5".repeat(100))).get().asString().startsWith("number longer than 100");
            assertThat(json("[1e" + "9".repeat(99) + "]")).isEmpty();
            assertThat(json("[1e" + "9".repeat(100) + "]")).get().asString().startsWith("number longer than 100");
            assertThat(json("-1.5E-" + "0".repeat(98))).isEmpty();
            assertThat(json("-1.5E-" + "0".repeat(99))).get().asString().startsWith("number longer than 100");
            assertThat(json("{\"n\":" + "1".repeat(50) + "." + "2".repeat(40) + "e+" + "3".repeat(10) + "}"))
                    .isEmpty();
            assertThat(json("{\"n\":" + "1".repeat(50) + "." + "2".repeat(40) + "e+" + "3".repeat(11) + "}"))
                    .hasValue("number longer than 100 characters at line 1, column 6");
        }

        @Test
        void stringLengthCountsUtf16CharsOfTheDecodedValue() {
            int max = Parsers.MAX_STRING_LENGTH;
            assertThat(json("[\"" + "a".repeat(max) + "\"]")).isEmpty();
            assertThat(json("[\"" + "a".repeat(max + 1) + "\"]"))
                    .hasValue("string longer than 4194304 characters at line 1, column 2");
            // Two bytes of UTF-8, one char; an escape is one char; a 4-byte character is two.
            assertThat(json("\"" + "é".repeat(max) + "\"")).isEmpty();
            assertThat(json("\"" + "\\u0041".repeat(max) + "\"")).isEmpty();
            assertThat(json("\"" + "\\u0041".repeat(max) + "b\""))
                    .get()
                    .asString()
                    .startsWith("string longer than");
            assertThat(json("\"" + "😀".repeat(max / 2) + "\"")).isEmpty();
            assertThat(json("\"" + "😀".repeat(max / 2) + "b\""))
                    .get()
                    .asString()
                    .startsWith("string longer than");
        }

        @Test
        void nameLengthCountsUtf8BytesOfTheDecodedName() {
            assertThat(json("{\"" + "k".repeat(4096) + "\":1}")).isEmpty();
            assertThat(json("{\"" + "k".repeat(4097) + "\":1}"))
                    .hasValue("field name longer than 4096 characters at line 1, column 2");
            assertThat(json("{\"" + "é".repeat(2048) + "\":1}")).isEmpty();
            assertThat(json("{\"" + "é".repeat(2048) + "k\":1}")).isPresent();
            assertThat(json("{\"" + "😀".repeat(1024) + "\":1}")).isEmpty();
            assertThat(json("{\"" + "😀".repeat(1024) + "k\":1}")).isPresent();
            // An escape counts as its one char in UTF-8; a surrogate escape therefore counts 3.
            assertThat(json("{\"" + "\\u00e9".repeat(2048) + "\":1}")).isEmpty();
            assertThat(json("{\"" + "\\u00e9".repeat(2048) + "k\":1}")).isPresent();
            assertThat(json("{\"" + "\\uD83D\\uDE00".repeat(682) + "kkkk\":1}")).isEmpty();
            assertThat(json("{\"" + "\\uD83D\\uDE00".repeat(682) + "kkkkk\":1}"))
                    .isPresent();
        }

        @Test
        void aValueMayBeLongerThanANameAndANameIsNotAValue() {
            String name = "k".repeat(4097);
            assertThat(json("{\"a\":\"" + name + "\"}")).isEmpty();
            assertThat(json("[\"" + name + "\"]")).isEmpty();
        }
    }

    @Nested
    class Errors {

        @Test
        void emptyBody() {
            assertThat(json("")).hasValue("empty body: no JSON value");
            assertThat(json(" \t\r\n")).hasValue("empty body: no JSON value");
            assertThat(json(BOM)).hasValue("empty body: no JSON value");
            assertThat(json(bytes(BOM, "\n"))).hasValue("empty body: no JSON value");
        }

        @Test
        void endOfInput() {
            for (String cut : new String[] {
                "{",
                "[",
                "{\"a\"",
                "{\"a\":",
                "{\"a\":1",
                "{\"a\":1,",
                "[1,",
                "\"ab",
                "\"a\\",
                "\"\\u00",
                "-",
                "1e",
                "1.",
                "1e+",
                "tr",
                "nul",
                "[[]"
            }) {
                assertThat(json(cut))
                        .as(cut)
                        .hasValue("unexpected end of input at line 1, column " + (cut.length() + 1));
            }
        }

        @Test
        void contentAfterTheValue() {
            assertThat(json("{}{}")).hasValue("content after the JSON value at line 1, column 3");
            assertThat(json("1x")).hasValue("content after the JSON value at line 1, column 2");
            assertThat(json("truex")).hasValue("content after the JSON value at line 1, column 5");
            assertThat(json("\"a\" \"b\"")).hasValue("content after the JSON value at line 1, column 5");
            assertThat(json("[] ]")).hasValue("content after the JSON value at line 1, column 4");
            assertThat(json("0 \n 0")).hasValue("content after the JSON value at line 2, column 2");
        }

        @Test
        void valueExpected() {
            for (String bad : new String[] {
                "[,1]",
                "[1,]",
                "+1",
                ".5",
                "NaN",
                "[Infinity]",
                "'a'",
                "[undefined]",
                "{\"a\":}",
                "True",
                "]",
                "/* c */ 1",
                "# c\n1"
            }) {
                assertThat(json(bad)).as(bad).get().asString().startsWith("expected a JSON value at line 1");
            }
            assertThat(json("é")).hasValue("expected a JSON value at line 1, column 1");
        }

        @Test
        void literals() {
            assertThat(json("[tru]")).hasValue("invalid literal, expected true, false or null at line 1, column 2");
            assertThat(json("[nulL]")).get().asString().startsWith("invalid literal");
            assertThat(json("fals e")).get().asString().startsWith("invalid literal");
            assertThat(json("[true,false,null]")).isEmpty();
        }

        @Test
        void separators() {
            assertThat(json("[1 2]")).hasValue("expected ',' or ']' after an array element at line 1, column 4");
            assertThat(json("[1}")).get().asString().startsWith("expected ',' or ']'");
            assertThat(json("{\"a\":1 \"b\":2}"))
                    .hasValue("expected ',' or '}' after an object member at line 1, column 8");
            assertThat(json("{\"a\":1]")).get().asString().startsWith("expected ',' or '}'");
            assertThat(json("{\"a\" 1}")).hasValue("expected ':' after a field name at line 1, column 6");
            assertThat(json("{\"a\"}")).get().asString().startsWith("expected ':'");
            assertThat(json("{\"a\"=1}")).get().asString().startsWith("expected ':'");
        }

        @Test
        void fieldNames() {
            for (String bad : new String[] {"{a:1}", "{'a':1}", "{1:1}", "{,}", "{\"a\":1,}", "{\"a\":1,,\"b\":2}"}) {
                assertThat(json(bad))
                        .as(bad)
                        .get()
                        .asString()
                        .startsWith("expected a field name in double quotes at line 1");
            }
        }

        @Test
        void numbers() {
            assertThat(json("01")).hasValue("number with a leading zero at line 1, column 2");
            assertThat(json("[-01]")).hasValue("number with a leading zero at line 1, column 4");
            assertThat(json("[00]")).get().asString().startsWith("number with a leading zero");
            assertThat(json("[-]")).hasValue("digit expected in number at line 1, column 3");
            assertThat(json("[1.]")).hasValue("digit expected in number at line 1, column 4");
            for (String bad : new String[] {"[-a]", "[1.e3]", "[1e]", "[1E+]", "[1e-x]", "[--1]", "[-.5]"}) {
                assertThat(json(bad)).as(bad).get().asString().startsWith("digit expected in number");
            }
            for (String good : new String[] {
                "0",
                "-0",
                "0.0",
                "-0.0e-0",
                "1E+2",
                "1e-2",
                "0e0",
                "10",
                "123.456E789",
                "9007199254740993",
                "1e999999999"
            }) {
                assertThat(json(good)).as(good).isEmpty();
            }
        }

        @Test
        void escapes() {
            assertThat(json("[\"\\x\"]")).hasValue("invalid escape in string at line 1, column 3");
            for (String bad :
                    new String[] {"\"\\u12G4\"", "\"\\U0041\"", "\"\\'\"", "\"\\u 123\"", "\"\\0\"", "{\"\\a\":1}"}) {
                assertThat(json(bad)).as(bad).get().asString().startsWith("invalid escape in string");
            }
            assertThat(json("\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u0000 \\u00E9 \\uabcd \\uFFFF\""))
                    .isEmpty();
        }

        @Test
        void controlCharacters() {
            assertThat(json("[\"a\tb\"]")).hasValue("unescaped control character in string at line 1, column 4");
            assertThat(json("\"a\nb\"")).get().asString().startsWith("unescaped control character");
            assertThat(json(bytes("\"", 0x00, "\""))).get().asString().startsWith("unescaped control character");
            assertThat(json(bytes("{\"", 0x1f, "\":1}"))).get().asString().startsWith("unescaped control character");
            assertThat(json(bytes("\"", 0x7f, "\""))).isEmpty();
        }

        @Test
        void invalidUtf8IsLocatedByItsByte() {
            assertThat(json(bytes("[\"", 0xff, "\"]"))).hasValue("invalid UTF-8 at byte 2");
            assertThat(json(bytes("\"", 0x80, "\""))).hasValue("invalid UTF-8 at byte 1");
            assertThat(json(bytes("\"", 0xc0, 0xaf, "\""))).hasValue("invalid UTF-8 at byte 1");
            assertThat(json(bytes("\"", 0xe0, 0x80, 0xaf, "\""))).hasValue("invalid UTF-8 at byte 1");
            assertThat(json(bytes("\"", 0xf0, 0x80, 0x80, 0xaf, "\""))).hasValue("invalid UTF-8 at byte 1");
            assertThat(json(bytes("\"", 0xed, 0xbf, 0xbf, "\""))).hasValue("invalid UTF-8 at byte 1");
            assertThat(json(bytes("\"", 0xf4, 0x90, 0x80, 0x80, "\""))).hasValue("invalid UTF-8 at byte 1");
            assertThat(json(bytes("\"", 0xf5, 0x80, 0x80, 0x80, "\""))).hasValue("invalid UTF-8 at byte 1");
            assertThat(json(bytes("\"ab", 0xe2, 0x82))).hasValue("invalid UTF-8 at byte 3");
            assertThat(json(bytes("\"", 0xe2, 0x82, "\""))).hasValue("invalid UTF-8 at byte 1");
            // Outside strings too, when the byte is the first problem.
            assertThat(json(bytes("[1,", 0xff, "]"))).hasValue("invalid UTF-8 at byte 3");
            assertThat(json(bytes("{} ", 0xc3))).hasValue("invalid UTF-8 at byte 3");
            assertThat(json(bytes("\"", 0xf4, 0x8f, 0xbf, 0xbf, "\""))).isEmpty();
        }

        @Test
        void positionsCountLinesLikeJacksonAndColumnsInBytes() {
            assertThat(json("{\n  \"a\": x\n}")).hasValue("expected a JSON value at line 2, column 8");
            assertThat(json("{\r\n  \"a\": x\r\n}")).hasValue("expected a JSON value at line 2, column 8");
            assertThat(json("\r\r [x]")).hasValue("expected a JSON value at line 3, column 3");
            assertThat(json("\n\r [x]")).hasValue("expected a JSON value at line 3, column 3");
            assertThat(json("[\"éé\", x]")).hasValue("expected a JSON value at line 1, column 10");
            assertThat(json(bytes(BOM, "{\"a\" x}"))).hasValue("expected ':' after a field name at line 1, column 9");
        }

        @Test
        void reasonsNeverQuoteThePayload() {
            String secret = "supersecretvalue";
            for (String bad : new String[] {
                "[" + secret + "]",
                "{\"" + secret + "\" " + secret + "}",
                "\"\\" + secret + "\"",
                "[1" + secret + "]",
                "{}" + secret,
                "-" + secret
            }) {
                assertThat(json(bad))
                        .as(bad)
                        .get()
                        .asString()
                        .doesNotContain("secret")
                        .hasSizeLessThan(100);
            }
        }
    }

    /** Where Jackson's behaviour, not the RFC alone, decided the verdict. */
    @Nested
    class AsJacksonDoes {

        @Test
        void skipsOneLeadingByteOrderMark() {
            assertThat(json(bytes(BOM, "{}"))).isEmpty();
            assertThat(json(bytes(BOM, "1"))).isEmpty();
            assertThat(json(bytes(BOM, " [1] "))).isEmpty();
            assertThat(json(bytes(BOM, BOM, "{}"))).hasValue("expected a JSON value at line 1, column 4");
            assertThat(json(bytes(" ", BOM, "{}"))).isPresent();
            assertThat(json(bytes("[", BOM, "]"))).isPresent();
            assertThat(json(bytes("{}", BOM))).isPresent();
            assertThat(json(bytes("\"", BOM, "\""))).isEmpty();
        }

        @Test
        void acceptsLoneSurrogateEscapes() {
            assertThat(json("\"\\uD800\"")).isEmpty();
            assertThat(json("[\"\\uDC00\\uD800\"]")).isEmpty();
            assertThat(json("{\"\\udbff\":1}")).isEmpty();
        }

        @Test
        void acceptsRepeatedKeys() {
            assertThat(json("{\"a\":1,\"a\":2}")).isEmpty();
        }

        @Test
        void refusesWhatJacksonWouldHaveReadAsUtf16() {
            // Jackson guesses UTF-16/32 from a NUL among the first two bytes and read these as
            // "[]" and "1"; JSON between systems is UTF-8 (RFC 8259 section 8.1), so they fail.
            assertThat(json(bytes(0x00, "[", 0x00, "]"))).hasValue("expected a JSON value at line 1, column 1");
            assertThat(json(bytes("1", 0x00))).hasValue("content after the JSON value at line 1, column 2");
        }

        @Test
        void acceptsAnyValueAtTheTop() {
            for (String good : new String[] {
                "{}", "[]", "\"\"", "0", "true", "false", "null", " \t\r\n{ \"a\" : [ 1 , { } , [ ] ] }\r\n "
            }) {
                assertThat(json(good)).as(good).isEmpty();
            }
        }
    }
}
