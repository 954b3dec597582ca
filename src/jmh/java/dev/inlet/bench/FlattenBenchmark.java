package dev.inlet.bench;

import dev.inlet.variables.JsonFlattener;
import dev.inlet.variables.PayloadSyntax;
import dev.inlet.variables.XmlFlattener;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The worker's flatteners and the ingest path's syntax checks on a ~1 KiB order payload. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FlattenBenchmark {
    byte[] json;
    /** Long strings, as in a source host's push event: URLs, hashes, messages. */
    byte[] jsonLongStrings;

    byte[] xml;

    @Setup
    public void payloads() {
        StringBuilder j = new StringBuilder(
                "{\"id\":\"evt_0001\",\"type\":\"order.created\",\"data\":{\"id\":42,"
                        + "\"attributes\":{\"title\":\"bench order\",\"priority\":\"high\",\"customer\":{\"name\":\"Ada\",\"email\":\"ada@example.com\"}},\"items\":[");
        StringBuilder x = new StringBuilder("<order id=\"42\" type=\"order.created\"><title>bench order</title>"
                + "<customer><name>Ada</name><email>ada@example.com</email></customer>");
        for (int i = 0; i < 12; i++) {
            j.append(i == 0 ? "" : ",")
                    .append("{\"sku\":\"SKU-")
                    .append(i)
                    .append("\",\"qty\":")
                    .append(i % 5 + 1)
                    .append(",\"price\":\"")
                    .append(i * 3)
                    .append(".99\"}");
            x.append("<item><sku>SKU-")
                    .append(i)
                    .append("</sku><qty>")
                    .append(i % 5 + 1)
                    .append("</qty><price>")
                    .append(i * 3)
                    .append(".99</price></item>");
        }
        json = j.append("]}}").toString().getBytes(StandardCharsets.UTF_8);
        StringBuilder l = new StringBuilder("{\"ref\":\"refs/heads/main\",\"commits\":[");
        for (int i = 0; i < 12; i++) {
            l.append(i == 0 ? "" : ",")
                    .append("{\"id\":\"6dcb09b5b57875f334f61aebed695e2e4193db5")
                    .append(i % 10)
                    .append(
                            "\",\"message\":\"Fix the retry of a delivery that timed out after the receiver closed it\",")
                    .append(
                            "\"url\":\"https://github.com/octo-org/octo-repo/commit/6dcb09b5b57875f334f61aebed695e2e4193db5")
                    .append(i % 10)
                    .append("\"}");
        }
        jsonLongStrings = l.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        xml = x.append("</order>").toString().getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public Map<String, String> flattenJson() {
        return JsonFlattener.flatten(json);
    }

    @Benchmark
    public Map<String, String> flattenXml() {
        return XmlFlattener.flatten(xml);
    }

    @Benchmark
    public Optional<String> checkJson() {
        return PayloadSyntax.checkJson(json);
    }

    @Benchmark
    public Optional<String> checkJsonLongStrings() {
        return PayloadSyntax.checkJson(jsonLongStrings);
    }

    @Benchmark
    public Optional<String> checkXml() {
        return PayloadSyntax.checkXml(xml);
    }
}
