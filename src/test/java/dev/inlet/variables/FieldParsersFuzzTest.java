package dev.inlet.variables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.inlet.config.PayloadFormat;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Fuzz targets for the form and multipart checks (seeds under {@code FieldParsersFuzzTestInputs/};
 * with {@code JAZZER_FUZZ=1} they fuzz). Property: a check returns a verdict and never throws, its
 * reason is short; a body it accepts is one the worker reads (variables, the names-only walk with
 * the same names, the JSON view), with a field declared JSON or not, so no 1002 becomes a poison
 * event.
 */
class FieldParsersFuzzTest {
    /** Fields declared JSON in every run: names a fuzzer finds quickly. */
    private static final List<String> JSON_FIELDS = List.of("payload", "a");

    @FuzzTest(maxDuration = "30s")
    void checkForm(byte[] body) {
        Optional<String> problem = PayloadSyntax.checkForm(body);
        verdict(problem, body, PayloadFormat.FORM, null);
    }

    /**
     * The input's first line is the boundary (quoted in the Content-Type, so any bytes can be tried:
     * the check must refuse a bad one cleanly), the rest the body.
     */
    @FuzzTest(maxDuration = "30s")
    void checkMultipart(byte[] input) {
        int newline = 0;
        while (newline < input.length && input[newline] != '\n') {
            newline++;
        }
        String boundary = new String(input, 0, newline, StandardCharsets.ISO_8859_1);
        byte[] body = Arrays.copyOfRange(input, Math.min(newline + 1, input.length), input.length);
        String contentType = "multipart/form-data; boundary=\"" + boundary + "\"";
        Optional<String> problem = PayloadSyntax.checkMultipart(body, contentType);
        verdict(problem, body, PayloadFormat.MULTIPART, contentType);
    }

    private static void verdict(Optional<String> problem, byte[] body, PayloadFormat format, String contentType) {
        assertThat(problem).isNotNull();
        if (problem.isPresent()) {
            assertThat(problem.get()).isNotBlank().hasSizeLessThan(1_000);
            return;
        }
        Payload payload = Payload.of(body, format, contentType, JSON_FIELDS, FlattenLimits.DEFAULT, heap -> {});
        assertThatCode(() -> {
                    Flattened flattened = payload.flattened();
                    var names = Payload.of(body, format, contentType, JSON_FIELDS, FlattenLimits.DEFAULT, heap -> {})
                            .names()
                            .variables()
                            .keySet();
                    // A names-only walk counts no value characters: it can keep more, never fewer.
                    if (flattened.isTruncated()) {
                        assertThat(names).containsAll(flattened.variables().keySet());
                    } else {
                        assertThat(names)
                                .containsExactlyElementsOf(flattened.variables().keySet());
                    }
                    assertThat(payload.jsonDocument().isObject()).isTrue();
                })
                .as("read an accepted " + format + " body")
                .doesNotThrowAnyException();
    }
}
