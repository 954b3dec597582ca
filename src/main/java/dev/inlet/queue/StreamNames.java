package dev.inlet.queue;

/** Names derived from the event stream's name, so one Redis can hold several Inlets apart. */
public final class StreamNames {
  /** The consumer group all workers of one Inlet share. */
  public static final String GROUP = "inlet-workers";

  private StreamNames() {}

  public static String deadLetter(String stream) {
    return stream + ":dead";
  }

  /** Hash of entry id → attempts so far; survives worker crashes so retries stay bounded. */
  public static String attempts(String stream) {
    return stream + ":attempts";
  }
}
