package dev.inlet.variables;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Optional;

/**
 * The JSON check as it was before {@link JsonValidator}: strict UTF-8 first, then a token walk
 * through {@link Parsers#json()}. Kept verbatim as the oracle of {@code JsonValidatorProperties}.
 */
final class JacksonJsonWalk {

    private JacksonJsonWalk() {}

    static Optional<String> checkJson(byte[] body) {
        int invalid = firstInvalidUtf8(body);
        if (invalid >= 0) {
            return Optional.of("invalid UTF-8 at byte " + invalid);
        }
        try (JsonParser parser = Parsers.json().createParser(body)) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                return Optional.of("empty body: no JSON value");
            }
            walkValue(parser, token);
            return trailing(parser);
        } catch (JsonProcessingException e) {
            return Optional.of(JsonFailure.reason(e));
        } catch (MalformedPayloadException e) {
            return Optional.of(e.getMessage());
        } catch (IOException e) {
            return Optional.of(SafeReason.clean(e.getMessage()));
        }
    }

    private static void walkValue(JsonParser parser, JsonToken first) throws IOException {
        JsonToken token = first;
        int depth = 0;
        do {
            if (token.isStructStart()) {
                depth++;
            } else if (token.isStructEnd()) {
                depth--;
            } else if (token == JsonToken.VALUE_STRING && parser.getTextLength() > Parsers.MAX_STRING_LENGTH) {
                // Jackson enforces maxStringLength only when a String is built; we build none.
                throw new MalformedPayloadException(at(
                        "string longer than " + Parsers.MAX_STRING_LENGTH + " characters",
                        parser.currentTokenLocation()));
            }
        } while (depth > 0 && (token = parser.nextToken()) != null);
    }

    private static Optional<String> trailing(JsonParser parser) throws IOException {
        try {
            if (parser.nextToken() == null) {
                return Optional.empty();
            }
            return Optional.of(at("content after the JSON value", parser.currentTokenLocation()));
        } catch (JsonProcessingException e) {
            // Garbage after the value is reported as such, not as a bad token.
            return Optional.of(at("content after the JSON value", parser.currentLocation()));
        }
    }

    private static String at(String reason, JsonLocation location) {
        return SafeReason.at(reason, location.getLineNr(), location.getColumnNr());
    }

    /** {@code Utf8.firstInvalid} as it was: the offset of the first invalid sequence, or -1. */
    private static int firstInvalidUtf8(byte[] bytes) {
        int i = 0;
        int n = bytes.length;
        while (i < n) {
            int b = bytes[i];
            if (b >= 0) {
                i++;
                continue;
            }
            int lead = b & 0xff;
            int length;
            int min;
            int max = 0xbf;
            if (lead >= 0xc2 && lead <= 0xdf) {
                length = 2;
                min = 0x80;
            } else if (lead >= 0xe0 && lead <= 0xef) {
                length = 3;
                min = lead == 0xe0 ? 0xa0 : 0x80;
                max = lead == 0xed ? 0x9f : 0xbf;
            } else if (lead >= 0xf0 && lead <= 0xf4) {
                length = 4;
                min = lead == 0xf0 ? 0x90 : 0x80;
                max = lead == 0xf4 ? 0x8f : 0xbf;
            } else {
                return i;
            }
            if (i + length > n) {
                return i;
            }
            int second = bytes[i + 1] & 0xff;
            if (second < min || second > max) {
                return i;
            }
            for (int k = 2; k < length; k++) {
                if ((bytes[i + k] & 0xc0) != 0x80) {
                    return i;
                }
            }
            i += length;
        }
        return -1;
    }
}
