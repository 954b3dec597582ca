package dev.inlet.faults;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/** What the senders saw: every id sent and every attempt's outcome (a code, or a kind of no-answer). */
final class LoadResult {
    static final String QUEUED = "1002";
    static final String TIMEOUT = "no-answer:timeout";
    static final String CONNECTION = "no-answer:connection";

    /** One attempt: its outcome and how long the answer took. */
    record Attempt(String outcome, long tookMs) {}

    private final Map<String, List<Attempt>> attempts;

    LoadResult(int expectedIds) {
        this.attempts = Collections.synchronizedMap(new LinkedHashMap<>(expectedIds * 2));
    }

    void sent(String id) {
        attempts.put(id, Collections.synchronizedList(new ArrayList<>(2)));
    }

    void record(String id, String outcome, long tookMs) {
        attempts.get(id).add(new Attempt(outcome, tookMs));
    }

    static String noAnswer(Throwable cause) {
        boolean timeout = cause instanceof TimeoutException
                || cause.getClass().getSimpleName().contains("Timeout")
                || String.valueOf(cause.getMessage()).toLowerCase().contains("timeout");
        return timeout ? TIMEOUT : CONNECTION;
    }

    Set<String> ids() {
        synchronized (attempts) {
            return Set.copyOf(attempts.keySet());
        }
    }

    /** Ids that got a 1002 on some attempt. */
    Set<String> acknowledged() {
        synchronized (attempts) {
            return attempts.entrySet().stream()
                    .filter(e -> e.getValue().stream().anyMatch(a -> QUEUED.equals(a.outcome())))
                    .map(Map.Entry::getKey)
                    .collect(Collectors.toUnmodifiableSet());
        }
    }

    List<Attempt> allAttempts() {
        synchronized (attempts) {
            return attempts.values().stream().flatMap(List::stream).toList();
        }
    }

    /** How many attempts ended with each outcome, sorted by outcome. */
    Map<String, Long> outcomes() {
        return allAttempts().stream()
                .collect(Collectors.groupingBy(Attempt::outcome, TreeMap::new, Collectors.counting()));
    }

    long slowestMs() {
        return allAttempts().stream().mapToLong(Attempt::tookMs).max().orElse(0);
    }
}
