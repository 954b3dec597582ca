package dev.inlet.ingest;

import dev.inlet.config.HistoryConfig;
import dev.inlet.config.PayloadFormat;
import dev.inlet.history.Credentials;
import dev.inlet.history.HistoryRecord;
import dev.inlet.history.HistoryWriter;
import dev.inlet.queue.StoredHeaders;
import dev.inlet.security.ClientAddress;
import dev.inlet.security.IpAllowList;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Makes an exchange's history record once it was answered and hands it to the event loop's {@link
 * HistoryWriter}: the client (and the trusted proxy it came through), method, path, the query and
 * headers with credentials masked or left out, the body up to the endpoint's {@code maxBodyBytes},
 * and the answer with its time and diagnosis; every answer is first counted ({@link
 * dev.inlet.history.AnswerCounts}). Nothing is built for an endpoint whose history is off,
 * nor for a refusal past the refusal budget. Confined to its event loop.
 */
final class IngestHistory {
    private final HistoryWriter writer;
    private final Supplier<EndpointDirectory> directory;
    /** Writes the masked headers into a buffer it reuses. */
    private final StoredHeaders.Writer headers = new StoredHeaders.Writer();
    /**
     * Whether a header name says it carries a credential ({@link Credentials#namesCredential}), per
     * name as requests spell it: a handful of names recur on every
     * request. Emptied when full, so names an attacker makes up cannot grow it.
     */
    private final Map<String, Boolean> credentialNames = new HashMap<>();

    private static final int MAX_CACHED_NAMES = 1024;

    /** Each format's name as a record gives it, made once rather than per record. */
    private static final String[] FORMAT_NAMES = Arrays.stream(PayloadFormat.values())
            .map(f -> f.name().toLowerCase(Locale.ROOT))
            .toArray(String[]::new);

    IngestHistory(HistoryWriter writer, Supplier<EndpointDirectory> directory) {
        this.writer = writer;
        this.directory = directory;
    }

    /** Records the answered {@code ex}: {@code code}, the transid of an accepted event ("" otherwise). */
    void record(Exchange ex, ResponseCode code, String transid) {
        Endpoint endpoint = ex.endpointOrNull();
        if (endpoint == null) {
            // No configured endpoint, no history to keep it in (7008, and answers before the lookup).
            return;
        }
        // Derived once: each derivation reads two clocks.
        long arrivedAt = ex.arrivedAt();
        writer.counts().count(endpoint.id(), code.number(), arrivedAt);
        HistoryConfig config = endpoint.config().history();
        if (!writer.admits(endpoint.id(), config, code == ResponseCode.QUEUED)) {
            return;
        }
        HttpServerRequest request = ex.request();
        SocketAddress remote = request.remoteAddress();
        String peer = remote == null ? "" : remote.hostAddress();
        EndpointDirectory endpoints = directory.get();
        IpAllowList proxies = endpoints.trustedProxies();
        String client = peer;
        if (!proxies.isEmpty() && !peer.isEmpty()) {
            client = ClientAddress.resolve(
                    peer,
                    proxies,
                    endpoints.forwardedHeader(),
                    request.headers().getAll(endpoints.forwardedHeader().headerName()));
        }
        byte[] body = ex.bodyOrNull();
        byte[] kept = body == null
                ? new byte[0]
                : body.length <= config.maxBodyBytes() ? body : Arrays.copyOf(body, (int) config.maxBodyBytes());
        PayloadFormat format = ex.formatOrNull();
        String diagnosis = ex.diagnosis();
        byte[] masked = ex.maskedHeadersOrNull();
        writer.write(
                endpoint.id(),
                config,
                new HistoryRecord(
                        null,
                        arrivedAt,
                        endpoint.service().id(),
                        client == null ? "" : client,
                        client != null && !client.equals(peer) ? peer : "",
                        request.method().name(),
                        request.path(),
                        Credentials.maskQuery(request.query(), endpoint.signatureNames()),
                        masked != null
                                ? masked
                                : headers.write(
                                        request.headers(),
                                        endpoint.withheldHeaders(),
                                        name -> masked(name, endpoint.signatureNames())),
                        kept,
                        body == null ? -1 : body.length,
                        format == null ? "" : FORMAT_NAMES[format.ordinal()],
                        code.number(),
                        // 0: no answer reached the sender (its connection was gone).
                        request.response().ended() ? request.response().getStatusCode() : 0,
                        transid == null ? "" : transid,
                        (System.nanoTime() - ex.arrivedNanos()) / 1000,
                        diagnosis == null ? "" : diagnosis));
    }

    /**
     * The event's stored headers, written by {@code writer}; when the endpoint's history is on, their
     * masked form too, in the same walk, left on {@code ex} for its record.
     */
    byte[] storedHeaders(Exchange ex, StoredHeaders.Writer writer) {
        Endpoint endpoint = ex.endpoint();
        if (!endpoint.config().history().enabled()) {
            return writer.write(ex.request().headers(), endpoint.withheldHeaders());
        }
        StoredHeaders.Forms forms = writer.forms(
                ex.request().headers(), endpoint.withheldHeaders(), name -> masked(name, endpoint.signatureNames()));
        ex.maskedHeaders(forms.masked());
        return forms.stored();
    }

    /** {@link Credentials#maskedHeader}, the name's own test remembered. */
    private boolean masked(String name, List<String> declared) {
        if (Credentials.declared(name, declared)) {
            return true;
        }
        Boolean known = credentialNames.get(name);
        if (known == null) {
            if (credentialNames.size() >= MAX_CACHED_NAMES) {
                credentialNames.clear();
            }
            known = Credentials.namesCredential(name);
            credentialNames.put(name, known);
        }
        return known;
    }
}
