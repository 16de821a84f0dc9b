package com.alliance.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.alliance.testing.LocalStores;
import java.net.URI;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** The SnapStart hooks run a harmless request through each function and never fail a snapshot. */
class SnapStartPrimingTest {

    @Test
    void primingRunsAgainstTheRealStoresAndTheFunctionsStillServe() {
        Clients clients = LocalStores.get().clients(Clock.systemUTC());
        CatalogFunction catalog = new CatalogFunction(clients);
        OrderEventsFunction events = new OrderEventsFunction(clients);
        assertThatCode(() -> catalog.beforeCheckpoint(null)).doesNotThrowAnyException();
        assertThatCode(() -> events.beforeCheckpoint(null)).doesNotThrowAnyException();
        assertThat(catalog.routeKeys()).contains("GET /products/{productId}");
    }

    @Test
    void primingSurvivesAnUnreachableStore() {
        Clients nowhere = new Clients(com.alliance.persistence.AwsClients.dynamoDb(URI.create("http://localhost:1")),
                com.alliance.persistence.AwsClients.sqs(URI.create("http://localhost:1")), Clock.systemUTC());
        assertThatCode(() -> new CatalogFunction(nowhere).beforeCheckpoint(null)).doesNotThrowAnyException();
        assertThatCode(() -> new OrderEventsFunction(nowhere).beforeCheckpoint(null)).doesNotThrowAnyException();
    }
}
