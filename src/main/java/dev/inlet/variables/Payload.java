package dev.inlet.variables;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inlet.config.PayloadFormat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongConsumer;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * One event body and the views rules and templates need of it, each computed at most once, on
 * first use, and then shared: the flattened {@link #variables()} (bounded by the payload's
 * {@link FlattenLimits}), the names alone for recording them, the Jackson tree for JsonPath (for a
 * form or multipart body, the JSON view of its fields) and the DOM for XPath.
 *
 * <p>Thread-safe. The body array is not copied: callers must not modify it after {@link #of}.
 * The returned documents are shared and must be treated as read-only. A view that fails to parse
 * fails the same way on every later call, without parsing again.
 */
public final class Payload {

    /**
     * Heap of a Jackson tree per body byte, about, at the dense end: 9 for an array of small
     * objects, 3 for long strings (measured on 256 KiB bodies).
     */
    static final int JSON_TREE_BYTES_PER_BODY_BYTE = 12;
    /** Heap of a DOM per body byte, about, at the dense end: 13 for empty elements with an attribute, 3 for text. */
    static final int DOM_BYTES_PER_BODY_BYTE = 16;

    private static final LongConsumer UNCOUNTED = bytes -> {};

    private final byte[] body;
    private final PayloadFormat format;
    private final String contentType;
    private final Set<String> jsonFields;
    /** The stored request headers (JSON) and the query string; null when the payload has none. */
    private final byte[] headers;

    private final String query;
    private final FlattenLimits limits;
    private final LongConsumer heap;
    private final PayloadView<Flattened> bodyVariables = new PayloadView<>();
    /** The body's variables and the request's over them; the same object when there is no request. */
    private final PayloadView<Flattened> flattened = new PayloadView<>();

    private final PayloadView<Flattened> names = new PayloadView<>();
    private final PayloadView<JsonNode> jsonDocument = new PayloadView<>();
    private final PayloadView<FieldFlattener.View> fieldsDocument = new PayloadView<>();
    private final PayloadView<Document> xmlDocument = new PayloadView<>();

    private Payload(
            byte[] body,
            PayloadFormat format,
            String contentType,
            Set<String> jsonFields,
            byte[] headers,
            String query,
            FlattenLimits limits,
            LongConsumer heap) {
        this.body = body;
        this.format = format;
        this.contentType = contentType;
        this.jsonFields = jsonFields;
        this.headers = headers;
        this.query = query;
        this.limits = limits;
        this.heap = heap;
    }

    /** A payload of a known format, flattened within the {@link FlattenLimits#DEFAULT default limits}. */
    public static Payload of(byte[] body, PayloadFormat format) {
        return of(body, format, FlattenLimits.DEFAULT);
    }

    /**
     * A payload of a known format. Parsing is deferred to the first view asked for.
     *
     * @param format JSON or XML; for an AUTO endpoint the caller resolves the format first
     * @param limits what flattening it may produce
     * @throws IllegalArgumentException when the format is AUTO
     */
    public static Payload of(byte[] body, PayloadFormat format, FlattenLimits limits) {
        return of(body, format, limits, UNCOUNTED);
    }

    /**
     * As {@link #of(byte[], PayloadFormat, FlattenLimits)}, telling {@code heap} the bytes each view
     * holds once it is built (the variables as {@link Flattened#heapBytes()} counts them, a
     * document an estimate from the body's size), so the worker can count them in flight.
     */
    public static Payload of(byte[] body, PayloadFormat format, FlattenLimits limits, LongConsumer heap) {
        return of(body, format, null, List.of(), null, null, limits, heap);
    }

    /** As {@link #of(byte[], PayloadFormat, String, List, byte[], String, FlattenLimits, LongConsumer)}, without a request. */
    public static Payload of(
            byte[] body,
            PayloadFormat format,
            String contentType,
            List<String> jsonFields,
            FlattenLimits limits,
            LongConsumer heap) {
        return of(body, format, contentType, jsonFields, null, null, limits, heap);
    }

    /**
     * As {@link #of(byte[], PayloadFormat, FlattenLimits, LongConsumer)}, for a body of any format
     * and, for an event, with its request: the variables then include {@code headers.<name>} and
     * {@code query.<name>} (see {@link RequestVariables}), which win over a body variable of the
     * same name. JsonPath and XPath still see the body alone.
     *
     * @param contentType the request's Content-Type: a multipart body's boundary is read from it
     *     (without a valid one the body does not parse); unused for other formats; may be null
     * @param jsonFields the endpoint's {@code jsonFields}: form or multipart fields whose value is
     *     JSON, flattened under their name (see {@link FieldFlattener})
     * @param headers the stored request headers, a JSON object in UTF-8; may be null
     * @param query the query string as received, without the {@code ?}; may be null
     */
    public static Payload of(
            byte[] body,
            PayloadFormat format,
            String contentType,
            List<String> jsonFields,
            byte[] headers,
            String query,
            FlattenLimits limits,
            LongConsumer heap) {
        Objects.requireNonNull(heap, "heap");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(limits, "limits");
        if (format == PayloadFormat.AUTO) {
            throw new IllegalArgumentException(
                    "payload format AUTO: resolve it from the Content-Type (PayloadFormat.resolve) first");
        }
        return new Payload(body, format, contentType, Set.copyOf(jsonFields), headers, query, limits, heap);
    }

    /** Tells the payload's listener the heap a view holds once it is built. */
    void heap(long bytes) {
        heap.accept(bytes);
    }

    /** JSON, XML, FORM or MULTIPART, never AUTO. */
    public PayloadFormat format() {
        return format;
    }

    /** The raw body, shared: do not modify. */
    public byte[] body() {
        return body;
    }

    /**
     * The flattened variables in document order, unmodifiable; see {@link JsonFlattener},
     * {@link XmlFlattener} and {@link FieldFlattener} for the naming rules. Over a limit, the
     * variables that fit: see {@link #flattened()}.
     *
     * @throws MalformedPayloadException when the body is not well-formed
     */
    public Map<String, String> variables() {
        return flattened().variables();
    }

    /**
     * The variables with what was left out of them, if anything, and the heap they hold.
     *
     * @throws MalformedPayloadException when the body is not well-formed
     */
    public Flattened flattened() {
        return flattened.get(
                this, Payload::flatten, all -> all.heapBytes() - bodyVariables().heapBytes());
    }

    /**
     * The variable names, as the keys of the result: {@link #flattened()} once it was computed,
     * else a walk that builds no value (its values are all {@code ""}), for an event whose names
     * are recorded and whose values nothing reads.
     *
     * @throws MalformedPayloadException when the body is not well-formed
     */
    public Flattened names() {
        Flattened full = bodyVariables.peek();
        return full != null ? full : names.get(this, Payload::walkBodyNames, Flattened::heapBytes);
    }

    /** Whether the payload has a {@link #jsonDocument()}: every format but XML. */
    public boolean hasJsonDocument() {
        return format != PayloadFormat.XML;
    }

    /**
     * The body as a Jackson tree, parsed once through {@link Parsers#jsonMapper()}, for JsonPath
     * with a Jackson node provider; for a form or multipart body, the JSON view of its fields
     * (see {@link FieldFlattener}).
     *
     * @throws IllegalStateException when the payload is XML
     * @throws MalformedPayloadException when the body is not well-formed
     */
    public JsonNode jsonDocument() {
        if (!hasJsonDocument()) {
            throw new IllegalStateException("an XML payload has no JSON document");
        }
        if (format.hasFields()) {
            return fieldsDocument
                    .get(
                            this,
                            p -> FieldFlattener.view(p.body, p.fields(), p.jsonFields),
                            FieldFlattener.View::heapBytes)
                    .document();
        }
        return jsonDocument.get(this, Payload::parseJson, tree -> (long) body.length * JSON_TREE_BYTES_PER_BODY_BYTE);
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
            throw new IllegalStateException(
                    "a " + format.name().toLowerCase(Locale.ROOT) + " payload has no XML document");
        }
        return xmlDocument.get(this, Payload::parseXml, dom -> (long) body.length * DOM_BYTES_PER_BODY_BYTE);
    }

    private Flattened flatten() {
        return RequestVariables.over(bodyVariables(), headers, query, limits);
    }

    private Flattened bodyVariables() {
        return bodyVariables.get(this, Payload::flattenBody, Flattened::heapBytes);
    }

    private Flattened flattenBody() {
        return switch (format) {
            case JSON -> JsonFlattener.flatten(body, limits);
            case XML -> XmlFlattener.flatten(body, limits);
            default -> FieldFlattener.flatten(body, fields(), jsonFields, new VariableSink(limits, true));
        };
    }

    private Flattened walkBodyNames() {
        return switch (format) {
            case JSON -> JsonFlattener.names(body, limits);
            case XML -> XmlFlattener.names(body, limits);
            default -> FieldFlattener.flatten(body, fields(), jsonFields, new VariableSink(limits, false));
        };
    }

    /** The fields of a form or multipart body, read again for each view that needs them. */
    private List<BodyField> fields() {
        return format == PayloadFormat.FORM ? FormParser.fields(body) : MultipartParser.fields(body, contentType);
    }

    private JsonNode parseJson() {
        return Parsers.jsonTree(body);
    }

    private Document parseXml() {
        try {
            return Parsers.documentBuilder().parse(new ByteArrayInputStream(body));
        } catch (SAXParseException e) {
            throw new MalformedPayloadException(SafeReason.at(e.getMessage(), e.getLineNumber(), e.getColumnNumber()));
        } catch (SAXException e) {
            throw new MalformedPayloadException(SafeReason.clean(e.getMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
