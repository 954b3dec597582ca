package dev.inlet.queue;

import dev.inlet.config.PayloadFormat;

/**
 * An accepted request as it is written to the stream: who sent it where, when, and the raw body bytes
 * exactly as received. {@code headers} is a JSON object of the request headers minus credentials, in UTF-8.
 */
public record InboundEvent(
    String transid,
    String endpoint,
    String service,
    long receivedMillis,
    String contentType,
    PayloadFormat format,
    byte[] headers,
    byte[] body) {}
