package dev.inlet.ingest;

import dev.inlet.config.PayloadFormat;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * Every answer Inlet gives a sender: code, description and HTTP status. Nothing else spells a code.
 * The first block is the product contract (SPEC's table); the second holds Inlet's own codes, each
 * documented in README.
 */
public enum ResponseCode {
    QUEUED("1002", "Queued", 202),
    /** Counted and logged only: a handshake's answer is the provider's bytes, not this body. */
    HANDSHAKE("1003", "Verification handshake answered", 200),
    INVALID_JSON("7000", "Invalid JSON", 400),
    AUTHENTICATION_FAILED("7001", "Authentication failed", 401),
    SERVICE_KEY_MISSING("7002", "Service Key Missing", 401),
    INTERNAL_ERROR("7005", "Internal error occurred", 503),
    SERVICE_INACTIVE("7007", "Service inactive", 403),
    UNKNOWN_ENDPOINT("7008", "Request received on an invalid or unsaved event endpoint", 404),
    IP_NOT_ALLOWED("7010", "Source IP is not allow listed", 403),
    LIMIT_REACHED("7020", "You have reached maximum transaction limit", 429),
    INVALID_XML("7027", "Invalid XML", 400),
    INVALID_SIGNATURE("7028", "Invalid signature", 400),
    SIGNATURE_MISSING("7029", "Mandatory Signature Missing", 400),

    PAYLOAD_TOO_LARGE("7040", "Payload too large", 413),
    UNSUPPORTED_MEDIA_TYPE(
            "7041",
            "Unsupported media type: send application/json, application/xml, "
                    + "application/x-www-form-urlencoded or multipart/form-data",
            415),
    TIMESTAMP_OUT_OF_TOLERANCE("7042", "Signature timestamp outside the tolerance window", 400),
    NOT_FOUND("7043", "No such route", 404),
    METHOD_NOT_ALLOWED("7044", "Method not allowed", 405),
    REQUEST_TIMEOUT("7045", "Request body not received in time", 408),
    ADMIN_UNAUTHORIZED("7046", "Admin token missing or wrong", 401),
    BAD_REQUEST("7047", "Bad request", 400),
    INVALID_FORM("7048", "Invalid form body", 400),
    INVALID_MULTIPART("7049", "Invalid multipart body", 400),
    EXPECTATION_FAILED("7050", "Expectation not supported: send Expect: 100-continue or none", 417),
    NOT_REPLAYABLE("7051", "Event cannot be replayed", 409),
    CSRF_REFUSED("7052", "CSRF token missing or wrong", 403);

    private final String code;
    /** The code as a number, parsed once. */
    private final int number;

    private final String description;
    private final int httpStatus;
    /** The body of a refusal, and the fixed start of an acceptance's, encoded once. */
    private final byte[] encoded;

    ResponseCode(String code, String description, int httpStatus) {
        this.code = code;
        this.number = Integer.parseInt(code);
        this.description = description;
        this.httpStatus = httpStatus;
        this.encoded = new JsonObject()
                .put("code", code)
                .put("description", description)
                .toBuffer()
                .getBytes();
    }

    /** The refusal of a body that is not well-formed in its format: 7000, 7027, 7048 or 7049. */
    public static ResponseCode malformed(PayloadFormat format) {
        return switch (format) {
            case XML -> INVALID_XML;
            case FORM -> INVALID_FORM;
            case MULTIPART -> INVALID_MULTIPART;
            default -> INVALID_JSON;
        };
    }

    public String code() {
        return code;
    }

    /** {@link #code()} as a number. */
    public int number() {
        return number;
    }

    public String description() {
        return description;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The JSON body of this answer; {@code transid} only for an accepted event. */
    public JsonObject body(String transid) {
        JsonObject json = new JsonObject().put("code", code).put("description", description);
        return transid == null ? json : json.put("transid", transid);
    }

    /**
     * The same body as {@link #body}, encoded without a JSON library on the hot path: a refusal's is
     * a constant, an acceptance's appends the transid (Inlet's own id, hex digits and dashes only).
     */
    public Buffer encodedBody(String transid) {
        if (transid == null) {
            return Buffer.buffer(encoded);
        }
        Buffer b = Buffer.buffer(encoded.length + transid.length() + 14);
        b.appendBytes(encoded, 0, encoded.length - 1)
                .appendString(",\"transid\":\"")
                .appendString(transid)
                .appendString("\"}");
        return b;
    }
}
