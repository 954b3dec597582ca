package dev.inlet.config;

import java.util.Locale;

/**
 * The body syntax an endpoint accepts; AUTO picks JSON, XML, FORM or MULTIPART by Content-Type.
 * FORM is {@code application/x-www-form-urlencoded}, MULTIPART is {@code multipart/form-data}.
 */
public enum PayloadFormat {
    JSON,
    XML,
    FORM,
    MULTIPART,
    AUTO;

    /**
     * The concrete format of a request: this one, or for AUTO the one its Content-Type's media type
     * names ({@code application/json}, {@code *+json}; {@code application/xml}, {@code text/xml},
     * {@code *+xml}; {@code application/x-www-form-urlencoded}; {@code multipart/form-data}); null
     * when an AUTO endpoint's Content-Type names none of them. Only the media type is read: a
     * multipart body's {@code boundary} parameter is checked with the body.
     */
    public PayloadFormat resolve(String contentType) {
        if (this != AUTO) {
            return this;
        }
        if (contentType == null) {
            return null;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        int semicolon = type.indexOf(';');
        type = (semicolon >= 0 ? type.substring(0, semicolon) : type).trim();
        if (type.equals("application/json") || type.endsWith("+json")) {
            return JSON;
        }
        if (type.equals("application/xml") || type.equals("text/xml") || type.endsWith("+xml")) {
            return XML;
        }
        if (type.equals("application/x-www-form-urlencoded")) {
            return FORM;
        }
        if (type.equals("multipart/form-data")) {
            return MULTIPART;
        }
        return null;
    }

    /** Whether the body is a set of named fields (form or multipart), which {@code jsonFields} apply to. */
    public boolean hasFields() {
        return this == FORM || this == MULTIPART;
    }
}
