package dev.inlet.variables;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
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
 * repeats among siblings), which is then walked. Both are bounded by {@link FlattenLimits}: the tree
 * keeps no element once the variables before it fill {@code maxVariables}, none whose path alone is
 * longer than {@code maxNameLength}, and no text or attribute value past {@code maxChars}; the walk
 * builds names in one buffer and never past {@code maxNameLength}. What is left out is noted in
 * {@link Flattened#truncated()}, and the rest of the document still flattens with the same names.
 * Thread-safe; the body should have passed {@link PayloadSyntax#checkXml(byte[])}.
 *
 * <p>Over 300 lines because the bounded tree it builds (whether a name repeats among siblings
 * decides the indexes) and the walk that names its variables are one algorithm.
 */
public final class XmlFlattener {

    private XmlFlattener() {}

    /**
     * The variables of an XML body in document order, unmodifiable, within the
     * {@link FlattenLimits#DEFAULT default limits}.
     *
     * @throws MalformedPayloadException when the body is not a well-formed, allowed document
     */
    public static Map<String, String> flatten(byte[] body) {
        return flatten(body, FlattenLimits.DEFAULT).variables();
    }

    /**
     * The variables of an XML body in document order, as far as {@code limits} allow.
     *
     * @throws MalformedPayloadException when the body is not a well-formed, allowed document
     */
    public static Flattened flatten(byte[] body, FlattenLimits limits) {
        return flatten(body, new VariableSink(limits, true));
    }

    /**
     * The variable names of an XML body, as {@link #flatten(byte[], FlattenLimits)} would name
     * them, keeping no text or attribute value (every value is {@code ""}; only names count
     * against the characters bound).
     *
     * @throws MalformedPayloadException when the body is not a well-formed, allowed document
     */
    public static Flattened names(byte[] body, FlattenLimits limits) {
        return flatten(body, new VariableSink(limits, false));
    }

    private static Flattened flatten(byte[] body, VariableSink sink) {
        Element root = new TreeReader(sink).read(body);
        if (root != null) {
            emit(root, new StringBuilder(root.name), sink);
        }
        return sink.result();
    }

    /** The variables of {@code element}, whose name {@code path} holds; the path is as it was on return. */
    private static void emit(Element element, StringBuilder path, VariableSink sink) {
        int base = path.length();
        List<String> attributes = element.attributes;
        for (int i = 0; i < attributes.size(); i += 2) {
            String name = attributes.get(i);
            String value = attributes.get(i + 1);
            if (value == null) {
                sink.exceeded(FlattenLimits.Bound.CHARS);
            } else if (sink.fits(base + 2 + name.length(), value.length())) {
                sink.put(path.append(".@").append(name).toString(), value);
                path.setLength(base);
            }
        }
        boolean leaf = attributes.isEmpty() && !element.hasChildElements;
        if (leaf || element.hasText) {
            int suffix = leaf ? 0 : ".#text".length();
            if (element.textDropped && sink.keepsValues()) {
                sink.exceeded(FlattenLimits.Bound.CHARS);
            } else {
                String text =
                        element.text == null ? "" : element.text.toString().trim();
                if (sink.fits(base + suffix, text.length())) {
                    sink.put(leaf ? path.toString() : path.append(".#text").toString(), text);
                    path.setLength(base);
                }
            }
        }
        if (element.children == null) {
            return;
        }
        Map<String, Integer> seen = new HashMap<>();
        int maxName = sink.limits().maxNameLength();
        for (Element child : element.children) {
            boolean indexed = element.childCounts.get(child.name) > 1;
            int index = indexed ? seen.merge(child.name, 1, Integer::sum) - 1 : 0;
            int length = base + 1 + child.name.length() + (indexed ? digits(index) + 2 : 0);
            if (length > maxName) {
                // Its own variables, and its children's, would have longer names still.
                sink.exceeded(FlattenLimits.Bound.NAME_LENGTH);
                continue;
            }
            path.append('.').append(child.name);
            if (indexed) {
                path.append('[').append(index).append(']');
            }
            emit(child, path, sink);
            path.setLength(base);
        }
    }

    private static int digits(int n) {
        return n < 10 ? 1 : String.valueOf(n).length();
    }

    /**
     * Reads the document into a tree of the elements that can yield a variable. It counts the
     * variables already certain before the current element (attributes of open and closed
     * elements, closed leaves and texts): elements are emitted in the order they start, so once
     * that count reaches {@code maxVariables}, no later element can yield one, and none is kept.
     */
    private static final class TreeReader {
        private final VariableSink sink;
        private final FlattenLimits limits;
        private final Deque<Element> open = new ArrayDeque<>();
        /** Open elements not kept, the innermost kept one's descendants; 0 outside of them. */
        private int droppedDepth;

        private long variablesBefore;
        private long charsLeft;
        private boolean sawRoot;

        TreeReader(VariableSink sink) {
            this.sink = sink;
            this.limits = sink.limits();
            this.charsLeft = limits.maxChars();
        }

        Element read(byte[] body) {
            XMLStreamReader reader = null;
            try {
                reader = Parsers.xmlReader(body);
                Element root = null;
                while (reader.hasNext()) {
                    switch (XmlEvents.next(reader)) {
                        case XMLStreamConstants.START_ELEMENT -> {
                            Element element = start(reader);
                            if (element != null && open.size() == 1) {
                                root = element;
                            }
                        }
                        case XMLStreamConstants.END_ELEMENT -> end();
                        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> text(
                                reader);
                        default -> {
                            // Comments, processing instructions, document start and end.
                        }
                    }
                }
                if (!sawRoot) {
                    throw new MalformedPayloadException("no root element");
                }
                return root;
            } catch (XMLStreamException e) {
                throw XmlEvents.malformed(e);
            } finally {
                XmlEvents.close(reader);
            }
        }

        /** The element kept for this start, or null when it is not kept. */
        private Element start(XMLStreamReader reader) {
            if (droppedDepth > 0) {
                droppedDepth++;
                return null;
            }
            sawRoot = true;
            Element parent = open.peek();
            String name = qualified(reader.getPrefix(), reader.getLocalName());
            int pathLength = parent == null ? name.length() : parent.pathLength + 1 + name.length();
            if (parent != null) {
                parent.hasChildElements = true;
            }
            // Every element yields at least one variable, its own or a descendant's.
            if (pathLength > limits.maxNameLength() || variablesBefore >= limits.maxVariables()) {
                sink.exceeded(
                        pathLength > limits.maxNameLength()
                                ? FlattenLimits.Bound.NAME_LENGTH
                                : FlattenLimits.Bound.VARIABLES);
                if (parent != null && parent.childCounts != null) {
                    // A later sibling of a kept one's name still makes the kept one indexed.
                    parent.childCounts.computeIfPresent(name, (n, count) -> count + 1);
                }
                droppedDepth = 1;
                return null;
            }
            Element element = new Element(name, pathLength, attributes(reader));
            variablesBefore += element.attributes.size() / 2;
            if (parent != null) {
                parent.add(element);
            }
            open.push(element);
            return element;
        }

        private void end() {
            if (droppedDepth > 0) {
                droppedDepth--;
                return;
            }
            Element element = open.pop();
            boolean leaf = element.attributes.isEmpty() && !element.hasChildElements;
            if (leaf || element.hasText) {
                variablesBefore++;
            }
        }

        private void text(XMLStreamReader reader) {
            Element element = open.peek();
            if (droppedDepth > 0 || element == null || element.textDropped) {
                return;
            }
            char[] chars = reader.getTextCharacters();
            int from = reader.getTextStart();
            int to = from + reader.getTextLength();
            if (element.text == null) {
                // Leading whitespace is trimmed anyway: indentation between elements costs nothing.
                while (from < to && chars[from] <= ' ') {
                    from++;
                }
                if (from == to) {
                    return;
                }
            }
            element.hasText = true;
            if (!sink.keepsValues()) {
                // A names-only walk needs to know that there is text, not what it is.
                element.textDropped = true;
                return;
            }
            int length = to - from;
            int held = element.text == null ? 0 : element.text.length();
            if (length > charsLeft) {
                // Too long to keep whole; a cut value would be a wrong one.
                element.textDropped = true;
                element.text = null;
                charsLeft += held;
                return;
            }
            if (element.text == null) {
                element.text = new StringBuilder(length);
            }
            element.text.append(chars, from, length);
            charsLeft -= length;
        }

        /** Name/value pairs; a value is null when it did not fit the characters left, "" in a names-only walk. */
        private List<String> attributes(XMLStreamReader reader) {
            int count = reader.getAttributeCount();
            if (count == 0) {
                return List.of();
            }
            List<String> attributes = new ArrayList<>(2 * count);
            for (int i = 0; i < count; i++) {
                attributes.add(qualified(reader.getAttributePrefix(i), reader.getAttributeLocalName(i)));
                String value = null;
                if (!sink.keepsValues()) {
                    value = "";
                } else {
                    String read = reader.getAttributeValue(i);
                    if (read.length() <= charsLeft) {
                        value = read;
                        charsLeft -= read.length();
                    }
                }
                attributes.add(value);
            }
            return attributes;
        }
    }

    private static String qualified(String prefix, String localName) {
        return prefix == null || prefix.isEmpty() ? localName : prefix + ':' + localName;
    }

    /** One element as read: its name, its path's length without indexes, what it holds. */
    private static final class Element {
        final String name;
        final int pathLength;
        final List<String> attributes;
        /** Own text so far, leading whitespace dropped; null while there is none or it is not kept. */
        StringBuilder text;
        /** Whether the element has text other than whitespace. */
        boolean hasText;
        /** Its text is not kept: too long for the characters left, or a names-only walk. */
        boolean textDropped;

        boolean hasChildElements;
        /** Kept child elements in document order, and per name how many siblings have it; null until the first. */
        List<Element> children;

        Map<String, Integer> childCounts;

        Element(String name, int pathLength, List<String> attributes) {
            this.name = name;
            this.pathLength = pathLength;
            this.attributes = attributes;
        }

        void add(Element child) {
            if (children == null) {
                children = new ArrayList<>(2);
                childCounts = new HashMap<>(4);
            }
            children.add(child);
            childCounts.merge(child.name, 1, Integer::sum);
        }
    }
}
