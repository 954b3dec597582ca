package dev.inlet.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class ResponseCodeTest {
    @Test
    void encodedBodiesAreTheJsonBodies() {
        for (ResponseCode code : ResponseCode.values()) {
            assertThat(new JsonObject(code.encodedBody(null))).isEqualTo(code.body(null));
            String transid = Transids.next();
            assertThat(new JsonObject(code.encodedBody(transid))).isEqualTo(code.body(transid));
        }
    }

    @Test
    void codesAreUniqueAndStatusesAreHttp() {
        assertThat(java.util.Arrays.stream(ResponseCode.values())
                        .map(ResponseCode::code)
                        .distinct())
                .hasSize(ResponseCode.values().length);
        for (ResponseCode code : ResponseCode.values()) {
            assertThat(code.httpStatus()).isBetween(200, 599);
        }
    }
}
