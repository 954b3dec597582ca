package dev.inlet.config;

/**
 * Where a request carries one value of a signature: a header, a form field, a JSON body field
 * (a JsonPath), a query parameter, or an item of the signature's own list that starts with
 * {@code name} (Stripe's {@code t=} in {@code t=...,v1=...}).
 */
public record ValueSource(Kind kind, String name) {
    public enum Kind {
        HEADER,
        FORM,
        JSON,
        QUERY,
        ITEM
    }

    /** Whether the value is known before the body is read. */
    public boolean inHeaders() {
        return kind == Kind.HEADER || kind == Kind.ITEM || kind == Kind.QUERY;
    }
}
