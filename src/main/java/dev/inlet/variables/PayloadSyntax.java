package dev.inlet.variables;

import java.util.Optional;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Well-formedness checks for webhook bodies, cheap enough for an event loop: JSON by a byte-level
 * validator that keeps the limits of the hardened {@link Parsers}, XML by a streaming walk through
 * them; no tree built.
 *
 * <p>Each check returns empty when the body is well-formed, else a short reason safe to return
 * to the sender, such as {@code unexpected end of input at line 1, column 14}. Both are
 * thread-safe.
 */
public final class PayloadSyntax {

    private PayloadSyntax() {}

    /**
     * Checks that the body is exactly one JSON value in strict UTF-8, within the parser limits
     * of {@link Parsers}. An empty body and anything after the value are errors.
     */
    public static Optional<String> checkJson(byte[] body) {
        try {
            JsonValidator.validate(body);
            return Optional.empty();
        } catch (MalformedPayloadException e) {
            return Optional.of(e.getMessage());
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
}
