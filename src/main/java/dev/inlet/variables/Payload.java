package dev.inlet.variables;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.inlet.config.PayloadFormat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
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
    private final Object lock = new Object();
    private volatile Map<String, String> variables;
    private volatile JsonNode jsonDocument;
    private volatile Document xmlDocument;
    /** Why a view could not be parsed, kept so it is not parsed again; guarded by {@link #lock}. */
    private MalformedPayloadException variablesFailure;
    private MalformedPayloadException jsonFailure;
    private MalformedPayloadException xmlFailure;

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
        Map<String, String> result = variables;
        if (result == null) {
            synchronized (lock) {
                result = variables;
                if (result == null) {
                    if (variablesFailure != null) {
                        throw variablesFailure;
                    }
                    try {
                        result = format == PayloadFormat.JSON
                                ? JsonFlattener.flatten(body) : XmlFlattener.flatten(body);
                    } catch (MalformedPayloadException e) {
                        variablesFailure = e;
                        throw e;
                    }
                    variables = result;
                }
            }
        }
        return result;
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
        JsonNode result = jsonDocument;
        if (result == null) {
            synchronized (lock) {
                result = jsonDocument;
                if (result == null) {
                    if (jsonFailure != null) {
                        throw jsonFailure;
                    }
                    try {
                        result = parseJson();
                    } catch (MalformedPayloadException e) {
                        jsonFailure = e;
                        throw e;
                    }
                    jsonDocument = result;
                }
            }
        }
        return result;
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
        Document result = xmlDocument;
        if (result == null) {
            synchronized (lock) {
                result = xmlDocument;
                if (result == null) {
                    if (xmlFailure != null) {
                        throw xmlFailure;
                    }
                    try {
                        result = parseXml();
                    } catch (MalformedPayloadException e) {
                        xmlFailure = e;
                        throw e;
                    }
                    xmlDocument = result;
                }
            }
        }
        return result;
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
}
