package dev.inlet.ingest;

import dev.inlet.logging.LogText;

/**
 * Why a request was refused, for the operator: one short sentence a person can act on, made only
 * when it is read ({@link Exchange#diagnosis()}), never on the accept path. The check that refuses
 * supplies it with its code ({@link Exchange#refuse}). What it may say: header and field names,
 * sizes, counts, offsets, timestamps, client and proxy addresses, configured names and limits;
 * never a secret, key, token, expected signature or a value from the payload. The sender's answer
 * is the code's short body whatever the diagnosis says.
 */
@FunctionalInterface
public interface Diagnosis {
    /** Longest text a sender's bytes (an endpoint id, a Content-Type) may add to a diagnosis. */
    int MAX_QUOTED = 80;

    /** The sentence. */
    String text();

    /** A diagnosis whose text is already a constant. */
    static Diagnosis of(String text) {
        return () -> text;
    }

    /**
     * {@code value}, a sender's text that is safe to name (never a payload value, a credential or a
     * signature), in double quotes, cut at {@link #MAX_QUOTED} characters and its control
     * characters escaped, so it can neither forge a log line nor flood a record.
     */
    static String quote(String value) {
        if (value == null) {
            return "(none)";
        }
        String cut = value.length() > MAX_QUOTED ? value.substring(0, MAX_QUOTED) + "…" : value;
        return '"' + LogText.escape(cut).replace("\"", "\\\"") + '"';
    }
}
