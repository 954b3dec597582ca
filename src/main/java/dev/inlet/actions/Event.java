package dev.inlet.actions;

import dev.inlet.config.PayloadFormat;
import java.util.Map;

/**
 * One accepted event as actions see it: its transid, where and when it arrived, the request headers
 * (names in lower case, credentials removed), the query string, and the raw body exactly as
 * received.
 *
 * @param format the body's format, as resolved at ingest
 * @param query the request's query string as received, without the {@code ?}; "" when it had none
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
        String query,
        byte[] body) {

    /** An event whose request had no query string. */
    public Event(
            String transid,
            String endpoint,
            String service,
            long receivedMillis,
            String contentType,
            PayloadFormat format,
            Map<String, String> headers,
            byte[] body) {
        this(transid, endpoint, service, receivedMillis, contentType, format, headers, "", body);
    }
}
