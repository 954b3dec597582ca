package dev.inlet.variables;

/**
 * A single-pass, allocation-free check that a body is exactly one RFC 8259 JSON value in strict
 * UTF-8, within the limits of {@link Parsers}. It accepts what a walk through {@link Parsers#json()}
 * accepts, except a body Jackson would guess to be UTF-16 or UTF-32 (a NUL among its first two
 * bytes), which is not UTF-8 JSON.
 *
 * <ul>
 *   <li>Whitespace is space, tab, line feed and carriage return only. One leading UTF-8 byte
 *       order mark is skipped, as Jackson skips it.</li>
 *   <li>Strings hold no raw control character; escapes are {@code \" \\ \/ \b \f \n \r \t} and
 *       {@code \}{@code uXXXX}. A lone surrogate escape such as {@code \}{@code uD800} is accepted,
 *       as Jackson accepts it. Repeated keys are accepted, as Jackson's default is.</li>
 *   <li>Limits are measured as Jackson measures them: nesting counts arrays and objects together;
 *       a number's length counts its digits (integer, fraction and exponent), not its sign, point
 *       or {@code e}; a string's length counts the UTF-16 chars of its decoded value; a field
 *       name's length counts the UTF-8 bytes of its decoded form, an escape counting as the
 *       UTF-8 encoding of its one char.</li>
 * </ul>
 *
 * <p>Reasons are fixed texts with a line and a byte column (a line ends at LF, CR or CRLF, as in
 * Jackson's locations); only an invalid UTF-8 sequence is located by its byte offset instead.
 * Thread-safe. Recursion follows nesting and stops at {@link Parsers#MAX_DEPTH}.
 *
 * <p>Over 300 lines because it is one hand-written, single-pass scanner of the JSON grammar, whose
 * states read best side by side.
 */
final class JsonValidator {

    private static final String EMPTY = "empty body: no JSON value";
    private static final String END = "unexpected end of input";
    private static final String TRAILING = "content after the JSON value";
    private static final String VALUE = "expected a JSON value";
    private static final String LITERAL = "invalid literal, expected true, false or null";
    private static final String ARRAY_NEXT = "expected ',' or ']' after an array element";
    private static final String OBJECT_NEXT = "expected ',' or '}' after an object member";
    private static final String NAME = "expected a field name in double quotes";
    private static final String COLON = "expected ':' after a field name";
    private static final String LEADING_ZERO = "number with a leading zero";
    private static final String DIGIT = "digit expected in number";
    private static final String ESCAPE = "invalid escape in string";
    private static final String CONTROL = "unescaped control character in string";

    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    /** By unsigned byte: true for ASCII that stands for itself inside a string. */
    private static final boolean[] PLAIN_IN_STRING = plainInString();

    private JsonValidator() {}

    /**
     * Returns when the body is one valid JSON value.
     *
     * @throws MalformedPayloadException with a reason safe to return to the sender, otherwise
     */
    static void validate(byte[] body) {
        int i = skipWhitespace(body, startsWithBom(body) ? 3 : 0);
        if (i == body.length) {
            throw new MalformedPayloadException(EMPTY);
        }
        i = skipWhitespace(body, value(body, i, 0));
        if (i < body.length) {
            throw unexpected(body, i, TRAILING);
        }
    }

    private static boolean startsWithBom(byte[] body) {
        // Jackson skips a BOM only in a body of 4 bytes or more; a bare BOM is refused either way.
        return body.length >= 3 && body[0] == (byte) 0xef && body[1] == (byte) 0xbb && body[2] == (byte) 0xbf;
    }

    /** The index after the value starting at {@code i}, inside {@code depth} open containers. */
    private static int value(byte[] body, int i, int depth) {
        if (i == body.length) {
            throw problem(body, i, END);
        }
        switch (body[i]) {
            case '{':
                return object(body, i, depth + 1);
            case '[':
                return array(body, i, depth + 1);
            case '"':
                return string(body, i, false);
            case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
                return number(body, i);
            case 't':
                return literal(body, i, TRUE);
            case 'f':
                return literal(body, i, FALSE);
            case 'n':
                return literal(body, i, NULL);
            default:
                throw unexpected(body, i, VALUE);
        }
    }

    private static int object(byte[] body, int open, int depth) {
        if (depth > Parsers.MAX_DEPTH) {
            throw problem(body, open, JsonFailure.TOO_DEEP);
        }
        int i = skipWhitespace(body, open + 1);
        if (i < body.length && body[i] == '}') {
            return i + 1;
        }
        while (true) {
            if (i == body.length) {
                throw problem(body, i, END);
            }
            if (body[i] != '"') {
                throw unexpected(body, i, NAME);
            }
            i = skipWhitespace(body, string(body, i, true));
            if (i == body.length) {
                throw problem(body, i, END);
            }
            if (body[i] != ':') {
                throw unexpected(body, i, COLON);
            }
            i = skipWhitespace(body, value(body, skipWhitespace(body, i + 1), depth));
            if (i == body.length) {
                throw problem(body, i, END);
            }
            if (body[i] == '}') {
                return i + 1;
            }
            if (body[i] != ',') {
                throw unexpected(body, i, OBJECT_NEXT);
            }
            i = skipWhitespace(body, i + 1);
        }
    }

    private static int array(byte[] body, int open, int depth) {
        if (depth > Parsers.MAX_DEPTH) {
            throw problem(body, open, JsonFailure.TOO_DEEP);
        }
        int i = skipWhitespace(body, open + 1);
        if (i < body.length && body[i] == ']') {
            return i + 1;
        }
        while (true) {
            i = skipWhitespace(body, value(body, i, depth));
            if (i == body.length) {
                throw problem(body, i, END);
            }
            if (body[i] == ']') {
                return i + 1;
            }
            if (body[i] != ',') {
                throw unexpected(body, i, ARRAY_NEXT);
            }
            i = skipWhitespace(body, i + 1);
        }
    }

    /** The index after the closing quote of the string (a value, or a name) opened at quote. */
    private static int string(byte[] body, int quote, boolean name) {
        int n = body.length;
        int i = quote + 1;
        // Jackson's measures: UTF-16 chars of a value, UTF-8 bytes of a name (escapes decoded).
        int length = 0;
        while (true) {
            int run = i;
            while (i < n && PLAIN_IN_STRING[body[i] & 0xff]) {
                i++;
            }
            length += i - run;
            if (i == n) {
                throw problem(body, i, END);
            }
            byte c = body[i];
            if (c == '"') {
                break;
            }
            if (c == '\\') {
                int code = escape(body, i);
                length += name ? utf8Length(code) : 1;
                i += code < 0 ? 2 : 6;
            } else if (c < 0) {
                int size = Utf8.sequenceLength(body, i);
                if (size < 0) {
                    throw invalidUtf8(i);
                }
                length += name ? size : (size == 4 ? 2 : 1);
                i += size;
            } else {
                throw problem(body, i, CONTROL);
            }
        }
        if (name && length > Parsers.MAX_NAME_LENGTH) {
            throw problem(body, quote, JsonFailure.NAME_TOO_LONG);
        }
        if (!name && length > Parsers.MAX_STRING_LENGTH) {
            throw problem(body, quote, JsonFailure.STRING_TOO_LONG);
        }
        return i + 1;
    }

    /** The char a {@code \}{@code uXXXX} escape at backslash stands for, or -1 for a short one. */
    private static int escape(byte[] body, int backslash) {
        int n = body.length;
        if (backslash + 1 == n) {
            throw problem(body, n, END);
        }
        byte kind = body[backslash + 1];
        if (kind != 'u') {
            if (kind == '"'
                    || kind == '\\'
                    || kind == '/'
                    || kind == 'b'
                    || kind == 'f'
                    || kind == 'n'
                    || kind == 'r'
                    || kind == 't') {
                return -1;
            }
            throw problem(body, backslash, ESCAPE);
        }
        int code = 0;
        for (int k = backslash + 2; k < backslash + 6; k++) {
            if (k == n) {
                throw problem(body, n, END);
            }
            int digit = hexValue(body[k]);
            if (digit < 0) {
                throw problem(body, backslash, ESCAPE);
            }
            code = code << 4 | digit;
        }
        return code;
    }

    private static int hexValue(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }

    /** The UTF-8 bytes of an escaped char; a short escape (-1) stands for one ASCII char. */
    private static int utf8Length(int code) {
        // A surrogate escape counts 3, like any char from U+0800: Jackson encodes each escape alone.
        return code < 0x80 ? 1 : code < 0x800 ? 2 : 3;
    }

    private static int number(byte[] body, int start) {
        int n = body.length;
        int i = body[start] == '-' ? start + 1 : start;
        int digits;
        if (i < n && body[i] == '0') {
            i++;
            if (i < n && isDigit(body[i])) {
                throw problem(body, i, LEADING_ZERO);
            }
            digits = 1;
        } else {
            int first = i;
            i = requireDigits(body, i);
            digits = i - first;
        }
        if (i < n && body[i] == '.') {
            int first = i + 1;
            i = requireDigits(body, first);
            digits += i - first;
        }
        if (i < n && (body[i] == 'e' || body[i] == 'E')) {
            i++;
            if (i < n && (body[i] == '+' || body[i] == '-')) {
                i++;
            }
            int first = i;
            i = requireDigits(body, first);
            digits += i - first;
        }
        if (digits > Parsers.MAX_NUMBER_LENGTH) {
            throw problem(body, start, JsonFailure.NUMBER_TOO_LONG);
        }
        return i;
    }

    /** The index after one or more digits starting at i. */
    private static int requireDigits(byte[] body, int i) {
        int n = body.length;
        if (i == n) {
            throw problem(body, i, END);
        }
        if (!isDigit(body[i])) {
            throw unexpected(body, i, DIGIT);
        }
        do {
            i++;
        } while (i < n && isDigit(body[i]));
        return i;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static int literal(byte[] body, int start, byte[] expected) {
        for (int k = 0; k < expected.length; k++) {
            int i = start + k;
            if (i == body.length) {
                throw problem(body, i, END);
            }
            if (body[i] != expected[k]) {
                throw problem(body, start, LITERAL);
            }
        }
        return start + expected.length;
    }

    private static boolean[] plainInString() {
        boolean[] plain = new boolean[256];
        for (int b = 0x20; b < 0x80; b++) {
            plain[b] = b != '"' && b != '\\';
        }
        return plain;
    }

    private static int skipWhitespace(byte[] body, int i) {
        int n = body.length;
        while (i < n) {
            byte c = body[i];
            // Most bytes are above space: one comparison settles them.
            if (c > ' ' || c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                break;
            }
            i++;
        }
        return i;
    }

    /** A misplaced byte, reported as invalid UTF-8 when it does not even start a character. */
    private static MalformedPayloadException unexpected(byte[] body, int i, String reason) {
        if (body[i] < 0 && Utf8.sequenceLength(body, i) < 0) {
            return invalidUtf8(i);
        }
        return problem(body, i, reason);
    }

    private static MalformedPayloadException invalidUtf8(int i) {
        return new MalformedPayloadException("invalid UTF-8 at byte " + i);
    }

    /** The reason at the line and byte column of offset, counted only now that one is needed. */
    private static MalformedPayloadException problem(byte[] body, int offset, String reason) {
        int line = 1;
        int lineStart = 0;
        // Everything before the first problem is valid JSON, so line breaks there are whitespace.
        for (int i = 0; i < offset; i++) {
            if (body[i] == '\n' || body[i] == '\r') {
                if (body[i] == '\r' && i + 1 < offset && body[i + 1] == '\n') {
                    i++;
                }
                line++;
                lineStart = i + 1;
            }
        }
        return new MalformedPayloadException(SafeReason.at(reason, line, offset - lineStart + 1));
    }
}
