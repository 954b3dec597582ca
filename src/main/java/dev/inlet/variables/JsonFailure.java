package dev.inlet.variables;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;

/** Safe reasons for Jackson failures: Jackson's own messages quote up to 256 payload chars. */
final class JsonFailure {

    // The limit reasons, shared with JsonValidator so both checks word a limit the same way.
    static final String TOO_DEEP = "nesting deeper than " + Parsers.MAX_DEPTH + " levels";
    static final String NUMBER_TOO_LONG = "number longer than " + Parsers.MAX_NUMBER_LENGTH + " characters";
    static final String STRING_TOO_LONG = "string longer than " + Parsers.MAX_STRING_LENGTH + " characters";
    static final String NAME_TOO_LONG = "field name longer than " + Parsers.MAX_NAME_LENGTH + " characters";
    /** Well-formed, within the length limit, but no BigDecimal: an exponent past an int's range. */
    static final String NUMBER_OUT_OF_RANGE = "number with an exponent out of range";

    private JsonFailure() {}

    static String reason(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        String reason = describe(e);
        return location == null ? reason : SafeReason.at(reason, location.getLineNr(), location.getColumnNr());
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
            return TOO_DEEP;
        }
        if (message.contains("Number value length")) {
            return NUMBER_TOO_LONG;
        }
        if (message.contains("String value length")) {
            return STRING_TOO_LONG;
        }
        if (message.contains("Name length")) {
            return NAME_TOO_LONG;
        }
        return "input exceeds a parser limit";
    }
}
