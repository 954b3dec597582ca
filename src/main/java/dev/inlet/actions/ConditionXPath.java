package dev.inlet.actions;

import dev.inlet.config.PayloadFormat;
import dev.inlet.variables.Payload;
import java.util.Collections;
import org.jaxen.Context;
import org.jaxen.ContextSupport;
import org.jaxen.JaxenException;
import org.jaxen.JaxenHandler;
import org.jaxen.JaxenRuntimeException;
import org.jaxen.NamespaceContext;
import org.jaxen.UnresolvableException;
import org.jaxen.VariableContext;
import org.jaxen.expr.Expr;
import org.jaxen.function.BooleanFunction;
import org.jaxen.saxpath.SAXPathException;
import org.jaxen.saxpath.XPathReader;
import org.jaxen.saxpath.helpers.XPathReaderFactory;
import org.w3c.dom.Document;

/**
 * An XPath 1.0 condition, evaluated by Jaxen as XPath {@code boolean()} on the payload's DOM. The
 * JDK's engine walks the DOM where nothing can count its work; Jaxen walks it through a navigator,
 * and each evaluation gets its own {@link ConditionXPathNavigator}, which spends the evaluation's
 * budget. The expression is compiled once, with {@link ConditionXPathFactory}'s location paths and
 * unions, and shared: Jaxen keeps no state in it while evaluating, and everything an evaluation
 * needs (navigator, functions, the absent namespaces and variables) comes in its own
 * {@link Context}.
 */
final class ConditionXPath implements Condition {

    /** No prefix is bound: {@link ConditionXPathFunctions#refuseUnbound} refuses them at compile time. */
    private static final NamespaceContext NO_PREFIXES = prefix -> null;

    private static final VariableContext NO_VARIABLES = (namespaceUri, prefix, name) -> {
        throw new UnresolvableException("no variables are bound: $" + name);
    };

    private final String expression;
    private final Expr xpath;

    private ConditionXPath(String expression, Expr xpath) {
        this.expression = expression;
        this.xpath = xpath;
    }

    static ConditionXPath compile(String expression) {
        try {
            XPathReader reader = XPathReaderFactory.createReader();
            JaxenHandler handler = new JaxenHandler();
            handler.setXPathFactory(new ConditionXPathFactory());
            reader.setXPathHandler(handler);
            reader.parse(expression);
            Expr root = handler.getXPathExpr().getRootExpr();
            ConditionXPathFunctions.CORE.refuseUnbound(root);
            return new ConditionXPath(expression, root);
        } catch (SAXPathException | IllegalArgumentException e) {
            throw new IllegalArgumentException("condition \"" + expression + "\": invalid XPath: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean test(Payload payload, ConditionBudget budget) {
        if (payload.format() != PayloadFormat.XML) {
            return false;
        }
        Document document = payload.xmlDocument();
        ConditionXPathNavigator navigator = new ConditionXPathNavigator(budget);
        Context context =
                new Context(new ContextSupport(NO_PREFIXES, ConditionXPathFunctions.CORE, NO_VARIABLES, navigator));
        context.setNodeSet(Collections.singletonList(document));
        try {
            // JDK DOM reads cache node lists: concurrent readers of one document take turns.
            synchronized (document) {
                return BooleanFunction.evaluate(xpath.evaluate(context), navigator);
            }
        } catch (JaxenException | JaxenRuntimeException | ClassCastException e) {
            // An expression that fails on this document (a type error, say) does not match it, as with
            // the JDK's engine. Jaxen reports a path from a number (last()/b) as a ClassCastException.
            return false;
        }
    }

    @Override
    public String toString() {
        return expression;
    }
}
