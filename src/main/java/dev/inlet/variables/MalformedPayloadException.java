package dev.inlet.variables;

/**
 * A body that is not the well-formed JSON or XML it claims to be, or that exceeds a parser limit.
 * The message is a short reason safe to log or return: it never echoes more than a few
 * characters of the payload.
 */
public final class MalformedPayloadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A failure with a reason already made safe. */
    public MalformedPayloadException(String reason) {
        super(reason, null, false, false);
    }
}
