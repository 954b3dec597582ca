package dev.inlet.variables;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A text with {@code $name} references to variables, split once at parse time so rendering is
 * a walk over ready-made parts.
 *
 * <ul>
 *   <li>A reference is {@code $} followed by the longest run of name characters: letters,
 *       digits and {@code _ - . [ ] @ # :}.</li>
 *   <li>It renders the value of the longest variable name that is a prefix of that run; the
 *       rest of the run is kept as text. So {@code $data.id queued} uses {@code data.id}, and
 *       {@code $data.id.} with only {@code data.id} known renders its value then {@code .}.</li>
 *   <li>When no variable name is a prefix of the run, the reference renders as nothing and the
 *       run is passed to {@code onUnknown}.</li>
 *   <li>{@code $$} is a literal {@code $}; so is a {@code $} followed by no name character.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class Template {

    private final String text;
    private final List<Part> parts;

    private Template(String text, List<Part> parts) {
        this.text = text;
        this.parts = parts;
    }

    /** Splits a template text into literal text and variable references. */
    public static Template parse(String text) {
        Objects.requireNonNull(text, "text");
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '$') {
                literal.append(c);
                i++;
                continue;
            }
            int end = i + 1;
            while (end < text.length() && isNameChar(text.charAt(end))) {
                end++;
            }
            if (end == i + 1) {
                literal.append('$');
                i += i + 1 < text.length() && text.charAt(i + 1) == '$' ? 2 : 1;
                continue;
            }
            if (literal.length() > 0) {
                parts.add(new Literal(literal.toString()));
                literal.setLength(0);
            }
            parts.add(Reference.of(text.substring(i + 1, end)));
            i = end;
        }
        if (literal.length() > 0) {
            parts.add(new Literal(literal.toString()));
        }
        return new Template(text, List.copyOf(parts));
    }

    /** Whether a character can appear in a variable name after {@code $}. */
    public static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || "_-.[]@#:".indexOf(c) >= 0;
    }

    /**
     * The text with each reference replaced by its variable's value.
     *
     * @param variables the payload's variables
     * @param jsonEscape whether values are escaped as the content of a JSON string (quotes,
     *     backslash, control characters as {@code \}{@code uXXXX}); literal text never is
     * @param onUnknown told each reference that matched no variable, once per occurrence
     */
    public String render(Map<String, String> variables, boolean jsonEscape,
                         Consumer<String> onUnknown) {
        StringBuilder out = new StringBuilder(text.length() + 64);
        for (Part part : parts) {
            if (part instanceof Literal literal) {
                out.append(literal.text());
            } else {
                ((Reference) part).render(variables, jsonEscape, onUnknown, out);
            }
        }
        return out.toString();
    }

    /** The template as written. */
    @Override
    public String toString() {
        return text;
    }

    private sealed interface Part permits Literal, Reference {
    }

    private record Literal(String text) implements Part {
    }

    /** A run after {@code $} with its prefixes, longest first, looked up in that order. */
    private record Reference(String run, String[] prefixes) implements Part {

        static Reference of(String run) {
            String[] prefixes = new String[run.length()];
            for (int i = 0; i < prefixes.length; i++) {
                prefixes[i] = run.substring(0, run.length() - i);
            }
            return new Reference(run, prefixes);
        }

        void render(Map<String, String> variables, boolean jsonEscape,
                    Consumer<String> onUnknown, StringBuilder out) {
            for (String name : prefixes) {
                String value = variables.get(name);
                if (value != null) {
                    if (jsonEscape) {
                        JsonText.escape(value, out);
                    } else {
                        out.append(value);
                    }
                    out.append(run, name.length(), run.length());
                    return;
                }
            }
            onUnknown.accept(run);
        }
    }
}
