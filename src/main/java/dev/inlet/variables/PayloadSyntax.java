package dev.inlet.variables;

import dev.inlet.config.PayloadFormat;
import java.util.Optional;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Well-formedness checks for webhook bodies, cheap enough for an event loop: JSON by a byte-level
 * validator that keeps the limits of the hardened {@link Parsers}, XML by a streaming walk through
 * them, forms and multipart bodies by Inlet's own scanners within the same class's limits; no tree
 * built.
 *
 * <p>Each check returns empty when the body is well-formed, else a short reason safe to return
 * to the sender, such as {@code unexpected end of input at line 1, column 14} or
 * {@code invalid percent escape at byte 17}. All are thread-safe.
 */
public final class PayloadSyntax {

    private PayloadSyntax() {}

    /**
     * Checks the body in its format, one of the checks below.
     *
     * @param format JSON, XML, FORM or MULTIPART, as {@link PayloadFormat#resolve} gives it
     * @param contentType the request's, read for a multipart body's boundary only
     */
    public static Optional<String> check(PayloadFormat format, byte[] body, String contentType) {
        return switch (format) {
            case JSON -> checkJson(body);
            case XML -> checkXml(body);
            case FORM -> checkForm(body);
            case MULTIPART -> checkMultipart(body, contentType);
            case AUTO -> throw new IllegalArgumentException("resolve an AUTO format from the Content-Type first");
        };
    }

    /**
     * Checks that the body is exactly one JSON value in strict UTF-8, within the parser limits
     * of {@link Parsers}. An empty body and anything after the value are errors.
     */
    public static Optional<String> checkJson(byte[] body) {
        return verdict(() -> JsonValidator.validate(body));
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

    /**
     * Checks that the body is a well-formed {@code application/x-www-form-urlencoded} form within
     * the limits of {@link Parsers}: escapes are two hex digits, names and values are strict UTF-8
     * once decoded. An empty body is a form without fields. See {@link FormParser}.
     */
    public static Optional<String> checkForm(byte[] body) {
        return verdict(() -> FormParser.check(body));
    }

    /**
     * Checks that the body is well-formed {@code multipart/form-data} with the boundary the
     * Content-Type names, within the limits of {@link Parsers}: a Content-Type without a valid
     * boundary is an error too, the closing delimiter is required. See {@link MultipartParser}.
     */
    public static Optional<String> checkMultipart(byte[] body, String contentType) {
        return verdict(() -> MultipartParser.check(body, contentType));
    }

    /**
     * The media type a checked multipart body is read with: {@code multipart/form-data;
     * boundary="…"} with the boundary its Content-Type named, and nothing else of that header.
     *
     * @throws MalformedPayloadException when the Content-Type names no valid boundary
     */
    public static String multipartMediaType(String contentType) {
        return MultipartParser.mediaType(contentType);
    }

    /** Empty when the check returns, else its reason. */
    private static Optional<String> verdict(Runnable check) {
        try {
            check.run();
            return Optional.empty();
        } catch (MalformedPayloadException e) {
            return Optional.of(e.getMessage());
        }
    }
}
