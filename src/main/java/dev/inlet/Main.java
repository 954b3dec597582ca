package dev.inlet;

import dev.inlet.config.ConfigException;
import dev.inlet.config.ConfigLoader;
import dev.inlet.config.InletConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar inlet.jar [--config FILE|DIR]}: loads the config, starts Inlet, stops it on SIGTERM. */
@Command(
        name = "inlet",
        mixinStandardHelpOptions = true,
        version = "Inlet 0.1.0",
        description = "Self-hosted inbound webhooks server.%n"
                + "Reads conf/inlet.yaml when it exists, else the example config bundled in the jar.",
        footer = "%nEnvironment:%n  INLET_CONFIG      config file or directory, when --config is not given%n"
                + "  INLET_LOG_LEVEL   log level (default INFO)%n"
                + "  INLET_LOG_FORMAT  text (default) or json: one JSON object per line%n"
                + "  Config values may use $${NAME} and $${NAME:-default} from the environment.%n"
                + "Signals: SIGTERM stops gracefully; SIGHUP reloads the config file (or directory).")
public final class Main implements Callable<Integer> {
    static {
        // Chosen before the first logger exists; logback reads it once.
        if ("json".equalsIgnoreCase(System.getenv("INLET_LOG_FORMAT"))
                && System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "logback-json.xml");
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    @Option(
            names = {"-c", "--config"},
            paramLabel = "FILE|DIR",
            description = "YAML config file, or a directory: its *.yaml and *.yml files in name order, as one config"
                    + " (default: $INLET_CONFIG, else conf/inlet.yaml, else the bundled example)")
    private Path config;

    private Inlet running;
    private boolean hangupWhileStarting;

    @Option(
            names = {"-r", "--role"},
            paramLabel = "ROLE",
            defaultValue = "all",
            description =
                    "all (default): ingest and workers; ingest: HTTP only; worker: workers only (HTTP serves health, metrics, admin)")
    private String role;

    public static void main(String[] args) {
        int exit = new CommandLine(new Main()).execute(args);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    @Override
    public Integer call() {
        Role chosen;
        try {
            chosen = Role.valueOf(role.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            System.err.println("inlet: --role " + role + " is not one of all, ingest, worker");
            return 2;
        }
        InletConfig cfg;
        try {
            cfg = loadConfig(null);
        } catch (ConfigException e) {
            return configProblems(e);
        }
        // Installed before start-up: a SIGHUP that arrives while Inlet starts is kept and applied once
        // it runs, instead of the JVM's default for HUP (exit).
        reloadOnHangup();
        Inlet inlet;
        try {
            inlet = Inlet.start(cfg, chosen);
        } catch (ConfigException e) {
            return configProblems(e);
        } catch (RuntimeException e) {
            System.err.println("inlet: cannot start: " + e.getMessage());
            LOG.debug("start-up failure", e);
            return 1;
        }
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            LOG.info("shutting down");
                            inlet.stop();
                            LOG.info("stopped");
                        },
                        "inlet-shutdown"));
        synchronized (this) {
            running = inlet;
            if (hangupWhileStarting) {
                startReload();
            }
        }
        return 0;
    }

    private static int configProblems(ConfigException e) {
        System.err.println("inlet: the configuration has problems:");
        e.problems().forEach(p -> System.err.println("  " + p));
        return 2;
    }

    /** SIGHUP reloads the config file or directory; one with problems is logged and the running config kept. */
    private void reloadOnHangup() {
        try {
            sun.misc.SignalHandler before = sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> {
                synchronized (this) {
                    if (running == null) {
                        hangupWhileStarting = true;
                    } else {
                        startReload();
                    }
                }
            });
            if (before == sun.misc.SignalHandler.SIG_IGN) {
                LOG.warn("SIGHUP is ignored by this process (started with nohup?), so it cannot reload the config");
            }
        } catch (IllegalArgumentException e) {
            LOG.info("SIGHUP is not available on this platform; config reload is off");
        }
    }

    /** Off the signal thread: a reload waits for JWT keys to load. */
    private void startReload() {
        Inlet inlet = running;
        new Thread(() -> reload(inlet), "inlet-reload").start();
    }

    private synchronized void reload(Inlet inlet) {
        try {
            inlet.reload(loadConfig(inlet.config()));
        } catch (ConfigException e) {
            LOG.error("config reload refused, the running config is kept: {}", String.join("; ", e.problems()));
        } catch (RuntimeException e) {
            LOG.error("config reload failed, the running config is kept: {}", e.getMessage());
        }
    }

    /** The config from --config, $INLET_CONFIG, conf/inlet.yaml or the jar; {@code running}: see ConfigLoader#load. */
    private InletConfig loadConfig(InletConfig running) {
        ConfigLoader loader = ConfigLoader.fromEnvironment();
        Path file = config;
        if (file == null
                && System.getenv("INLET_CONFIG") != null
                && !System.getenv("INLET_CONFIG").isBlank()) {
            file = Path.of(System.getenv("INLET_CONFIG"));
        }
        if (file == null && Files.exists(ConfigLoader.DEFAULT_FILE)) {
            file = ConfigLoader.DEFAULT_FILE;
        }
        if (file == null) {
            LOG.info("no conf/inlet.yaml here: using the example config bundled in the jar");
            return loader.loadBundled();
        }
        LOG.info("config: {}", file);
        return loader.load(file, running);
    }
}
