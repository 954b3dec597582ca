package dev.inlet.variables;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Optional;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Well-formedness checks for webhook bodies, cheap enough for an event loop: a streaming walk
 * through the hardened {@link Parsers}, no tree built.
 *
 * <p>Each check returns empty when the body is well-formed, else a short reason safe to return
 * to the sender, such as {@code unexpected end of input at line 1, column 14}. Both are
 * thread-safe.
 */
public final class PayloadSyntax {

    private PayloadSyntax() {
    }

    /**
     * Checks that the body is exactly one JSON value in strict UTF-8, within the parser limits
     * of {@link Parsers}. An empty body and anything after the value are errors.
     */
    public static Optional<String> checkJson(byte[] body) {
        int invalid = Utf8.firstInvalid(body);
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

    /**
     * Checks that the body is one well-formed, namespace-well-formed XML document within the
     * limits of {@link Parsers}. Any DOCTYPE is refused, so are entity references other than
     * the five predefined ones and character references.
     */
    public static Optional<String> checkXml(byte[] body) {
        XMLStreamReader reader = null;
        try {
            reader = Parsers.xmlReader(body);
            while (reader.hasNext()) {
                XmlEvents.next(reader);
            }
            return Optional.empty();
        } catch (XMLStreamException e) {
            return Optional.of(XmlEvents.malformed(e).getMessage());
        } catch (MalformedPayloadException e) {
            return Optional.of(e.getMessage());
        } finally {
            XmlEvents.close(reader);
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
            } else if (token == JsonToken.VALUE_STRING
                    && parser.getTextLength() > Parsers.MAX_STRING_LENGTH) {
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
}
