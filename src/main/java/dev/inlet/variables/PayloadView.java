package dev.inlet.variables;

import java.util.function.Function;
import java.util.function.ToLongFunction;

/** One view of the payload: parsed at most once; a parse that failed is thrown again, not retried. */
final class PayloadView<T> {
    private volatile T value;
    /** Guarded by this view. */
    private MalformedPayloadException failure;

    /** The value if it was computed, else null; never parses. */
    T peek() {
        return value;
    }

    /** The value, built on first use, when its heap ({@code size} of it) is told to the payload's listener. */
    T get(Payload payload, Function<Payload, T> parse, ToLongFunction<T> size) {
        T result = value;
        if (result == null) {
            synchronized (this) {
                result = value;
                if (result == null) {
                    if (failure != null) {
                        throw failure;
                    }
                    try {
                        result = parse.apply(payload);
                    } catch (MalformedPayloadException e) {
                        failure = e;
                        throw e;
                    }
                    value = result;
                    payload.heap(size.applyAsLong(result));
                }
            }
        }
        return result;
    }
}
