package dev.inlet.actions;

/** An action or a condition failed for one event; the message names the step and the cause. */
public final class ActionFailure extends RuntimeException {
    public ActionFailure(String message) {
        super(message, null, false, false);
    }
}
