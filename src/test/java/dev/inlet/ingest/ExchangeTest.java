package dev.inlet.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inlet.config.PayloadFormat;
import dev.inlet.metrics.InletMetrics;
import dev.inlet.support.Http;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What a check sets on the exchange is there for the checks after it, and only for them. */
@ExtendWith(VertxExtension.class)
class ExchangeTest {

    private static Exchange bare() {
        return new Exchange(null, null, "e", List.of(), new InletMetrics(), null);
    }

    @Test
    void assertionsAreOnInTests() {
        assertThat(Exchange.class.desiredAssertionStatus())
                .as("surefire enables assertions")
                .isTrue();
    }

    @Test
    void readingAFieldBeforeItsCheckSetItFails() {
        Exchange ex = bare();
        assertThatThrownBy(ex::endpoint).isInstanceOf(AssertionError.class).hasMessageContaining("EndpointHandler");
        assertThatThrownBy(ex::body).isInstanceOf(AssertionError.class).hasMessageContaining("BodyReader");
        assertThatThrownBy(ex::format).isInstanceOf(AssertionError.class).hasMessageContaining("SyntaxHandler");
    }

    @Test
    void anAcceptedExchangeHasNoDiagnosis() {
        Exchange ex = bare();
        assertThat(ex.refusal()).isNull();
        assertThat(ex.diagnosis()).isNull();
    }

    @Test
    void whatACheckSetIsReadBack() {
        Exchange ex = bare();
        byte[] body = {1};
        ex.body(body);
        ex.format(PayloadFormat.XML);
        assertThat(ex.body()).isSameAs(body);
        assertThat(ex.format()).isEqualTo(PayloadFormat.XML);
    }

    @Test
    void aCheckThatRunsOutOfOrderIsAnswered7005(Vertx vertx, VertxTestContext tc) {
        // Reads the body with no BodyReader before it: the sender gets an answer, and the test its failure.
        List<Handler<Exchange>> outOfOrder = List.of(ex -> {
            ex.body();
            ex.accept("t");
        });
        InletMetrics metrics = new InletMetrics();
        AtomicReference<Exchange> exchange = new AtomicReference<>();
        HttpServer server = vertx.createHttpServer().requestHandler(req -> {
            exchange.set(new Exchange(vertx, req, "e", outOfOrder, metrics, null));
            exchange.get().next();
        });
        server.listen(0, "127.0.0.1")
                .compose(s -> new Http(vertx, s.actualPort()).post("/v1/webhooks/e", Http.headers(), "{}"))
                .onComplete(tc.succeeding(res -> tc.verify(() -> {
                    assertThat(res.statusCode()).isEqualTo(503);
                    assertThat(res.bodyAsJsonObject().getString("code")).isEqualTo(ResponseCode.INTERNAL_ERROR.code());
                    // The operator's diagnosis names the failure's type, never its stack trace or message.
                    assertThat(exchange.get().refusal()).isEqualTo(ResponseCode.INTERNAL_ERROR);
                    assertThat(exchange.get().diagnosis())
                            .isEqualTo("internal error in the ingest checks (AssertionError); its stack trace is in the"
                                    + " ERROR log");
                    tc.completeNow();
                })));
    }
}
