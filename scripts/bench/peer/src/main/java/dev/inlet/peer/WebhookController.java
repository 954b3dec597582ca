package dev.inlet.peer;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.data.redis.connection.RedisStreamCommands.XAddOptions;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.ReactiveRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /v1/webhooks/{endpoint}}: the checks of Inlet's bench endpoint in its order (service
 * key 7002/7001, signature 7029/7028, JSON 7000), then one XADD of Inlet's nine event fields to a
 * bounded stream, answered 202 with {@code {"code":"1002","description":"Queued","transid":...}};
 * a refusal with Inlet's code and HTTP status.
 */
@RestController
public class WebhookController {
    /** Headers never stored with the event, as Inlet leaves them out: they carry credentials. */
    private static final Set<String> SECRET_HEADERS = Set.of("key", "authorization", "cookie", "proxy-authorization");

    private static final String SIGNATURE_PREFIX = "sha256=";

    private final PeerProperties peer;
    private final ReactiveRedisTemplate<String, byte[]> redis;
    private final JsonMapper json;
    private final byte[] key;
    private final SecretKeySpec secret;
    private final XAddOptions bounded;

    public WebhookController(PeerProperties peer, ReactiveRedisTemplate<String, byte[]> redis, JsonMapper json) {
        this.peer = peer;
        this.redis = redis;
        this.json = json;
        this.key = peer.key().getBytes(StandardCharsets.UTF_8);
        this.secret = new SecretKeySpec(peer.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.bounded = XAddOptions.maxlen(peer.maxLength()).approximateTrimming(true);
    }

    /** An answer's JSON body, as Inlet's: the transid only on an accepted event. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Answer(String code, String description, String transid) {}

    @PostMapping("/v1/webhooks/{endpoint}")
    public Mono<ResponseEntity<Answer>> receive(
            @PathVariable String endpoint,
            ServerHttpRequest request,
            @RequestBody(required = false) byte[] body) {
        if (!endpoint.equals(peer.endpoint())) {
            return refuse(HttpStatus.NOT_FOUND, "7008", "Request received on an invalid or unsaved event endpoint");
        }
        HttpHeaders headers = request.getHeaders();
        String givenKey = headers.getFirst("key");
        if (givenKey == null) {
            return refuse(HttpStatus.UNAUTHORIZED, "7002", "Service Key Missing");
        }
        if (!MessageDigest.isEqual(key, givenKey.getBytes(StandardCharsets.UTF_8))) {
            return refuse(HttpStatus.UNAUTHORIZED, "7001", "Authentication failed");
        }
        byte[] payload = body == null ? new byte[0] : body;
        String signature = headers.getFirst("X-Signature");
        if (signature == null) {
            return refuse(HttpStatus.BAD_REQUEST, "7029", "Mandatory Signature Missing");
        }
        if (!signatureMatches(signature, payload)) {
            return refuse(HttpStatus.BAD_REQUEST, "7028", "Invalid signature");
        }
        if (!isJson(payload)) {
            return refuse(HttpStatus.BAD_REQUEST, "7000", "Invalid JSON");
        }
        String transid = UUID.randomUUID().toString();
        Map<String, byte[]> fields = new LinkedHashMap<>();
        fields.put("transid", utf8(transid));
        fields.put("endpoint", utf8(endpoint));
        fields.put("service", utf8(peer.service()));
        fields.put("received", utf8(Long.toString(System.currentTimeMillis())));
        String contentType = headers.getFirst(HttpHeaders.CONTENT_TYPE);
        fields.put("contentType", utf8(contentType == null ? "" : contentType));
        fields.put("format", utf8("json"));
        fields.put("headers", storedHeaders(headers));
        String query = request.getURI().getRawQuery();
        fields.put("query", utf8(query == null ? "" : query));
        fields.put("body", payload);
        return redis.opsForStream()
                .add(StreamRecords.newRecord().in(peer.stream()).ofMap(fields), bounded)
                .map(id -> ResponseEntity.status(HttpStatus.ACCEPTED).body(new Answer("1002", "Queued", transid)))
                .onErrorResume(e -> refuse(HttpStatus.SERVICE_UNAVAILABLE, "7005", "Internal error occurred"));
    }

    /** {@code sha256=<hex>} of the exact body bytes, compared in constant time. */
    private boolean signatureMatches(String header, byte[] body) {
        if (!header.startsWith(SIGNATURE_PREFIX)) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header, SIGNATURE_PREFIX.length(), header.length());
        } catch (IllegalArgumentException e) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(secret);
            return MessageDigest.isEqual(mac.doFinal(body), given);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Whether the body is one well-formed JSON value: read to its end with the streaming parser. */
    private boolean isJson(byte[] body) {
        try (JsonParser parser = json.createParser(body)) {
            if (parser.nextToken() == null) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (JacksonException e) {
            return false;
        }
    }

    /** The request's headers as Inlet stores them: a JSON object, names in lower case, first values, no credentials. */
    private byte[] storedHeaders(HttpHeaders headers) {
        Map<String, String> stored = new LinkedHashMap<>();
        headers.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!SECRET_HEADERS.contains(lower) && !values.isEmpty()) {
                stored.putIfAbsent(lower, values.get(0));
            }
        });
        return json.writeValueAsBytes(stored);
    }

    private static Mono<ResponseEntity<Answer>> refuse(HttpStatus status, String code, String description) {
        return Mono.just(ResponseEntity.status(status).body(new Answer(code, description, null)));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
