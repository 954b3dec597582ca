package dev.inlet.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Handler;
import java.util.function.Supplier;

/**
 * The endpoint's verification handshake ({@link Handshake}), at the three places a handshake can
 * be: {@link #route} and {@link #get()} around the checks of a GET, {@link #unsigned()} after the
 * credential on a POST, {@link #signed()} after the signature over the body. A recognised
 * handshake is answered there ({@link Exchange#handshake}) and goes no further, so it is never
 * queued and spends no limit; anything else passes on untouched. An endpoint without a handshake
 * pays one null check.
 */
final class HandshakeHandler implements Handler<Exchange> {
    private final Handshake.Stage stage;

    private HandshakeHandler(Handshake.Stage stage) {
        this.stage = stage;
    }

    /**
     * The first step of a GET: the endpoint named, when its handshake is a GET and the request is
     * it; any other GET is 7044, as before, whether or not the endpoint exists.
     */
    static Handler<Exchange> route(Supplier<EndpointDirectory> directory) {
        return ex -> {
            Endpoint endpoint = directory.get().find(ex.endpointId());
            Handshake handshake = endpoint == null ? null : endpoint.handshake();
            if (handshake == null || handshake.stage() != Handshake.Stage.GET || !handshake.headHolds(ex.request())) {
                ex.refuse(
                        ResponseCode.METHOD_NOT_ALLOWED,
                        () -> endpoint == null
                                ? "GET to an endpoint that is not configured; webhooks are POSTed"
                                : handshake == null || handshake.stage() != Handshake.Stage.GET
                                        ? "GET to endpoint " + endpoint.id() + ", whose signature has no GET handshake;"
                                                + " webhooks are POSTed"
                                        : "GET to endpoint " + endpoint.id() + " is not its " + handshake.name()
                                                + " handshake (a parameter it needs is missing)");
                return;
            }
            ex.endpoint(endpoint);
            ex.next();
        };
    }

    /** The last step of a GET {@link #route} let in: its answer. */
    static HandshakeHandler get() {
        return new HandshakeHandler(Handshake.Stage.GET);
    }

    /** A handshake the provider does not sign, on a POST: before the signature and the body. */
    static HandshakeHandler unsigned() {
        return new HandshakeHandler(Handshake.Stage.UNSIGNED);
    }

    /** A handshake answered once the signature verified over the body. */
    static HandshakeHandler signed() {
        return new HandshakeHandler(Handshake.Stage.SIGNED);
    }

    @Override
    public void handle(Exchange ex) {
        Handshake handshake = ex.endpoint().handshake();
        if (handshake == null || handshake.stage() != stage) {
            ex.next();
            return;
        }
        if (!handshake.headHolds(ex.request())) {
            ex.next();
            return;
        }
        // Parsed only once the head says it may be the handshake (Twitch's message type, say).
        JsonNode parsed = stage == Handshake.Stage.SIGNED && handshake.needsBody() ? handshake.parse(ex.body()) : null;
        if (!handshake.bodyHolds(parsed)) {
            ex.next();
            return;
        }
        Handshake.Answer answer = handshake.answer(ex.request(), parsed);
        if (answer.refusal() != null) {
            ex.refuse(answer.refusal(), answer.diagnosis());
        } else {
            ex.handshake(handshake, answer.body());
        }
    }
}
