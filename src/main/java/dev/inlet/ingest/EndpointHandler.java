package dev.inlet.ingest;

import io.vertx.core.Handler;
import java.util.function.Supplier;

/** First check: the path names a configured endpoint (else 7008). Pauses the body until it is wanted. */
public final class EndpointHandler implements Handler<Exchange> {
    private final Supplier<EndpointDirectory> directory;

    private EndpointHandler(Supplier<EndpointDirectory> directory) {
        this.directory = directory;
    }

    /** {@code directory} is read per request so a config reload takes effect without a restart. */
    public static EndpointHandler create(Supplier<EndpointDirectory> directory) {
        return new EndpointHandler(directory);
    }

    @Override
    public void handle(Exchange ex) {
        // Nothing reads the body before authentication; hold it in the socket until then.
        ex.request().pause();
        Endpoint endpoint = directory.get().find(ex.endpointId());
        if (endpoint == null) {
            String id = ex.endpointId();
            ex.refuse(ResponseCode.UNKNOWN_ENDPOINT, () -> "no endpoint " + Diagnosis.quote(id) + " is configured");
            return;
        }
        ex.endpoint(endpoint);
        ex.next();
    }
}
