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

/** {@code java -jar inlet.jar [--config FILE]}: loads the config, starts Inlet, stops it on SIGTERM. */
@Command(
    name = "inlet",
    mixinStandardHelpOptions = true,
    version = "Inlet 0.1.0",
    description = "Self-hosted inbound webhooks server.%n"
        + "Reads conf/inlet.yaml when it exists, else the example config bundled in the jar.",
    footer = "%nEnvironment:%n  INLET_CONFIG      config file, when --config is not given%n"
        + "  INLET_LOG_LEVEL   log level (default INFO)%n"
        + "  INLET_LOG_FORMAT  text (default) or json: one JSON object per line%n"
        + "  Config values may use $${NAME} and $${NAME:-default} from the environment.")
public final class Main implements Callable<Integer> {
  static {
    // Chosen before the first logger exists; logback reads it once.
    if ("json".equalsIgnoreCase(System.getenv("INLET_LOG_FORMAT")) && System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "logback-json.xml");
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "YAML config file (default: $INLET_CONFIG, else conf/inlet.yaml, else the bundled example)")
  private Path config;

  public static void main(String[] args) {
    int exit = new CommandLine(new Main()).execute(args);
    if (exit != 0) {
      System.exit(exit);
    }
  }

  @Override
  public Integer call() {
    InletConfig cfg;
    try {
      cfg = loadConfig();
    } catch (ConfigException e) {
      System.err.println("inlet: the configuration has problems:");
      e.problems().forEach(p -> System.err.println("  " + p));
      return 2;
    }
    Inlet inlet;
    try {
      inlet = Inlet.start(cfg);
    } catch (RuntimeException e) {
      System.err.println("inlet: cannot start: " + e.getMessage());
      LOG.debug("start-up failure", e);
      return 1;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("shutting down");
      inlet.stop();
      LOG.info("stopped");
    }, "inlet-shutdown"));
    return 0;
  }

  private InletConfig loadConfig() {
    ConfigLoader loader = ConfigLoader.fromEnvironment();
    Path file = config;
    if (file == null && System.getenv("INLET_CONFIG") != null && !System.getenv("INLET_CONFIG").isBlank()) {
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
    return loader.load(file);
  }
}
