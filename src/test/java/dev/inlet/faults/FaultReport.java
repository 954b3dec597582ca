package dev.inlet.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One scenario's outcome: what the senders were told against what the stream holds, or (worker
 * scenarios) against what the receiver got. {@code lost} (answered 1002, not found) must be empty;
 * {@code duplicates} (ids found more than once: a retry after an answer that was not 1002, or an
 * event delivered again after its worker died) and {@code unconfirmed} (found, never answered 1002)
 * are allowed by at-least-once delivery and reported.
 *
 * @param foundIn what {@code present} counts, in the printed line: {@code inStream} or {@code received}
 */
record FaultReport(
        String scenario,
        int ids,
        int attempts,
        Map<String, Long> outcomes,
        int acknowledged,
        String foundIn,
        int present,
        Set<String> lost,
        int duplicates,
        int unconfirmed,
        long slowestMs) {

    /** Every line is also appended here, for the README's figures. */
    static final Path FILE = Path.of("target", "fault-report.txt");

    static FaultReport of(String scenario, LoadResult load, Map<String, Integer> inStream) {
        return of(scenario, load, inStream, "inStream");
    }

    /** {@code found}: id → how many times it was found (stream entries, or deliveries to a receiver). */
    static FaultReport of(String scenario, LoadResult load, Map<String, Integer> found, String foundIn) {
        Set<String> acked = load.acknowledged();
        Set<String> lost = new TreeSet<>(acked);
        lost.removeAll(found.keySet());
        int duplicates = (int) found.values().stream().filter(n -> n > 1).count();
        Set<String> ours = load.ids();
        int unconfirmed = (int) found.keySet().stream()
                .filter(id -> ours.contains(id) && !acked.contains(id))
                .count();
        int present = (int) found.keySet().stream().filter(ours::contains).count();
        return new FaultReport(
                scenario,
                ours.size(),
                load.allAttempts().size(),
                load.outcomes(),
                acked.size(),
                foundIn,
                present,
                lost,
                duplicates,
                unconfirmed,
                load.slowestMs());
    }

    long count(String outcome) {
        return outcomes.getOrDefault(outcome, 0L);
    }

    /** Prints one line (to the test's output and {@link #FILE}) and returns this. */
    FaultReport print() {
        return print("");
    }

    /** As {@link #print()}, with the scenario's own figures ({@code "name=value ..."}) at the end of the line. */
    FaultReport print(String details) {
        String line = "FAULTS " + scenario + ": ids=" + ids + " attempts=" + attempts + " answers="
                + outcomes.entrySet().stream()
                        .map(e -> e.getKey() + "×" + e.getValue())
                        .collect(Collectors.joining(",", "{", "}"))
                + " acknowledged(1002)=" + acknowledged + " " + foundIn + "=" + present + " lost=" + lost.size()
                + " duplicates=" + duplicates + " " + foundIn + "Without1002=" + unconfirmed + " slowestAnswerMs="
                + slowestMs
                + (details.isEmpty() ? "" : " " + details);
        write(line);
        return this;
    }

    /** A scenario's free-form figures, as one line. */
    static void line(String scenario, String figures) {
        write("FAULTS " + scenario + ": " + figures);
    }

    private static void write(String line) {
        System.out.println(line);
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(
                    FILE,
                    line + System.lineSeparator(),
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
