package dev.inlet.ingest;

import dev.inlet.config.AnswerConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What an endpoint answers an accepted event (code 1002) with, compiled once per config from its
 * {@code answer}: the status, and either the JSON code body with the transid ({@link
 * ResponseCode#encodedBody}, as without {@code answer}), no body (204), or the endpoint's body
 * template as the bytes around each {@code $transid}, so an answer is a few array copies. The
 * transid is Inlet's own (hex digits and dashes), so it goes into any content type unescaped.
 * Immutable; {@link Responses} writes it.
 */
final class SuccessAnswer {
    /** 202 and the JSON code body: an endpoint without {@code answer}. */
    static final SuccessAnswer DEFAULT = new SuccessAnswer(ResponseCode.QUEUED.httpStatus(), Responses.JSON, null);

    private static final byte[][] NO_BODY = {};

    private final int status;
    /** Null when the answer has no body (204, or an empty one with no contentType). */
    private final CharSequence contentType;
    /** Null: the JSON code body; empty: no body; else the literal bytes, a transid between each two. */
    private final byte[][] literals;

    private SuccessAnswer(int status, CharSequence contentType, byte[][] literals) {
        this.status = status;
        this.contentType = contentType;
        this.literals = literals;
    }

    /** The answer {@code config} describes; {@link #DEFAULT} for null. */
    static SuccessAnswer of(AnswerConfig config) {
        if (config == null) {
            return DEFAULT;
        }
        List<String> parts = config.literals();
        if (parts == null) {
            return config.status() == 204
                    ? new SuccessAnswer(204, null, NO_BODY)
                    : new SuccessAnswer(config.status(), Responses.JSON, null);
        }
        CharSequence contentType =
                config.contentType() == null ? null : HttpHeaders.createOptimized(config.contentType());
        if (parts.size() == 1 && parts.get(0).isEmpty()) {
            return new SuccessAnswer(config.status(), contentType, NO_BODY);
        }
        byte[][] literals = new byte[parts.size()][];
        for (int i = 0; i < literals.length; i++) {
            literals[i] = parts.get(i).getBytes(StandardCharsets.UTF_8);
        }
        return new SuccessAnswer(config.status(), contentType, literals);
    }

    int status() {
        return status;
    }

    /** The Content-Type header's value; null for none. */
    CharSequence contentType() {
        return contentType;
    }

    /** The body for the event {@code transid}; null when the answer has none. */
    Buffer body(String transid) {
        if (literals == null) {
            return ResponseCode.QUEUED.encodedBody(transid);
        }
        if (literals.length == 0) {
            return null;
        }
        int length = transid.length() * (literals.length - 1);
        for (byte[] literal : literals) {
            length += literal.length;
        }
        Buffer b = Buffer.buffer(length);
        b.appendBytes(literals[0]);
        for (int i = 1; i < literals.length; i++) {
            b.appendString(transid).appendBytes(literals[i]);
        }
        return b;
    }
}
