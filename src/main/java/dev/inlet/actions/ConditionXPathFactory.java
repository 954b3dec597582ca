package dev.inlet.actions;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jaxen.Context;
import org.jaxen.ContextSupport;
import org.jaxen.JaxenException;
import org.jaxen.expr.DefaultXPathFactory;
import org.jaxen.expr.Expr;
import org.jaxen.expr.LocationPath;
import org.jaxen.expr.Step;
import org.jaxen.expr.UnionExpr;
import org.jaxen.saxpath.Axis;

/**
 * Jaxen's expressions, except the two that put node-sets in document order: location paths and
 * unions. Jaxen's own sort them with a comparator that finds the order of two siblings by walking
 * from one through all its following siblings, which is quadratic in the siblings (sorting the 14,000
 * {@code /orders/order} of a 4 MiB body took 98 million steps). These sort with
 * {@link ConditionXPathNavigator#documentOrder()}, which indexes each parent's children once per
 * evaluation. Otherwise they evaluate as Jaxen's (2.0.0) do.
 */
final class ConditionXPathFactory extends DefaultXPathFactory {

    /** The steps charged for evaluating a location path, besides the nodes it visits. */
    private static final int PATH_STEPS = 4;

    @Override
    public LocationPath createAbsoluteLocationPath() {
        return new OrderedLocationPath(true);
    }

    @Override
    public LocationPath createRelativeLocationPath() {
        return new OrderedLocationPath(false);
    }

    @Override
    public UnionExpr createUnionExpr(Expr lhs, Expr rhs) {
        return new OrderedUnion(lhs, rhs);
    }

    private static List<Object> inDocumentOrder(List<Object> nodes, Context context) {
        nodes.sort(((ConditionXPathNavigator) context.getNavigator()).documentOrder());
        return nodes;
    }

    /** Jaxen's {@code DefaultAbsoluteLocationPath} and {@code DefaultRelativeLocationPath}, sorted our way. */
    private static final class OrderedLocationPath implements LocationPath {
        private static final long serialVersionUID = 1L;

        private final boolean absolute;
        private final List<Step> steps = new ArrayList<>();

        OrderedLocationPath(boolean absolute) {
            this.absolute = absolute;
        }

        @Override
        public void addStep(Step step) {
            steps.add(step);
        }

        @Override
        public List getSteps() {
            return steps;
        }

        @Override
        public boolean isAbsolute() {
            return absolute;
        }

        @Override
        public String getText() {
            StringBuilder text = new StringBuilder(absolute ? "/" : "");
            for (int i = 0; i < steps.size(); i++) {
                text.append(i == 0 ? "" : "/").append(steps.get(i).getText());
            }
            return text.toString();
        }

        @Override
        public Expr simplify() {
            steps.forEach(Step::simplify);
            return this;
        }

        @Override
        public Object evaluate(Context context) throws JaxenException {
            ContextSupport support = context.getContextSupport();
            // A path in a predicate is evaluated for every node tested, at a cost of its own.
            ((ConditionXPathNavigator) support.getNavigator()).budget().charge(PATH_STEPS);
            List<?> start = context.getNodeSet();
            if (absolute) {
                if (start.isEmpty()) {
                    return Collections.EMPTY_LIST;
                }
                Object document = support.getNavigator().getDocumentNode(start.get(0));
                if (document == null) {
                    return Collections.EMPTY_LIST;
                }
                start = Collections.singletonList(document);
            }
            List<Object> nodes = new ArrayList<>(start);
            Context stepContext = new Context(support);
            for (Step step : steps) {
                stepContext.setNodeSet(nodes);
                nodes = step.evaluate(stepContext);
                if (isReverse(step.getAxis())) {
                    Collections.reverse(nodes);
                }
            }
            if (steps.size() > 1 || start.size() > 1) {
                inDocumentOrder(nodes, context);
            }
            return nodes;
        }

        private static boolean isReverse(int axis) {
            return axis == Axis.PRECEDING
                    || axis == Axis.PRECEDING_SIBLING
                    || axis == Axis.ANCESTOR
                    || axis == Axis.ANCESTOR_OR_SELF;
        }

        @Override
        public String toString() {
            return getText();
        }
    }

    /** Jaxen's {@code DefaultUnionExpr}, sorted our way. */
    private static final class OrderedUnion implements UnionExpr {
        private static final long serialVersionUID = 1L;

        private Expr lhs;
        private Expr rhs;

        OrderedUnion(Expr lhs, Expr rhs) {
            this.lhs = lhs;
            this.rhs = rhs;
        }

        @Override
        public Expr getLHS() {
            return lhs;
        }

        @Override
        public Expr getRHS() {
            return rhs;
        }

        @Override
        public String getOperator() {
            return "|";
        }

        @Override
        public String getText() {
            return "(" + lhs.getText() + " | " + rhs.getText() + ")";
        }

        @Override
        public Expr simplify() {
            lhs = lhs.simplify();
            rhs = rhs.simplify();
            return this;
        }

        @Override
        public Object evaluate(Context context) throws JaxenException {
            Object left = lhs.evaluate(context);
            Object right = rhs.evaluate(context);
            if (!(left instanceof List<?> leftNodes) || !(right instanceof List<?> rightNodes)) {
                throw new JaxenException("Unions are only allowed over node-sets");
            }
            // Equality, as Jaxen's: a namespace node is a new object on every walk of the namespace axis.
            Set<Object> unique = new HashSet<>();
            List<Object> nodes = new ArrayList<>(leftNodes.size() + rightNodes.size());
            for (List<?> side : List.of(leftNodes, rightNodes)) {
                for (Object node : side) {
                    if (unique.add(node)) {
                        nodes.add(node);
                    }
                }
            }
            return inDocumentOrder(nodes, context);
        }

        @Override
        public String toString() {
            return getText();
        }
    }
}
