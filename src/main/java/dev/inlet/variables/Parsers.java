package dev.inlet.variables;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.stax.WstxInputFactory;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLResolver;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.codehaus.stax2.XMLInputFactory2;
import org.codehaus.stax2.io.Stax2ByteArraySource;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The hardened, shared parser factories for untrusted webhook bodies, and the limits of every body
 * parser.
 *
 * <p>Every JSON and XML body in Inlet is read through these factories: the syntax check, the
 * flatteners and {@link Payload}'s documents. They are configured once and safe to share between
 * threads; callers must not reconfigure them. Form and multipart bodies are read by Inlet's own
 * scanners ({@link FormParser}, {@link MultipartParser}) within the limits declared here.
 */
public final class Parsers {

    /**
     * Deepest nesting accepted in JSON (arrays and objects together) and XML; webhook payloads
     * rarely go past 20 levels.
     */
    public static final int MAX_DEPTH = 256;
    /**
     * Longest JSON number literal, in digits as Jackson counts them: integer, fraction and exponent
     * digits together, not the sign, point or {@code e}. Ids and amounts fit, and it bounds
     * BigDecimal parse cost.
     */
    public static final int MAX_NUMBER_LENGTH = 100;
    /**
     * Longest JSON string (in UTF-16 chars once decoded) or XML text node: a base64 attachment
     * fits, a 20 MB blob does not.
     */
    public static final int MAX_STRING_LENGTH = 4 * 1024 * 1024;
    /**
     * Longest JSON field name, in UTF-8 bytes once decoded (Jackson's measure), and longest XML
     * element or attribute name with its prefix, in characters: keys are identifiers, not data.
     * The DOM builder that XPath conditions read takes names up to the same length.
     */
    public static final int MAX_NAME_LENGTH = 4096;
    /** Most attributes on one XML element. */
    public static final int MAX_ATTRIBUTES = 256;
    /** Longest XML attribute value. */
    public static final int MAX_ATTRIBUTE_LENGTH = 64 * 1024;

    /**
     * Most fields in a form body: Twilio posts about 40, a Slack slash command a dozen; empty
     * segments ({@code a=1&&b=2}) are not fields and do not count.
     */
    public static final int MAX_FIELDS = 10_000;
    /** Most parts in a multipart body: Mailgun and SendGrid post a few dozen, attachments included. */
    public static final int MAX_PARTS = 1_000;
    /**
     * Longest form or multipart field name, in UTF-8 bytes once decoded: the same bound as a JSON
     * field name's.
     */
    public static final int MAX_FIELD_NAME_BYTES = MAX_NAME_LENGTH;
    /**
     * Longest value of a form field or a multipart text part, in bytes once decoded (a file part's
     * bytes are not a value and are bounded by the body alone).
     */
    public static final int MAX_FIELD_VALUE_BYTES = MAX_STRING_LENGTH;
    /**
     * Most bytes of names and text values in one form or multipart body, once decoded: what its
     * variables and JSON view can be made of, whatever {@code maxBodySize} lets attachments weigh.
     */
    public static final int MAX_FIELDS_TEXT_BYTES = 16 * 1024 * 1024;
    /** Longest header block of one multipart part, its CRLFs included: a few short lines in practice. */
    public static final int MAX_PART_HEADER_BYTES = 8 * 1024;

    // Jackson's defaults (depth 1000, numbers 1000 chars, strings 20M) are sized for trusted
    // documents; a webhook body is attacker-controlled, so each limit is cut to what real
    // payloads need. Field names are not interned: interning attacker strings grows the JVM pool.
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .maxStringLength(MAX_STRING_LENGTH)
                    .maxNameLength(MAX_NAME_LENGTH)
                    .build())
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .build();

    private static final ObjectMapper JSON_MAPPER = new ObjectMapper(JSON)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    // Defence in depth: with DTDs off nothing should ever be resolved.
    private static final XMLResolver REFUSING_RESOLVER = (publicId, systemId, base, namespace) -> {
        throw new XMLStreamException("external resources are not allowed");
    };

    private static final XMLInputFactory2 XML = hardenedXml();

    private static final DocumentBuilderFactory DOM = hardenedDom();

    private static final ThreadLocal<DocumentBuilder> DOM_BUILDER =
            ThreadLocal.withInitial(Parsers::newDocumentBuilder);

    private static final com.jayway.jsonpath.Configuration JSON_PATH = com.jayway.jsonpath.Configuration.builder()
            .jsonProvider(new com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider(JSON_MAPPER))
            .mappingProvider(new com.jayway.jsonpath.spi.mapper.JacksonMappingProvider(JSON_MAPPER))
            .options(com.jayway.jsonpath.Option.SUPPRESS_EXCEPTIONS)
            .build();

    private Parsers() {}

    /** The shared streaming JSON factory with tight {@link StreamReadConstraints}. */
    public static JsonFactory json() {
        return JSON;
    }

    /** A tree mapper on {@link #json()}: one value per body, floats kept as BigDecimal. */
    public static ObjectMapper jsonMapper() {
        return JSON_MAPPER;
    }

    /**
     * One JSON value as a Jackson tree, through {@link Parsers#jsonMapper()}: a body, or a form
     * field declared JSON.
     *
     * @throws MalformedPayloadException when it is not well-formed, or holds a number no tree can
     *     hold (an exponent past an int's range, such as {@code 2e999999999999}: well-formed JSON,
     *     which the flatteners keep as text, but not a BigDecimal)
     */
    static JsonNode jsonTree(byte[] json) {
        try {
            JsonNode tree = JSON_MAPPER.readTree(json);
            if (tree == null || tree.isMissingNode()) {
                throw new MalformedPayloadException("empty body: no JSON value");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw JsonFailure.malformed(e);
        } catch (NumberFormatException e) {
            throw new MalformedPayloadException(JsonFailure.NUMBER_OUT_OF_RANGE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * JsonPath over trees of {@link #jsonMapper()}, exceptions suppressed: a path that finds
     * nothing reads as null, never as a failure. For ingest's lookups of single values (the
     * idempotency key, signature fields); conditions meter theirs.
     */
    public static com.jayway.jsonpath.Configuration jsonPath() {
        return JSON_PATH;
    }

    /**
     * The shared Woodstox factory: no DTD, no entity replacement, no external access, bounded
     * depth, attributes and text. Readers it creates still report a DOCTYPE as an event, which
     * every walk in this package refuses.
     */
    public static XMLInputFactory xml() {
        return XML;
    }

    /** A reader over the whole body from {@link #xml()}; the caller closes it. */
    static XMLStreamReader xmlReader(byte[] body) throws XMLStreamException {
        return XML.createXMLStreamReader(new Stax2ByteArraySource(body, 0, body.length));
    }

    /**
     * This thread's DOM builder: doctype refused, no external entities, secure processing,
     * bounded depth. Not thread-safe, hence one per thread.
     */
    static DocumentBuilder documentBuilder() {
        DocumentBuilder builder = DOM_BUILDER.get();
        builder.reset();
        builder.setErrorHandler(ThrowingErrorHandler.INSTANCE);
        builder.setEntityResolver((publicId, systemId) -> {
            throw new SAXException("external resources are not allowed");
        });
        return builder;
    }

    private static XMLInputFactory2 hardenedXml() {
        XMLInputFactory2 factory = new WstxInputFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_VALIDATING, false);
        factory.setProperty(XMLInputFactory.RESOLVER, REFUSING_RESOLVER);
        factory.setProperty(WstxInputProperties.P_DTD_RESOLVER, REFUSING_RESOLVER);
        factory.setProperty(WstxInputProperties.P_ENTITY_RESOLVER, REFUSING_RESOLVER);
        factory.setProperty(WstxInputProperties.P_MAX_ELEMENT_DEPTH, MAX_DEPTH);
        factory.setProperty(WstxInputProperties.P_MAX_ATTRIBUTES_PER_ELEMENT, MAX_ATTRIBUTES);
        factory.setProperty(WstxInputProperties.P_MAX_ATTRIBUTE_SIZE, MAX_ATTRIBUTE_LENGTH);
        factory.setProperty(WstxInputProperties.P_MAX_TEXT_LENGTH, MAX_STRING_LENGTH);
        // Eager parsing: every token is fully read, so limits and bad characters fail on the
        // token itself rather than being skipped unchecked.
        factory.setProperty(XMLInputFactory2.P_LAZY_PARSING, false);
        factory.setProperty(XMLInputFactory2.P_INTERN_NAMES, false);
        factory.setProperty(XMLInputFactory2.P_INTERN_NS_URIS, false);
        // StAX has no XInclude processing at all: an xi:include element is just an element.
        return factory;
    }

    private static DocumentBuilderFactory hardenedDom() {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            // Deferred DOM nodes expand on first read, which makes concurrent reads unsafe.
            factory.setFeature("http://apache.org/xml/features/dom/defer-node-expansion", false);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser lacks a hardening feature", e);
        }
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setAttribute("http://www.oracle.com/xml/jaxp/properties/maxElementDepth", String.valueOf(MAX_DEPTH));
        // Secure processing allows 1,000-character names; the syntax check lets longer ones through,
        // and a DOM that refused them would make an accepted event fail its XPath conditions.
        factory.setAttribute(
                "http://www.oracle.com/xml/jaxp/properties/maxXMLNameLimit", String.valueOf(MAX_NAME_LENGTH));
        factory.setNamespaceAware(true);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        factory.setValidating(false);
        factory.setIgnoringComments(true);
        return factory;
    }

    private static DocumentBuilder newDocumentBuilder() {
        try {
            synchronized (DOM) {
                return DOM.newDocumentBuilder();
            }
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("cannot create a hardened DOM builder", e);
        }
    }

    /** Fails on every problem instead of printing "[Fatal Error]" to stderr. */
    private enum ThrowingErrorHandler implements ErrorHandler {
        INSTANCE;

        @Override
        public void warning(SAXParseException e) {}

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    }
}
