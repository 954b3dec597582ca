package dev.inlet.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IngestPathTest {

    @ParameterizedTest
    @CsvSource({
        "/v1/webhooks/5be1c1f0a7d94a1c8e2b3c4d5e6f7a8b, 5be1c1f0a7d94a1c8e2b3c4d5e6f7a8b",
        "/events/shop-orders_v2.1~x, shop-orders_v2.1~x",
        "/v1/webhooks/..., ...",
        "/events/.a, .a"
    })
    void plainIdsGoStraightToTheChecks(String path, String id) {
        assertThat(IngestPath.plainEndpointId(path)).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/v1/webhooks/",
                "/events/",
                "/v1/webhooks/.",
                "/v1/webhooks/..",
                "/v1/webhooks/a/b",
                "/v1/webhooks/a/",
                "/v1/webhooks/%61",
                "/v1/webhooks/a%2Fb",
                "/v1/webhooks/a b",
                "/v1/webhooks/a;x=1",
                "/v1/webhooks/caf\u00e9",
                "//v1/webhooks/a",
                "/v1/webhooks//a",
                "/V1/webhooks/a",
                "/v1/webhook/a",
                "/events",
                "/",
                ""
            })
    void everyOtherPathIsLeftToTheRouter(String path) {
        assertThat(IngestPath.plainEndpointId(path)).isNull();
    }
}
