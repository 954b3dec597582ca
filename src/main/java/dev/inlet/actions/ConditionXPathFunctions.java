package dev.inlet.actions;

import java.util.Map;
import org.jaxen.Context;
import org.jaxen.Function;
import org.jaxen.FunctionContext;
import org.jaxen.Navigator;
import org.jaxen.UnresolvableException;
import org.jaxen.expr.BinaryExpr;
import org.jaxen.expr.Expr;
import org.jaxen.expr.FilterExpr;
import org.jaxen.expr.FunctionCallExpr;
import org.jaxen.expr.LocationPath;
import org.jaxen.expr.NameStep;
import org.jaxen.expr.PathExpr;
import org.jaxen.expr.Predicate;
import org.jaxen.expr.Predicated;
import org.jaxen.expr.Step;
import org.jaxen.expr.UnaryExpr;
import org.jaxen.expr.VariableReferenceExpr;
import org.jaxen.function.BooleanFunction;
import org.jaxen.function.CeilingFunction;
import org.jaxen.function.ConcatFunction;
import org.jaxen.function.CountFunction;
import org.jaxen.function.FalseFunction;
import org.jaxen.function.FloorFunction;
import org.jaxen.function.IdFunction;
import org.jaxen.function.LangFunction;
import org.jaxen.function.LastFunction;
import org.jaxen.function.LocalNameFunction;
import org.jaxen.function.NameFunction;
import org.jaxen.function.NamespaceUriFunction;
import org.jaxen.function.NormalizeSpaceFunction;
import org.jaxen.function.NotFunction;
import org.jaxen.function.NumberFunction;
import org.jaxen.function.PositionFunction;
import org.jaxen.function.RoundFunction;
import org.jaxen.function.StartsWithFunction;
import org.jaxen.function.StringFunction;
import org.jaxen.function.StringLengthFunction;
import org.jaxen.function.SubstringFunction;
import org.jaxen.function.SumFunction;
import org.jaxen.function.TranslateFunction;
import org.jaxen.function.TrueFunction;

/**
 * The XPath 1.0 core function library (XPath 1.0 section 4), and nothing else: Jaxen's default
 * {@code XPathFunctionContext} also registers {@code document()}, which loads any URL, and
 * {@code evaluate()}, {@code upper-case()}, {@code lower-case()}, {@code ends-with()}. Every call
 * spends a step and the length of its text arguments; {@code contains}, {@code substring-before}
 * and {@code substring-after} search in linear time (Jaxen's use {@link String#indexOf(String)}).
 *
 * <p>Jaxen looks functions up only when it evaluates; {@link #refuseUnbound} finds an unknown
 * function, a wrong argument count, a namespace prefix or a variable in the compiled expression,
 * so the configuration check refuses them as the JDK's XPath did.
 */
final class ConditionXPathFunctions implements FunctionContext {

    static final ConditionXPathFunctions CORE = new ConditionXPathFunctions();

    private static final int ANY = Integer.MAX_VALUE;

    private record Core(Function function, int min, int max) {}

    private final Map<String, Core> functions = Map.ofEntries(
            core("last", new LastFunction(), 0, 0),
            core("position", new PositionFunction(), 0, 0),
            core("count", new CountFunction(), 1, 1),
            core("id", new IdFunction(), 1, 1),
            core("local-name", new LocalNameFunction(), 0, 1),
            core("namespace-uri", new NamespaceUriFunction(), 0, 1),
            core("name", new NameFunction(), 0, 1),
            core("string", new StringFunction(), 0, 1),
            core("concat", new ConcatFunction(), 2, ANY),
            core("starts-with", new StartsWithFunction(), 2, 2),
            core("contains", search(Search.CONTAINS), 2, 2),
            core("substring-before", search(Search.BEFORE), 2, 2),
            core("substring-after", search(Search.AFTER), 2, 2),
            core("substring", new SubstringFunction(), 2, 3),
            core("string-length", new StringLengthFunction(), 0, 1),
            core("normalize-space", new NormalizeSpaceFunction(), 0, 1),
            core("translate", translate(), 3, 3),
            core("boolean", new BooleanFunction(), 1, 1),
            core("not", new NotFunction(), 1, 1),
            core("true", new TrueFunction(), 0, 0),
            core("false", new FalseFunction(), 0, 0),
            core("lang", new LangFunction(), 1, 1),
            core("number", new NumberFunction(), 0, 1),
            core("sum", new SumFunction(), 1, 1),
            core("floor", new FloorFunction(), 1, 1),
            core("ceiling", new CeilingFunction(), 1, 1),
            core("round", new RoundFunction(), 1, 1));

    private ConditionXPathFunctions() {}

    @Override
    public Function getFunction(String namespaceUri, String prefix, String localName) throws UnresolvableException {
        Core core = prefix == null || prefix.isEmpty() ? functions.get(localName) : null;
        if (core == null) {
            throw new UnresolvableException("Could not find function: " + localName);
        }
        return core.function();
    }

    /**
     * Throws the problem of the first unknown function, wrong argument count, namespace prefix or
     * variable in the expression, as the message of an IllegalArgumentException.
     */
    void refuseUnbound(Expr expr) {
        if (expr instanceof FunctionCallExpr call) {
            refusePrefix(call.getPrefix());
            Core core = functions.get(call.getFunctionName());
            if (core == null) {
                throw new IllegalArgumentException("Could not find function: " + call.getFunctionName());
            }
            int count = call.getParameters().size();
            if (count < core.min() || count > core.max()) {
                throw new IllegalArgumentException(call.getFunctionName() + "() takes "
                        + (core.min() == core.max()
                                ? String.valueOf(core.min())
                                : core.max() == ANY ? "at least " + core.min() : core.min() + " or " + core.max())
                        + " arguments, not " + count);
            }
            for (Object parameter : call.getParameters()) {
                refuseUnbound((Expr) parameter);
            }
        } else if (expr instanceof VariableReferenceExpr variable) {
            throw new IllegalArgumentException("no variables are bound: $" + variable.getVariableName());
        } else if (expr instanceof BinaryExpr binary) {
            refuseUnbound(binary.getLHS());
            refuseUnbound(binary.getRHS());
        } else if (expr instanceof UnaryExpr unary) {
            refuseUnbound(unary.getExpr());
        } else if (expr instanceof PathExpr path) {
            refuseUnbound(path.getFilterExpr());
            refuseUnbound(path.getLocationPath());
        } else if (expr instanceof FilterExpr filter) {
            refuseUnbound(filter.getExpr());
            refuseUnboundIn(filter);
        } else if (expr instanceof LocationPath location) {
            for (Object each : location.getSteps()) {
                Step step = (Step) each;
                if (step instanceof NameStep name) {
                    refusePrefix(name.getPrefix());
                }
                refuseUnboundIn(step);
            }
        }
    }

    private void refuseUnboundIn(Predicated predicated) {
        for (Object predicate : predicated.getPredicates()) {
            refuseUnbound(((Predicate) predicate).getExpr());
        }
    }

    private static void refusePrefix(String prefix) {
        if (prefix != null && !prefix.isEmpty()) {
            throw new IllegalArgumentException("Prefix must resolve to a namespace: " + prefix);
        }
    }

    private static Map.Entry<String, Core> core(String name, Function function, int min, int max) {
        return Map.entry(name, new Core(metered(function), min, max));
    }

    /** Spends a step per call and the length of every text argument, then calls the function. */
    private static Function metered(Function function) {
        return (context, args) -> {
            ConditionBudget budget = budget(context);
            budget.charge(1);
            for (Object arg : args) {
                if (arg instanceof String text) {
                    budget.chargeText(text.length());
                }
            }
            return function.call(context, args);
        };
    }

    private static ConditionBudget budget(Context context) {
        return ((ConditionXPathNavigator) context.getNavigator()).budget();
    }

    /** Jaxen's translate(), charged a step per character: it interns every character it reads. */
    private static Function translate() {
        return (context, args) -> {
            Navigator navigator = context.getNavigator();
            String text = StringFunction.evaluate(args.get(0), navigator);
            String from = StringFunction.evaluate(args.get(1), navigator);
            String to = StringFunction.evaluate(args.get(2), navigator);
            budget(context).charge(text.length() + from.length() + to.length());
            return TranslateFunction.evaluate(text, from, to, navigator);
        };
    }

    private enum Search {
        CONTAINS,
        BEFORE,
        AFTER
    }

    /** contains(), substring-before() and substring-after() as XPath 1.0 defines them, in linear time. */
    private static Function search(Search kind) {
        return (context, args) -> {
            String text = StringFunction.evaluate(args.get(0), context.getNavigator());
            String pattern = StringFunction.evaluate(args.get(1), context.getNavigator());
            budget(context).chargeText(text.length() + pattern.length());
            int at = TextSearch.indexOf(text, pattern);
            return switch (kind) {
                case CONTAINS -> at >= 0;
                case BEFORE -> at < 0 ? "" : text.substring(0, at);
                case AFTER -> at < 0 ? "" : text.substring(at + pattern.length());
            };
        };
    }
}
