package dev.inlet.bench;

import dev.inlet.config.SecretFormat;
import dev.inlet.config.SignatureConfig;
import dev.inlet.config.SignaturePresets;
import dev.inlet.security.SignatureVerifier;
import dev.inlet.security.Signatures;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Verifying one ~1 KiB body's signature, per scheme, as the ingest path does on every request. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SignatureBenchmark {
    @Param({"hmac", "github", "stripe", "shopify", "slack", "standard"})
    public String scheme;

    SignatureVerifier verifier;
    Map<String, String> headers;
    byte[] body;
    long now;

    @Setup
    public void sign() {
        boolean whsec = SignaturePresets.find(scheme).secretFormat() == SecretFormat.WHSEC;
        String secret = whsec
                ? "whsec_"
                        + Base64.getEncoder()
                                .encodeToString("a-32-byte-standard-webhooks-key!".getBytes(StandardCharsets.UTF_8))
                : "bench-signing-secret";
        String rotatedOut = whsec
                ? "whsec_"
                        + Base64.getEncoder()
                                .encodeToString("a-rotated-out-standard-webhooks!".getBytes(StandardCharsets.UTF_8))
                : "rotated-out";
        // The scheme's defaults, as a config that names only the scheme and its secrets gets them.
        SignatureConfig config = new SignatureConfig(
                scheme, SignaturePresets.find(scheme), List.of(rotatedOut, secret), null, true, null);
        body = "{\"data\":{\"id\":42,\"pad\":\""
                .concat("x".repeat(1000))
                .concat("\"}}")
                .getBytes(StandardCharsets.UTF_8);
        now = System.currentTimeMillis() / 1000;
        headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(Signatures.headers(config, secret, "msg_1", now, body));
        verifier = SignatureVerifier.create(config);
        if (verifier.verify(headers::get, body, now) != SignatureVerifier.Verdict.VALID) {
            throw new IllegalStateException("benchmark setup does not verify for " + scheme);
        }
    }

    @Benchmark
    public SignatureVerifier.Verdict verify() {
        return verifier.verify(headers::get, body, now);
    }

    /** What every signed request now pays on top of {@link #verify}: the headers judged before the body is read. */
    @Benchmark
    public SignatureVerifier.Verdict precheck() {
        return verifier.precheck(headers::get, now);
    }
}
