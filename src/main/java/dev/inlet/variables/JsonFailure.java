package dev.inlet.variables;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;

/** Safe reasons for Jackson failures: Jackson's own messages quote up to 256 payload chars. */
final class JsonFailure {

    private JsonFailure() {
    }

    static String reason(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        String reason = describe(e);
        return location == null ? reason
                : SafeReason.at(reason, location.getLineNr(), location.getColumnNr());
    }

    static MalformedPayloadException malformed(JsonProcessingException e) {
        return new MalformedPayloadException(reason(e));
    }

    private static String describe(JsonProcessingException e) {
        if (e instanceof JsonEOFException) {
            return "unexpected end of input";
        }
        String message = e.getOriginalMessage();
        if (e instanceof StreamConstraintsException) {
            return limit(message);
        }
        if (message != null && message.contains("UTF-8")) {
            return "invalid UTF-8";
        }
        return SafeReason.clean(message);
    }

    private static String limit(String message) {
        if (message == null) {
            return "input exceeds a parser limit";
        }
        if (message.contains("nesting depth")) {
            return "nesting deeper than " + Parsers.MAX_DEPTH + " levels";
        }
        if (message.contains("Number value length")) {
            return "number longer than " + Parsers.MAX_NUMBER_LENGTH + " characters";
        }
        if (message.contains("String value length")) {
            return "string longer than " + Parsers.MAX_STRING_LENGTH + " characters";
        }
        if (message.contains("Name length")) {
            return "field name longer than " + Parsers.MAX_NAME_LENGTH + " characters";
        }
        return "input exceeds a parser limit";
    }
}
