package dev.inlet.ingest;

import io.vertx.core.Handler;

/** The endpoint's service must be active (else 7007). */
public final class ServiceStateHandler implements Handler<Exchange> {
    private ServiceStateHandler() {}

    public static ServiceStateHandler create() {
        return new ServiceStateHandler();
    }

    @Override
    public void handle(Exchange ex) {
        if (!ex.endpoint().service().active()) {
            String service = ex.endpoint().service().id();
            ex.refuse(ResponseCode.SERVICE_INACTIVE, () -> "service " + service + " is inactive (active: false)");
            return;
        }
        ex.next();
    }
}
