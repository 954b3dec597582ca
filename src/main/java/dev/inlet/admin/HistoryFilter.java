package dev.inlet.admin;

import dev.inlet.actions.Condition;
import dev.inlet.actions.ConditionBudget;
import dev.inlet.actions.ConditionBudgetExceeded;
import dev.inlet.config.PayloadFormat;
import dev.inlet.history.HistoryRecord;
import dev.inlet.history.Outcomes;
import dev.inlet.variables.FlattenLimits;
import dev.inlet.variables.MalformedPayloadException;
import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The filters of the history list and of a filtered replay, from the query: {@code code} (the
 * answer's code), {@code outcome} (an {@link Outcomes.State} label), {@code since} and {@code until}
 * (epoch ms or ISO-8601, both inclusive: the record stream's id range), {@code transid}, {@code
 * where} (a variable comparison as in conditions, {@code data.type == 'order.created'}; the leading
 * {@code $} may be left out) and {@code text} (bytes of the kept body, at most {@value
 * #MAX_TEXT_BYTES}). A record matches when it passes every filter given. {@code where} is tested on
 * the record's variables as the workers flatten them, so only on a record whose body was kept whole
 * and parses; {@code text} only on the kept bytes. Both run off the event loop ({@link
 * HistoryQuery}).
 *
 * @param since the lowest stream id time, epoch ms; 0 when not given
 * @param until the highest stream id time, epoch ms; {@link Long#MAX_VALUE} when not given
 */
record HistoryFilter(
        Integer code, Outcomes.State outcome, long since, long until, String transid, Condition where, byte[] text) {

    /** Longest {@code text} searched: its search is linear in the body, whatever the text. */
    static final int MAX_TEXT_BYTES = 256;

    /**
     * A history id: {@code <entry id>.<index>}, the record's stream entry and its place in it (an
     * entry holds one event loop round's records); an entry id alone names its first record.
     */
    static final Pattern STREAM_ID = Pattern.compile("\\d{1,19}-\\d{1,19}(\\.\\d{1,2})?");

    /** A filter parameter that cannot be read; the message names it and why. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    /** The filters of a request's query. */
    static HistoryFilter of(MultiMap query) throws Invalid {
        Integer code = null;
        String rawCode = query.get("code");
        if (rawCode != null && !rawCode.isEmpty()) {
            try {
                code = Integer.parseInt(rawCode);
            } catch (NumberFormatException e) {
                throw new Invalid("code must be an answer code such as 1002 or 7028");
            }
        }
        Outcomes.State outcome = null;
        String rawOutcome = query.get("outcome");
        if (rawOutcome != null && !rawOutcome.isEmpty()) {
            outcome = Outcomes.State.named(rawOutcome);
            if (outcome == null) {
                throw new Invalid("outcome must be one of delivered, retrying, dead, none, pending, refused");
            }
        }
        long since = time(query.get("since"), "since", 0);
        long until = time(query.get("until"), "until", Long.MAX_VALUE);
        String transid = query.get("transid");
        String text = query.get("text");
        byte[] textBytes = text == null || text.isEmpty() ? null : text.getBytes(StandardCharsets.UTF_8);
        if (textBytes != null && textBytes.length > MAX_TEXT_BYTES) {
            throw new Invalid("text is at most " + MAX_TEXT_BYTES + " bytes");
        }
        return new HistoryFilter(
                code,
                outcome,
                since,
                until,
                transid == null || transid.isEmpty() ? null : transid,
                where(query.get("where")),
                textBytes);
    }

    /** Whether the record passes the filters that need no body: the cheap ones, run first. */
    boolean matchesHead(HistoryRecord r, Outcomes.State state) {
        return (code == null || r.code() == code)
                && (outcome == null || outcome == state)
                && (transid == null || transid.equals(r.transid()));
    }

    /** Whether the record passes {@code text} and {@code where}: CPU work, off the event loop. */
    boolean matchesBody(HistoryRecord r, List<String> jsonFields, FlattenLimits limits) {
        if (text != null && BodyText.indexOf(r.body(), text) < 0) {
            return false;
        }
        if (where == null) {
            return true;
        }
        PayloadFormat format = HistoryView.format(r);
        if (format == null || !r.bodyWhole()) {
            return false;
        }
        try {
            return where.test(HistoryView.payload(r, format, jsonFields, limits), ConditionBudget.full());
        } catch (MalformedPayloadException | ConditionBudgetExceeded e) {
            return false;
        }
    }

    /** Whether a filter needs the body: those run off the event loop. */
    boolean needsBody() {
        return text != null || where != null;
    }

    private static Condition where(String raw) throws Invalid {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String text = raw.strip();
        if (text.startsWith("$.") || text.startsWith("$[")) {
            throw new Invalid("where: a variable comparison (data.type == 'x'), not a JsonPath");
        }
        try {
            // A comparison compiles the same for every format.
            return Condition.compile(text.startsWith("$") ? text : "$" + text, PayloadFormat.JSON);
        } catch (IllegalArgumentException e) {
            throw new Invalid("where: " + e.getMessage());
        }
    }

    private static long time(String raw, String name, long absent) throws Invalid {
        if (raw == null || raw.isEmpty()) {
            return absent;
        }
        try {
            if (raw.chars().allMatch(Character::isDigit) && raw.length() <= 15) {
                return Long.parseLong(raw);
            }
            try {
                return OffsetDateTime.parse(raw).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                return Instant.parse(raw).toEpochMilli();
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new Invalid(name + " must be epoch milliseconds or ISO-8601 (2026-12-01T15:00:00Z)");
        }
    }

    /** Substring search over body bytes in time linear in the body (Knuth-Morris-Pratt). */
    static final class BodyText {
        private BodyText() {}

        static int indexOf(byte[] text, byte[] pattern) {
            int m = pattern.length;
            if (m == 0) {
                return 0;
            }
            int[] border = new int[m];
            for (int i = 1, k = 0; i < m; i++) {
                while (k > 0 && pattern[i] != pattern[k]) {
                    k = border[k - 1];
                }
                if (pattern[i] == pattern[k]) {
                    k++;
                }
                border[i] = k;
            }
            for (int i = 0, k = 0; i < text.length; i++) {
                while (k > 0 && text[i] != pattern[k]) {
                    k = border[k - 1];
                }
                if (text[i] == pattern[k]) {
                    k++;
                }
                if (k == m) {
                    return i - m + 1;
                }
            }
            return -1;
        }
    }
}
