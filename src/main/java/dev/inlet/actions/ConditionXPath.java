package dev.inlet.actions;

import dev.inlet.config.PayloadFormat;
import dev.inlet.variables.Payload;
import java.util.Collections;
import java.util.Iterator;
import javax.xml.XMLConstants;
import javax.xml.namespace.NamespaceContext;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpression;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import javax.xml.xpath.XPathFactoryConfigurationException;
import org.w3c.dom.Document;

/**
 * An XPath condition, evaluated as XPath {@code boolean()} on the payload's DOM. Neither
 * {@link XPathExpression} nor the JDK's {@link XPathFactory} is thread-safe, so each thread
 * compiles its own copy once.
 */
final class ConditionXPath implements Condition {

    private static final NamespaceContext NO_PREFIXES = new NamespaceContext() {
        @Override
        public String getNamespaceURI(String prefix) {
            return null;
        }

        @Override
        public String getPrefix(String namespaceUri) {
            return null;
        }

        @Override
        public Iterator<String> getPrefixes(String namespaceUri) {
            return Collections.emptyIterator();
        }
    };

    private static final ThreadLocal<XPath> XPATH = ThreadLocal.withInitial(ConditionXPath::newXPath);

    private final String expression;
    private final ThreadLocal<XPathExpression> compiled;

    private ConditionXPath(String expression) {
        this.expression = expression;
        this.compiled = ThreadLocal.withInitial(() -> compileOrFail(expression));
    }

    static ConditionXPath compile(String expression) {
        ConditionXPath condition = new ConditionXPath(expression);
        // Compiling on the calling thread now reports a bad expression at start-up.
        condition.compiled.get();
        return condition;
    }

    @Override
    public boolean test(Payload payload) {
        if (payload.format() != PayloadFormat.XML) {
            return false;
        }
        Document document = payload.xmlDocument();
        XPathExpression xpath = compiled.get();
        try {
            // JDK DOM reads cache node lists: concurrent readers of one document take turns.
            synchronized (document) {
                return (Boolean) xpath.evaluate(document, XPathConstants.BOOLEAN);
            }
        } catch (XPathExpressionException e) {
            // An expression that fails on this document (a type error, say) does not match it.
            return false;
        }
    }

    private static XPathExpression compileOrFail(String expression) {
        try {
            return XPATH.get().compile(expression);
        } catch (XPathExpressionException e) {
            // The JDK wraps the useful message in a TransformerException.
            String reason = e.getCause() != null && e.getCause().getMessage() != null
                    ? e.getCause().getMessage() : String.valueOf(e.getMessage());
            throw new IllegalArgumentException(
                    "condition \"" + expression + "\": invalid XPath: " + reason, e);
        }
    }

    private static XPath newXPath() {
        XPathFactory factory = XPathFactory.newInstance();
        try {
            // Secure processing refuses extension functions calling into Java.
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (XPathFactoryConfigurationException e) {
            throw new IllegalStateException("the JDK XPath factory lacks secure processing", e);
        }
        XPath xpath = factory.newXPath();
        // No prefix is bound, so a prefixed name fails at compile time rather than never matching.
        xpath.setNamespaceContext(NO_PREFIXES);
        return xpath;
    }


    @Override
    public String toString() {
        return expression;
    }
}
