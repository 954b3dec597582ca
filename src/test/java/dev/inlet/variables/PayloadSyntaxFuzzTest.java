package dev.inlet.variables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Fuzz targets for the syntax checks (seeds under {@code PayloadSyntaxFuzzTestInputs/}; with
 * {@code JAZZER_FUZZ=1} they fuzz). Property: a check returns a verdict and never throws, and a
 * body it accepts is one the worker's flattener reads, so no 1002 becomes a poison event.
 */
class PayloadSyntaxFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void checkJson(byte[] body) {
        Optional<String> problem = PayloadSyntax.checkJson(body);
        assertThat(problem).isNotNull();
        if (problem.isEmpty()) {
            assertThatCode(() -> JsonFlattener.flatten(body))
                    .as("flatten an accepted JSON body")
                    .doesNotThrowAnyException();
        } else {
            assertThat(problem.get()).isNotBlank().hasSizeLessThan(1_000);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void checkXml(byte[] body) {
        Optional<String> problem = PayloadSyntax.checkXml(body);
        assertThat(problem).isNotNull();
        if (problem.isEmpty()) {
            assertThatCode(() -> XmlFlattener.flatten(body))
                    .as("flatten an accepted XML body")
                    .doesNotThrowAnyException();
        } else {
            assertThat(problem.get()).isNotBlank().hasSizeLessThan(1_000);
        }
    }

    /** Every way an XML document can name an outside resource, aimed at a loopback listener. */
    @Test
    void noXmlCheckEverOpensAConnection() throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String url = "http://127.0.0.1:" + listener.getLocalPort() + "/x";
            String[] refused = {
                "<!DOCTYPE a SYSTEM \"" + url + "\"><a/>",
                "<!DOCTYPE a [<!ENTITY e SYSTEM \"" + url + "\">]><a>&e;</a>",
                "<!DOCTYPE a [<!ENTITY % p SYSTEM \"" + url + "\"> %p;]><a/>",
                "<!DOCTYPE a PUBLIC \"-//X//Y\" \"" + url + "\"><a/>",
            };
            for (String doc : refused) {
                assertThat(PayloadSyntax.checkXml(doc.getBytes(StandardCharsets.UTF_8)))
                        .as(doc)
                        .isPresent();
            }
            // Plain elements that only mention a URL are fine, and fetch nothing either.
            String[] accepted = {
                "<a xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"" + url + "\"/></a>",
                "<a xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"urn:x " + url + "\"/>",
                "<?xml-stylesheet href=\"" + url + "\"?><a/>",
            };
            for (String doc : accepted) {
                assertThat(PayloadSyntax.checkXml(doc.getBytes(StandardCharsets.UTF_8)))
                        .as(doc)
                        .isEmpty();
                assertThatCode(() -> XmlFlattener.flatten(doc.getBytes(StandardCharsets.UTF_8)))
                        .doesNotThrowAnyException();
            }
            listener.setSoTimeout(200);
            try {
                listener.accept().close();
                throw new AssertionError("an XML check connected to " + url);
            } catch (SocketTimeoutException expected) {
                // nobody connected
            }
        }
    }
}
