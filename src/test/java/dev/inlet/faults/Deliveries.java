package dev.inlet.faults;

import dev.inlet.worker.Receiver;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;

/** What a {@link Receiver} got from the workers' http action, by the {@code id} in each forwarded body. */
final class Deliveries {
    private Deliveries() {}

    /** id → how many requests carried it (every attempt counts, whatever the receiver answered). */
    static Map<String, Integer> ids(Receiver receiver) {
        Map<String, Integer> found = new HashMap<>();
        receiver.received(r -> true).forEach(r -> {
            String id = id(r);
            if (id != null) {
                found.merge(id, 1, Integer::sum);
            }
        });
        return found;
    }

    /** The {@code id} of the forwarded body (the raw payload the load generator sent), or null. */
    static String id(Receiver.Received request) {
        try {
            return new JsonObject(request.body()).getString("id");
        } catch (RuntimeException notOurs) {
            return null;
        }
    }
}
