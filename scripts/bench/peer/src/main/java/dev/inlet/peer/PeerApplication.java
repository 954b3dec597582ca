package dev.inlet.peer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveRedisTemplate;
import org.springframework.data.redis.serializer.RedisSerializationContext;
import org.springframework.data.redis.serializer.RedisSerializer;

/**
 * The bench's peer (README "Performance", {@code scripts/bench.sh --peers}): a webhook receiver
 * written the usual Spring Boot way (WebFlux on Reactor Netty, Spring Data Redis on Lettuce) that
 * does the same work as the Inlet endpoint the bench drives: service key, HMAC SHA-256 signature
 * of the body in constant time, JSON syntax, one XADD of Inlet's fields, 202 with a JSON body.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PeerApplication {

    public static void main(String[] args) {
        SpringApplication.run(PeerApplication.class, args);
    }

    /** Stream field names as text, their values as bytes: the body and headers go as they are. */
    @Bean
    ReactiveRedisTemplate<String, byte[]> eventTemplate(ReactiveRedisConnectionFactory factory) {
        RedisSerializationContext<String, byte[]> context =
                RedisSerializationContext.<String, byte[]>newSerializationContext(RedisSerializer.string())
                        .value(RedisSerializer.byteArray())
                        .hashKey(RedisSerializer.string())
                        .hashValue(RedisSerializer.byteArray())
                        .build();
        return new ReactiveRedisTemplate<>(factory, context);
    }
}
