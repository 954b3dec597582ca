package dev.inlet.variables;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.inlet.config.PayloadFormat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * One event body and the views rules and templates need of it, each computed at most once, on
 * first use, and then shared: the flattened {@link #variables()}, the Jackson tree for JsonPath
 * and the DOM for XPath.
 *
 * <p>Thread-safe. The body array is not copied: callers must not modify it after {@link #of}.
 * The returned documents are shared and must be treated as read-only. A view that fails to parse
 * fails the same way on every later call, without parsing again.
 */
public final class Payload {

    private final byte[] body;
    private final PayloadFormat format;
    private final View<Map<String, String>> variables = new View<>();
    private final View<JsonNode> jsonDocument = new View<>();
    private final View<Document> xmlDocument = new View<>();

    private Payload(byte[] body, PayloadFormat format) {
        this.body = body;
        this.format = format;
    }

    /**
     * A payload of a known format. Parsing is deferred to the first view asked for.
     *
     * @param format JSON or XML; for an AUTO endpoint the caller resolves the format first
     * @throws IllegalArgumentException when the format is AUTO
     */
    public static Payload of(byte[] body, PayloadFormat format) {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(format, "format");
        if (format == PayloadFormat.AUTO) {
            throw new IllegalArgumentException(
                    "payload format AUTO: resolve it to JSON or XML (from Content-Type) first");
        }
        return new Payload(body, format);
    }

    /** JSON or XML, never AUTO. */
    public PayloadFormat format() {
        return format;
    }

    /** The raw body, shared: do not modify. */
    public byte[] body() {
        return body;
    }

    /**
     * The flattened variables in document order, unmodifiable; see {@link JsonFlattener} and
     * {@link XmlFlattener} for the naming rules.
     *
     * @throws MalformedPayloadException when the body is not well-formed
     */
    public Map<String, String> variables() {
        return variables.get(this, Payload::flatten);
    }

    /**
     * The body as a Jackson tree, parsed once through {@link Parsers#jsonMapper()}, for JsonPath
     * with a Jackson node provider.
     *
     * @throws IllegalStateException when the payload is not JSON
     * @throws MalformedPayloadException when the body is not well-formed
     */
    public JsonNode jsonDocument() {
        if (format != PayloadFormat.JSON) {
            throw new IllegalStateException("an XML payload has no JSON document");
        }
        return jsonDocument.get(this, Payload::parseJson);
    }

    /**
     * The body as a namespace-aware DOM, parsed once by the hardened builder of {@link Parsers},
     * for XPath. DOM reads are not guaranteed thread-safe: concurrent readers lock on it.
     *
     * @throws IllegalStateException when the payload is not XML
     * @throws MalformedPayloadException when the body is not well-formed or has a DOCTYPE
     */
    public Document xmlDocument() {
        if (format != PayloadFormat.XML) {
            throw new IllegalStateException("a JSON payload has no XML document");
        }
        return xmlDocument.get(this, Payload::parseXml);
    }

    private Map<String, String> flatten() {
        return format == PayloadFormat.JSON ? JsonFlattener.flatten(body) : XmlFlattener.flatten(body);
    }

    private JsonNode parseJson() {
        try {
            JsonNode tree = Parsers.jsonMapper().readTree(body);
            if (tree == null || tree.isMissingNode()) {
                throw new MalformedPayloadException("empty body: no JSON value");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw JsonFailure.malformed(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Document parseXml() {
        try {
            return Parsers.documentBuilder().parse(new ByteArrayInputStream(body));
        } catch (SAXParseException e) {
            throw new MalformedPayloadException(
                    SafeReason.at(e.getMessage(), e.getLineNumber(), e.getColumnNumber()));
        } catch (SAXException e) {
            throw new MalformedPayloadException(SafeReason.clean(e.getMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One view of the payload: parsed at most once; a parse that failed is thrown again, not retried. */
    private static final class View<T> {
        private volatile T value;
        /** Guarded by this view. */
        private MalformedPayloadException failure;

        T get(Payload payload, Function<Payload, T> parse) {
            T result = value;
            if (result == null) {
                synchronized (this) {
                    result = value;
                    if (result == null) {
                        if (failure != null) {
                            throw failure;
                        }
                        try {
                            result = parse.apply(payload);
                        } catch (MalformedPayloadException e) {
                            failure = e;
                            throw e;
                        }
                        value = result;
                    }
                }
            }
            return result;
        }
    }
}
