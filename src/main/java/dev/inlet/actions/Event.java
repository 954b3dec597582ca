package dev.inlet.actions;

import dev.inlet.config.PayloadFormat;
import java.util.Map;

/**
 * One accepted event as actions see it: its transid, where and when it arrived, the request headers
 * (names in lower case, credentials removed), and the raw body exactly as received.
 *
 * @param format JSON or XML, as resolved at ingest
 * @param body shared with the payload: do not modify
 */
public record Event(
        String transid,
        String endpoint,
        String service,
        long receivedMillis,
        String contentType,
        PayloadFormat format,
        Map<String, String> headers,
        byte[] body) {}
