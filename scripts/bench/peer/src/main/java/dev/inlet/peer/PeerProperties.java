package dev.inlet.peer;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The one endpoint the peer serves: {@code peer.*} in application.properties, overridden by
 * arguments ({@code --peer.key=...}) or the environment ({@code PEER_KEY}, {@code PEER_SECRET}).
 *
 * @param endpoint the endpoint id in {@code /v1/webhooks/{endpoint}}
 * @param service the service id written with each event
 * @param key the service key the {@code key} header must carry
 * @param secret the HMAC SHA-256 signing secret of {@code X-Signature: sha256=<hex>}
 * @param stream the Redis stream events are added to
 * @param maxLength the stream's approximate bound ({@code XADD MAXLEN ~})
 */
@ConfigurationProperties("peer")
public record PeerProperties(
        String endpoint, String service, String key, String secret, String stream, long maxLength) {
    public PeerProperties {
        if (key == null || key.isEmpty() || secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("set peer.key and peer.secret (PEER_KEY, PEER_SECRET)");
        }
    }
}
