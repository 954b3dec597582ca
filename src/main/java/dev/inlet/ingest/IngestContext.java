package dev.inlet.ingest;

/** Keys under which the ingest handlers pass what they found to the next handler. */
final class IngestContext {
  static final String ENDPOINT = "inlet.endpoint";
  static final String BODY = "inlet.body";
  static final String FORMAT = "inlet.format";
  static final String CODE = "inlet.code";

  private IngestContext() {}
}
