package dev.inlet.actions;

import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import org.jaxen.FunctionCallException;
import org.jaxen.JaxenConstants;
import org.jaxen.UnsupportedAxisException;
import org.jaxen.XPath;
import org.jaxen.dom.DocumentNavigator;
import org.jaxen.saxpath.SAXPathException;
import org.w3c.dom.Node;

/**
 * Jaxen's DOM navigator, spending one evaluation's {@link ConditionBudget}: a step for every axis
 * walked and every node it yields, every parent looked up, and every string value read (plus its
 * length, see {@link ConditionBudget#chargeText}). Jaxen reaches the document only through its
 * navigator, so this counts all the work an XPath does on a payload, and the budget's exception,
 * unchecked, passes through Jaxen (2.0.0 catches only its own and {@code ClassCastException}s).
 *
 * <p>One per evaluation: it holds the evaluation's budget.
 *
 * <p>Over 300 lines because it overrides every axis and every string-value read of Jaxen's
 * navigator, one short method each, so that no step escapes the budget.
 */
final class ConditionXPathNavigator extends DocumentNavigator {

    private static final long serialVersionUID = 1L;

    private final transient ConditionBudget budget;
    /** The index of a node among its parent's children, for the parents whose children were sorted. */
    private final transient Map<Object, Integer> childIndex = new IdentityHashMap<>();

    ConditionXPathNavigator(ConditionBudget budget) {
        this.budget = budget;
    }

    ConditionBudget budget() {
        return budget;
    }

    @Override
    public Iterator getChildAxisIterator(Object contextNode) {
        return metered(super.getChildAxisIterator(contextNode));
    }

    @Override
    public Iterator getDescendantAxisIterator(Object contextNode) throws UnsupportedAxisException {
        return metered(super.getDescendantAxisIterator(contextNode));
    }

    @Override
    public Iterator getDescendantOrSelfAxisIterator(Object contextNode) throws UnsupportedAxisException {
        return metered(super.getDescendantOrSelfAxisIterator(contextNode));
    }

    @Override
    public Iterator getParentAxisIterator(Object contextNode) {
        return metered(super.getParentAxisIterator(contextNode));
    }

    @Override
    public Iterator getAncestorAxisIterator(Object contextNode) throws UnsupportedAxisException {
        return metered(super.getAncestorAxisIterator(contextNode));
    }

    @Override
    public Iterator getAncestorOrSelfAxisIterator(Object contextNode) throws UnsupportedAxisException {
        return metered(super.getAncestorOrSelfAxisIterator(contextNode));
    }

    @Override
    public Iterator getSelfAxisIterator(Object contextNode) throws UnsupportedAxisException {
        return metered(super.getSelfAxisIterator(contextNode));
    }

    @Override
    public Iterator getFollowingSiblingAxisIterator(Object contextNode) {
        return metered(super.getFollowingSiblingAxisIterator(contextNode));
    }

    @Override
    public Iterator getPrecedingSiblingAxisIterator(Object contextNode) {
        return metered(super.getPrecedingSiblingAxisIterator(contextNode));
    }

    @Override
    public Iterator getFollowingAxisIterator(Object contextNode) {
        return metered(super.getFollowingAxisIterator(contextNode));
    }

    @Override
    public Iterator getPrecedingAxisIterator(Object contextNode) throws UnsupportedAxisException {
        return metered(super.getPrecedingAxisIterator(contextNode));
    }

    @Override
    public Iterator getAttributeAxisIterator(Object contextNode) {
        return metered(super.getAttributeAxisIterator(contextNode));
    }

    @Override
    public Iterator getNamespaceAxisIterator(Object contextNode) {
        // The namespaces in scope are collected from every ancestor before the first is returned.
        for (Node node = (Node) contextNode; node != null; node = node.getParentNode()) {
            budget.charge(1 + (node.hasAttributes() ? node.getAttributes().getLength() : 0));
        }
        return metered(super.getNamespaceAxisIterator(contextNode));
    }

    /**
     * Document order, as XPath 1.0 defines it: an element before its namespace nodes, then its
     * attributes, then its children. Two siblings are ordered by their index under the parent, found
     * by walking the parent's children once per evaluation; Jaxen's own comparator walks the
     * following siblings of one on every comparison.
     */
    Comparator<Object> documentOrder() {
        return this::compareInDocument;
    }

    private int compareInDocument(Object a, Object b) {
        budget.charge(1);
        if (a == b || a.equals(b)) {
            return 0;
        }
        int depthA = depth(a);
        int depthB = depth(b);
        Object x = a;
        Object y = b;
        for (; depthA > depthB; depthA--) {
            x = getParentNode(x);
        }
        if (x == b) {
            return 1;
        }
        for (; depthB > depthA; depthB--) {
            y = getParentNode(y);
        }
        if (y == a) {
            return -1;
        }
        while (true) {
            Object parentX = getParentNode(x);
            Object parentY = getParentNode(y);
            if (parentX == null || parentY == null) {
                return 0;
            }
            if (parentX == parentY) {
                return compareSiblings(x, y, (Node) parentX);
            }
            x = parentX;
            y = parentY;
        }
    }

    private int depth(Object node) {
        int depth = 0;
        for (Object at = getParentNode(node); at != null; at = getParentNode(at)) {
            depth++;
        }
        return depth;
    }

    private int compareSiblings(Object x, Object y, Node parent) {
        int kind = Integer.compare(kind(x), kind(y));
        if (kind != 0) {
            return kind;
        }
        if (isNamespace(x)) {
            return getNamespacePrefix(x).compareTo(getNamespacePrefix(y));
        }
        if (isAttribute(x)) {
            return getAttributeQName(x).compareTo(getAttributeQName(y));
        }
        return Integer.compare(childIndex(x, parent), childIndex(y, parent));
    }

    private int kind(Object node) {
        return isNamespace(node) ? 0 : isAttribute(node) ? 1 : 2;
    }

    private int childIndex(Object child, Node parent) {
        Integer index = childIndex.get(child);
        if (index == null) {
            int at = 0;
            for (Node each = parent.getFirstChild(); each != null; each = each.getNextSibling()) {
                budget.charge(1);
                childIndex.put(each, at++);
            }
            index = childIndex.getOrDefault(child, at);
        }
        return index;
    }

    @Override
    public Object getParentNode(Object child) {
        budget.charge(1);
        return super.getParentNode(child);
    }

    /** The text of the element's descendants in document order, as Jaxen's, but counted. */
    @Override
    public String getElementStringValue(Object object) {
        if (!isElement(object)) {
            return null;
        }
        Node element = (Node) object;
        Node first = element.getFirstChild();
        budget.charge(1);
        if (first != null && first.getNextSibling() == null && isText(first)) {
            // The common case, a leaf element: its one text, uncopied.
            return textOf(first);
        }
        StringBuilder text = new StringBuilder();
        Node node = first;
        while (node != null) {
            if (isText(node)) {
                text.append(textOf(node));
            } else {
                budget.charge(1);
                if (node.getFirstChild() != null) {
                    node = node.getFirstChild();
                    continue;
                }
            }
            while (node != element && node.getNextSibling() == null) {
                node = node.getParentNode();
            }
            node = node == element ? null : node.getNextSibling();
        }
        return text.toString();
    }

    private String textOf(Node text) {
        String value = text.getNodeValue();
        budget.chargeText(value.length());
        return value;
    }

    @Override
    public String getAttributeStringValue(Object object) {
        return charged(super.getAttributeStringValue(object));
    }

    @Override
    public String getTextStringValue(Object object) {
        return charged(super.getTextStringValue(object));
    }

    @Override
    public String getCommentStringValue(Object object) {
        return charged(super.getCommentStringValue(object));
    }

    @Override
    public String getNamespaceStringValue(Object object) {
        return charged(super.getNamespaceStringValue(object));
    }

    @Override
    public String getProcessingInstructionData(Object object) {
        return charged(super.getProcessingInstructionData(object));
    }

    /** "" for an element in no namespace, as XPath's namespace-uri() says (Jaxen's DOM navigator: null). */
    @Override
    public String getElementNamespaceUri(Object element) {
        String uri = super.getElementNamespaceUri(element);
        return uri == null && isElement(element) ? "" : uri;
    }

    @Override
    public Object getElementById(Object contextNode, String elementId) {
        budget.charge(1);
        return super.getElementById(contextNode, elementId);
    }

    /** Never called: no function that loads a document is registered; refused should one ever be. */
    @Override
    public Object getDocument(String uri) throws FunctionCallException {
        throw new FunctionCallException("conditions cannot load documents");
    }

    /** Never called: no function that evaluates a text as XPath is registered; refused should one ever be. */
    @Override
    public XPath parseXPath(String xpath) throws SAXPathException {
        throw new SAXPathException("conditions cannot evaluate texts as XPath");
    }

    private String charged(String value) {
        budget.chargeText(value == null ? 0 : value.length());
        return value;
    }

    private Iterator metered(Iterator nodes) {
        budget.charge(1);
        if (nodes == JaxenConstants.EMPTY_ITERATOR) {
            return nodes;
        }
        return new Iterator() {
            @Override
            public boolean hasNext() {
                return nodes.hasNext();
            }

            @Override
            public Object next() {
                budget.charge(1);
                return nodes.next();
            }
        };
    }
}
