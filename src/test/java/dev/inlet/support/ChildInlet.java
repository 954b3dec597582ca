package dev.inlet.support;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An Inlet in a child JVM ({@code dev.inlet.Main} from this test's classpath), so a scenario can
 * kill it with SIGKILL ({@link Process#destroyForcibly()}) and no shutdown hook runs.
 */
public final class ChildInlet {
    private ChildInlet() {}

    /**
     * Starts {@code dev.inlet.Main --config <yaml in a temp file> <args>} with {@code env} added to
     * this process' environment; its output goes to {@code target/<logName>}.
     */
    public static Process start(String yaml, String logName, Map<String, String> env, String... args)
            throws IOException {
        Path config = Files.createTempFile("inlet-faults", ".yaml");
        Files.writeString(config, yaml);
        config.toFile().deleteOnExit();
        return start(config, logName, env, args);
    }

    /** The same, with a config file the caller keeps (to rewrite it before a SIGHUP, say). */
    public static Process start(Path config, String logName, Map<String, String> env, String... args)
            throws IOException {
        return start(List.of(), config, logName, env, args);
    }

    /** The same, with the java command run through {@code launcher} (e.g. {@code env --default-signal=HUP}). */
    public static Process start(
            List<String> launcher, Path config, String logName, Map<String, String> env, String... args)
            throws IOException {
        return start(launcher, List.of("-Xmx256m"), config, logName, env, args);
    }

    /** The JVM flags {@code bin/inlet} runs Inlet with: its default heap, the parallel collector, exit on OutOfMemoryError. */
    public static final List<String> BIN_INLET_JVM =
            List.of("-Xmx320m", "-XX:+UseParallelGC", "-XX:+ExitOnOutOfMemoryError");

    /** As {@link #start(String, String, Map, String...)}, with {@code jvmFlags} (e.g. {@link #BIN_INLET_JVM}) for the heap. */
    public static Process startWithJvm(
            List<String> jvmFlags, String yaml, String logName, Map<String, String> env, String... args)
            throws IOException {
        Path config = Files.createTempFile("inlet-child", ".yaml");
        Files.writeString(config, yaml);
        config.toFile().deleteOnExit();
        return start(List.of(), jvmFlags, config, logName, env, args);
    }

    private static Process start(
            List<String> launcher,
            List<String> jvmFlags,
            Path config,
            String logName,
            Map<String, String> env,
            String... args)
            throws IOException {
        Path log = log(logName);
        Files.createDirectories(log.getParent());
        String classpath =
                "target" + File.separator + "classes" + File.pathSeparator + System.getProperty("java.class.path");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(launcher);
        command.add(java);
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", classpath, "dev.inlet.Main", "--config", config.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        return builder.start();
    }

    /** Where {@link #start} writes the child's output. */
    public static Path log(String logName) {
        return Path.of("target", logName);
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Completes once the child answers an unknown route with its JSON 404. */
    public static Future<Void> serving(Vertx vertx, int port) {
        HttpClient client = vertx.createHttpClient();
        AtomicBoolean up = new AtomicBoolean();
        long poller = vertx.setPeriodic(100, id -> client.request(new RequestOptions()
                        .setMethod(HttpMethod.GET)
                        .setHost("127.0.0.1")
                        .setPort(port)
                        .setURI("/no/such/route")
                        .setIdleTimeout(1_000))
                .compose(req -> req.send())
                .onSuccess(res -> up.compareAndSet(false, res.statusCode() == 404)));
        return Waits.until(vertx, up::get, 25_000, "the child Inlet serves").eventually(() -> {
            vertx.cancelTimer(poller);
            return client.close();
        });
    }
}
