package dev.inlet.config;

import java.util.Locale;

/** The body syntax an endpoint accepts; AUTO picks JSON or XML by Content-Type. */
public enum PayloadFormat {
    JSON,
    XML,
    AUTO;

    /**
     * The concrete format of a request: this one, or for AUTO the one its Content-Type names
     * ({@code application/json}, {@code *+json}; {@code application/xml}, {@code text/xml},
     * {@code *+xml}); null when an AUTO endpoint's Content-Type names neither.
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
        return null;
    }
}
