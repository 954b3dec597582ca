package dev.inlet.admin;

import dev.inlet.config.PayloadFormat;
import dev.inlet.history.HistoryRecord;
import dev.inlet.history.Outcomes;
import dev.inlet.variables.FlattenLimits;
import dev.inlet.variables.Flattened;
import dev.inlet.variables.MalformedPayloadException;
import dev.inlet.variables.Payload;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;

/**
 * How a history record reads in the API: its summary in a list, the whole of it for one event,
 * and what both need of it (its format, its Content-Type, its payload as the workers see it).
 * Headers are shown as stored: credentials were never stored, signature values are masked.
 */
final class HistoryView {
    private HistoryView() {}

    /** A record in a list: no headers, no body, no variables. */
    static JsonObject summary(HistoryRecord r, Outcomes.State state) {
        JsonObject json = new JsonObject()
                .put("id", r.id())
                .put("receivedAt", r.receivedAt())
                .put("method", r.method())
                .put("path", r.path())
                .put("client", r.client())
                .put("answer", answer(r))
                .put("outcome", state.label())
                .put("bodyBytes", r.bodyBytes());
        if (!r.diagnosis().isEmpty()) {
            json.put("diagnosis", r.diagnosis());
        }
        return json;
    }

    /**
     * One record with everything it keeps, its variables (flattened here: call off the event loop)
     * and every attempt of its event, oldest first.
     */
    static JsonObject full(
            HistoryRecord r,
            Outcomes.State state,
            List<String> attempts,
            List<String> jsonFields,
            FlattenLimits limits) {
        JsonObject json = new JsonObject()
                .put("id", r.id())
                .put("receivedAt", r.receivedAt())
                .put("service", r.service())
                .put("client", r.client());
        if (!r.peer().isEmpty()) {
            json.put("peer", r.peer());
        }
        json.put("method", r.method())
                .put("path", r.path())
                .put("query", r.query())
                .put("headers", headers(r))
                .put("format", r.format());
        String text = utf8(r.body());
        if (text != null) {
            json.put("body", text);
        } else {
            json.put("body", Base64.getEncoder().encodeToString(r.body())).put("bodyEncoding", "base64");
        }
        json.put("bodyBytes", r.bodyBytes()).put("bodyKept", r.body().length).put("answer", answer(r));
        if (!r.diagnosis().isEmpty()) {
            json.put("diagnosis", r.diagnosis());
        }
        variables(json, r, jsonFields, limits);
        JsonArray runs = new JsonArray();
        for (String member : attempts) {
            runs.add(Outcomes.outcome(member).put("startedAt", Outcomes.startedAt(member)));
        }
        return json.put("outcome", new JsonObject().put("state", state.label()).put("runs", runs));
    }

    /** The record's payload format; null when it was answered before the format was known. */
    static PayloadFormat format(HistoryRecord r) {
        for (PayloadFormat f : PayloadFormat.values()) {
            if (f != PayloadFormat.AUTO && f.name().toLowerCase(Locale.ROOT).equals(r.format())) {
                return f;
            }
        }
        return null;
    }

    /** The request's Content-Type, from its stored headers; null when it had none. */
    static String contentType(HistoryRecord r) {
        return headers(r).getString("content-type");
    }

    /** The record's body with its request, as a worker flattens the event. */
    static Payload payload(HistoryRecord r, PayloadFormat format, List<String> jsonFields, FlattenLimits limits) {
        return Payload.of(r.body(), format, contentType(r), jsonFields, r.headers(), r.query(), limits, heap -> {});
    }

    private static void variables(JsonObject json, HistoryRecord r, List<String> jsonFields, FlattenLimits limits) {
        PayloadFormat format = format(r);
        if (format == null || r.bodyBytes() < 0) {
            json.put("variablesNote", "no variables: the request was answered before its body was read");
            return;
        }
        if (!r.bodyWhole()) {
            json.put(
                    "variablesNote",
                    "no variables: only " + r.body().length + " of the body's " + r.bodyBytes()
                            + " bytes were kept (history.maxBodyBytes)");
            return;
        }
        try {
            Flattened flattened = payload(r, format, jsonFields, limits).flattened();
            json.put("variables", new JsonObject(new LinkedHashMap<>(flattened.variables())));
            if (flattened.isTruncated()) {
                json.put("variablesNote", flattened.truncated());
            }
        } catch (MalformedPayloadException e) {
            json.put("variablesNote", "no variables: the body is not well-formed " + r.format());
        }
    }

    private static JsonObject answer(HistoryRecord r) {
        JsonObject answer =
                new JsonObject().put("code", Integer.toString(r.code())).put("status", r.status());
        if (!r.transid().isEmpty()) {
            answer.put("transid", r.transid());
        }
        return answer.put("millis", r.micros() / 1000.0);
    }

    private static JsonObject headers(HistoryRecord r) {
        try {
            return r.headers().length == 0
                    ? new JsonObject()
                    : new JsonObject(new String(r.headers(), StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return new JsonObject();
        }
    }

    /** The bytes as text when they are valid UTF-8; null when not. */
    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
