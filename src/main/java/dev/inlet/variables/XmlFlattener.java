package dev.inlet.variables;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Flattens an XML body into variables named like JSON's, through the hardened
 * {@link Parsers#xml()} reader.
 *
 * <ul>
 *   <li>{@code <order id="7"><item><sku>A</sku></item><item><sku>B</sku></item></order>} gives
 *       {@code order.@id = 7}, {@code order.item[0].sku = A}, {@code order.item[1].sku = B}:
 *       the root element's name comes first, attributes are {@code @name}.</li>
 *   <li>Sibling elements sharing a name are indexed from 0 in document order; an element alone
 *       of its name among its siblings has no index.</li>
 *   <li>An element with neither attributes nor child elements is a variable holding its text,
 *       the empty string when it has none ({@code <note/>} gives {@code note = ""}). Otherwise
 *       its text, if any, is {@code ….#text}.</li>
 *   <li>Text is the concatenation of the element's own text and CDATA, trimmed of leading and
 *       trailing whitespace; whitespace-only text between elements is thus ignored. Comments and
 *       processing instructions are ignored.</li>
 *   <li>Names are the local name with its prefix as written ({@code soap:Body},
 *       {@code @xml:lang}), whatever namespace the prefix is bound to; namespace declarations
 *       ({@code xmlns}, {@code xmlns:p}) yield no variable.</li>
 *   <li>Order: an element's attributes, then its text, then its children, depth first.</li>
 * </ul>
 *
 * <p>One pass builds a small tree of names and texts (indexes need to know whether a name
 * repeats among siblings), which is then walked. Thread-safe; the body should have passed
 * {@link PayloadSyntax#checkXml(byte[])}.
 */
public final class XmlFlattener {

    private XmlFlattener() {
    }

    /**
     * The variables of an XML body in document order, unmodifiable.
     *
     * @throws MalformedPayloadException when the body is not a well-formed, allowed document
     */
    public static Map<String, String> flatten(byte[] body) {
        Element root = read(body);
        Map<String, String> variables = new LinkedHashMap<>();
        emit(root, root.name, variables);
        return Collections.unmodifiableMap(variables);
    }

    private static Element read(byte[] body) {
        XMLStreamReader reader = null;
        try {
            reader = Parsers.xmlReader(body);
            Deque<Element> open = new ArrayDeque<>();
            Element root = null;
            while (reader.hasNext()) {
                switch (XmlEvents.next(reader)) {
                    case XMLStreamConstants.START_ELEMENT -> {
                        Element element = Element.start(reader);
                        if (open.isEmpty()) {
                            root = element;
                        } else {
                            open.peek().children().add(element);
                        }
                        open.push(element);
                    }
                    case XMLStreamConstants.END_ELEMENT -> open.pop();
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA,
                            XMLStreamConstants.SPACE -> {
                        if (!open.isEmpty()) {
                            open.peek().text().append(reader.getTextCharacters(),
                                    reader.getTextStart(), reader.getTextLength());
                        }
                    }
                    default -> {
                        // Comments, processing instructions, document start and end.
                    }
                }
            }
            if (root == null) {
                throw new MalformedPayloadException("no root element");
            }
            return root;
        } catch (XMLStreamException e) {
            throw XmlEvents.malformed(e);
        } finally {
            XmlEvents.close(reader);
        }
    }

    private static void emit(Element element, String path, Map<String, String> variables) {
        List<String> attributes = element.attributes();
        for (int i = 0; i < attributes.size(); i += 2) {
            variables.put(path + ".@" + attributes.get(i), attributes.get(i + 1));
        }
        String text = element.text().toString().trim();
        if (attributes.isEmpty() && element.children().isEmpty()) {
            variables.put(path, text);
        } else if (!text.isEmpty()) {
            variables.put(path + ".#text", text);
        }
        Map<String, Integer> counts = new HashMap<>();
        for (Element child : element.children()) {
            counts.merge(child.name, 1, Integer::sum);
        }
        Map<String, Integer> seen = new HashMap<>();
        for (Element child : element.children()) {
            String childPath = path + '.' + child.name;
            if (counts.get(child.name) > 1) {
                int index = seen.merge(child.name, 1, Integer::sum) - 1;
                childPath += "[" + index + "]";
            }
            emit(child, childPath, variables);
        }
    }

    /** One element as read: name, attribute name/value pairs, own text, child elements. */
    private record Element(String name, List<String> attributes, StringBuilder text,
                           List<Element> children) {

        static Element start(XMLStreamReader reader) {
            int count = reader.getAttributeCount();
            List<String> attributes = count == 0 ? List.of() : new ArrayList<>(2 * count);
            for (int i = 0; i < count; i++) {
                attributes.add(qualified(reader.getAttributePrefix(i),
                        reader.getAttributeLocalName(i)));
                attributes.add(reader.getAttributeValue(i));
            }
            return new Element(qualified(reader.getPrefix(), reader.getLocalName()), attributes,
                    new StringBuilder(), new ArrayList<>(2));
        }

        private static String qualified(String prefix, String localName) {
            return prefix == null || prefix.isEmpty() ? localName : prefix + ':' + localName;
        }
    }
}
