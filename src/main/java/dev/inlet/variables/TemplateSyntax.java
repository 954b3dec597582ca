package dev.inlet.variables;

/**
 * What a whole template text is, which decides at parse time how each {@code $name} reference in
 * it is escaped: by where the reference stands in the template's literal text. A value can never
 * change the structure the literal text gives the result.
 */
public enum TemplateSyntax {
    /** Plain text: values are inserted as they are. */
    TEXT,

    /**
     * JSON. A reference inside a JSON string is escaped as string content; one outside a string
     * (an unquoted slot such as {@code {"qty": $data.qty}}) renders a JSON value: the value as it
     * is when it is a JSON number literal, {@code true} or {@code false}, otherwise a quoted,
     * escaped JSON string; an empty or unknown value renders {@code null}. Refused: a reference
     * right after a backslash inside a string, and a template that ends inside a string.
     */
    JSON,

    /** Text that goes inside a JSON string: every value escaped as string content. */
    JSON_STRING,

    /**
     * XML. Values are escaped ({@code & < > " '} as entities); characters XML 1.0 does not allow
     * (most C0 controls, lone surrogates, U+FFFE, U+FFFF) become U+FFFD. Inside a CDATA section a
     * value ends the section, goes in as escaped text, and opens a new one, so it reads back
     * unchanged and can never close the section early.
     */
    XML,

    /** An {@code application/x-www-form-urlencoded} body: values form-encoded as UTF-8. */
    FORM,

    /**
     * An absolute URL. A reference in the path is percent-encoded as one path segment (only RFC
     * 3986 unreserved characters {@code A-Z a-z 0-9 - . _ ~} stay, so a value can never add a
     * {@code /}, {@code ?}, {@code #}, {@code %} or a space), and must not render empty; one in
     * the query or the fragment is percent-encoded the same way, so {@code & = + #} cannot split
     * it. The rest of a reference's name run after the matched variable is encoded with the value.
     * Refused: a reference in the scheme or the authority (before the path), so a payload can never
     * choose where a request goes.
     */
    URL
}
