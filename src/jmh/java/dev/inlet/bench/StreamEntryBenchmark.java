package dev.inlet.bench;

import dev.inlet.config.PayloadFormat;
import dev.inlet.queue.StoredHeaders;
import dev.inlet.queue.StreamEntry;
import dev.inlet.queue.StreamEntryCodec;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.impl.RequestImpl;
import java.nio.charset.StandardCharsets;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * What ingest pays to turn an accepted request into its XADD: the stored headers of ten typical
 * headers (one a credential), and the whole entry (~1 KiB body) encoded as the RESP bytes Redis gets.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StreamEntryBenchmark {
    private static final byte[] AUTO_ID = "*".getBytes(StandardCharsets.UTF_8);

    MultiMap headers;
    byte[] body;
    StoredHeaders.Writer writer;
    byte[] stream = "inlet:events".getBytes(StandardCharsets.UTF_8);

    @Setup
    public void setUp() {
        headers = MultiMap.caseInsensitiveMultiMap()
                .add("Host", "hooks.example.com")
                .add("User-Agent", "GitHub-Hookshot/7a3c1f2")
                .add("Content-Type", "application/json")
                .add("Content-Length", "1042")
                .add("Accept", "*/*")
                .add("X-GitHub-Event", "push")
                .add("X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958")
                .add("X-Hub-Signature-256", "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")
                .add("key", "a-service-key")
                .add("Connection", "keep-alive");
        body = "{\"data\":{\"id\":42,\"pad\":\""
                .concat("x".repeat(1000))
                .concat("\"}}")
                .getBytes(StandardCharsets.UTF_8);
        writer = new StoredHeaders.Writer();
    }

    @Benchmark
    public byte[] storedHeaders() {
        return writer.write(headers);
    }

    /** As EnqueueHandler and EventAppender's pipeline build it, then as the client encodes it. */
    @Benchmark
    public Buffer enqueue(Blackhole held) {
        StreamEntry e = StreamEntry.toAppend(
                "01J9ZX3K4M5N6P7Q8R9S0T1V2W",
                "github",
                "shop",
                1_718_000_000_000L,
                headers.get("Content-Type"),
                PayloadFormat.JSON,
                writer.write(headers),
                "",
                body);
        // The appender holds the event until Redis answers, so it is allocated, not optimised away.
        held.consume(e);
        Request xadd =
                StreamEntryCodec.addFields(Request.cmd(Command.XADD).arg(stream).arg(AUTO_ID), e);
        return ((RequestImpl) xadd).encode();
    }
}
