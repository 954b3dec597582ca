package dev.inlet.queue;

/**
 * The cause of a failed event that no retry can mend: a template that renders a request that can
 * never be valid, a condition over its budget, a body that does not parse. The consumer moves the
 * event to the dead-letter stream at once, without retries and without waiting for a backoff.
 * Custom actions may fail with it too. The message is what the dead letter records as its error.
 */
public class PermanentFailure extends RuntimeException {
    public PermanentFailure(String message) {
        super(message, null, false, false);
    }
}
