package dev.inlet.variables;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A text with {@code $name} references to variables, split once at parse time so rendering is
 * a walk over ready-made parts. Each reference is given its escape at parse time, from its
 * position in the template's literal text and the template's {@link TemplateSyntax}.
 *
 * <ul>
 *   <li>A reference is {@code $} followed by the longest run of name characters: letters,
 *       digits and {@code _ - . [ ] @ # :}.</li>
 *   <li>It renders the value of the longest variable name that is a prefix of that run; the
 *       rest of the run is kept as text. So {@code $data.id queued} uses {@code data.id}, and
 *       {@code $data.id.} with only {@code data.id} known renders its value then {@code .}.</li>
 *   <li>When no variable name is a prefix of the run, the reference renders as nothing ({@code null}
 *       in a JSON value slot) and the run is passed to {@code onUnknown}.</li>
 *   <li>{@code $$} is a literal {@code $}; so is a {@code $} followed by no name character.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class Template {

    private final String text;
    private final TemplateSyntax syntax;
    private final List<Part> parts;
    private final List<String> problems;

    private Template(String text, TemplateSyntax syntax, List<Part> parts, List<String> problems) {
        this.text = text;
        this.syntax = syntax;
        this.parts = parts;
        this.problems = problems;
    }

    /** Splits a plain-text template: values are inserted as they are. */
    public static Template parse(String text) {
        return parse(text, TemplateSyntax.TEXT);
    }

    /**
     * Splits a template text into literal text and variable references, each reference escaped
     * for where it stands in {@code syntax}. A reference the syntax refuses at its position is
     * listed in {@link #problems()} and fails {@link #render} if rendered anyway.
     */
    public static Template parse(String text, TemplateSyntax syntax) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(syntax, "syntax");
        TemplatePosition position = TemplatePosition.of(syntax);
        List<Part> parts = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '$') {
                literal.append(c);
                position.literal(c);
                i++;
                continue;
            }
            int end = i + 1;
            while (end < text.length() && isNameChar(text.charAt(end))) {
                end++;
            }
            if (end == i + 1) {
                literal.append('$');
                position.literal('$');
                i += i + 1 < text.length() && text.charAt(i + 1) == '$' ? 2 : 1;
                continue;
            }
            if (literal.length() > 0) {
                parts.add(new Literal(literal.toString()));
                literal.setLength(0);
            }
            String run = text.substring(i + 1, end);
            String refusal = position.refusal();
            if (refusal != null) {
                problems.add("$" + run + " " + refusal);
            }
            parts.add(Reference.of(run, position.escape(), refusal));
            position.reference(run);
            i = end;
        }
        if (literal.length() > 0) {
            parts.add(new Literal(literal.toString()));
        }
        String atEnd = position.atEnd();
        if (atEnd != null) {
            problems.add(atEnd);
        }
        return new Template(text, syntax, List.copyOf(parts), List.copyOf(problems));
    }

    /** Whether a character can appear in a variable name after {@code $}. */
    public static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || "_-.[]@#:".indexOf(c) >= 0;
    }

    /** The syntax the template was parsed for. */
    public TemplateSyntax syntax() {
        return syntax;
    }

    /** Whether the template holds at least one reference (else it renders as its own text). */
    public boolean hasReferences() {
        return parts.stream().anyMatch(p -> p instanceof Reference);
    }

    /**
     * What the syntax refuses in this template, one line each naming the reference by its name
     * run (never a value), e.g. {@code $data.host is in the url's scheme or authority: ...};
     * empty when it can be rendered.
     */
    public List<String> problems() {
        return problems;
    }

    /**
     * The text with each reference replaced by its variable's value, escaped for where the
     * reference stands; literal text is never changed.
     *
     * @param variables the payload's variables
     * @param onUnknown told each reference that matched no variable, once per occurrence
     * @throws UnrenderableException when a value cannot go where its reference stands (an empty
     *     url path segment) or the template has {@link #problems()}
     */
    public String render(Map<String, String> variables, Consumer<String> onUnknown) {
        return render(variables::get, onUnknown);
    }

    /**
     * The text with every reference rendering {@code sample}, escaped as values are: the shape
     * a rendered template has, to check at start-up.
     */
    public String renderSample(String sample) {
        return render(name -> sample, name -> {});
    }

    private String render(Function<String, String> lookup, Consumer<String> onUnknown) {
        StringBuilder out = new StringBuilder(text.length() + 64);
        for (Part part : parts) {
            if (part instanceof Literal literal) {
                out.append(literal.text());
            } else {
                ((Reference) part).render(lookup, onUnknown, out);
            }
        }
        return out.toString();
    }

    /** The template as written. */
    @Override
    public String toString() {
        return text;
    }

    /**
     * A value that cannot go where its reference stands. The message names the reference, never
     * the value.
     */
    public static final class UnrenderableException extends IllegalArgumentException {
        UnrenderableException(String message) {
            super(message);
        }
    }

    private sealed interface Part permits Literal, Reference {}

    private record Literal(String text) implements Part {}

    /** A run after {@code $} with its prefixes, longest first, looked up in that order. */
    private record Reference(String run, String[] prefixes, ValueEscape escape, String refusal) implements Part {

        static Reference of(String run, ValueEscape escape, String refusal) {
            String[] prefixes = new String[run.length()];
            for (int i = 0; i < prefixes.length; i++) {
                prefixes[i] = run.substring(0, run.length() - i);
            }
            return new Reference(run, prefixes, escape, refusal);
        }

        void render(Function<String, String> lookup, Consumer<String> onUnknown, StringBuilder out) {
            if (refusal != null) {
                throw new UnrenderableException("$" + run + " " + refusal);
            }
            for (String name : prefixes) {
                String value = lookup.apply(name);
                if (value != null) {
                    escape.write(value, run.substring(name.length()), run, out);
                    return;
                }
            }
            onUnknown.accept(run);
            escape.write(null, "", run, out);
        }
    }
}
