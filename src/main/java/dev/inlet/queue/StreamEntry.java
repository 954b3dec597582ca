package dev.inlet.queue;

import dev.inlet.config.PayloadFormat;
import io.vertx.redis.client.Response;
import java.util.Map;

/**
 * One event in a Redis stream: what ingest appends and what workers read back. {@link StreamEntryCodec}
 * writes and reads it, field by field (names in {@link EventFields}); actions see it as an
 * {@code actions.Event}, made from it in one place, the worker's pipeline.
 *
 * @param id the stream id; null for an event not yet appended (Redis assigns the id on XADD)
 * @param contentType the request's Content-Type; null when it had none (written as "")
 * @param format JSON or XML, as resolved at ingest
 * @param headers the stored request headers, JSON in UTF-8 (see {@link StoredHeaders})
 * @param query the request's query string as received, without the {@code ?}; "" when it had none
 * @param body the raw body as received; not copied, so do not modify
 * @param others the entry's further fields, as strings: a dead letter's ({@link DeadLetterCodec}), or
 *     any another writer added; a dead letter keeps them
 * @param deleted whether Redis returned the id without content: trimmed or deleted while pending
 */
public record StreamEntry(
        String id,
        String transid,
        String endpoint,
        String service,
        long receivedMillis,
        String contentType,
        PayloadFormat format,
        byte[] headers,
        String query,
        byte[] body,
        Map<String, String> others,
        boolean deleted) {

    /** An accepted event, to be appended: it has no stream id yet and no further fields. */
    public static StreamEntry toAppend(
            String transid,
            String endpoint,
            String service,
            long receivedMillis,
            String contentType,
            PayloadFormat format,
            byte[] headers,
            String query,
            byte[] body) {
        return new StreamEntry(
                null,
                transid,
                endpoint,
                service,
                receivedMillis,
                contentType,
                format,
                headers,
                query == null ? "" : query,
                body,
                Map.of(),
                false);
    }

    /**
     * Reads {@code [id, [field, value, ...]]} as XRANGE, XREADGROUP and XAUTOCLAIM return it; an
     * entry whose content was deleted comes back {@link #deleted()}; null when there is no id at all.
     */
    public static StreamEntry from(Response entry) {
        return StreamEntryCodec.read(entry);
    }

    /** Every field but the body, as strings as the stream holds them; empty for a deleted entry. */
    public Map<String, String> fields() {
        return StreamEntryCodec.fields(this);
    }

    /** This event under another id and with other further fields (a dead letter as the admin API names it). */
    StreamEntry with(String otherId, Map<String, String> otherFields) {
        return new StreamEntry(
                otherId,
                transid,
                endpoint,
                service,
                receivedMillis,
                contentType,
                format,
                headers,
                query,
                body,
                Map.copyOf(otherFields),
                deleted);
    }
}
