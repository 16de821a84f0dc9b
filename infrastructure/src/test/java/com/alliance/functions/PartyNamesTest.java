package com.alliance.functions;

import static com.alliance.testing.ApiCalls.claims;
import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.functions.api.ApiResponse;
import com.alliance.testing.ApiCalls;
import com.alliance.testing.ApiCalls.Answer;
import com.alliance.testing.LocalStores;
import com.alliance.testing.Marketplace;
import com.alliance.testing.MutableClock;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** GET /names: the names screens show in place of ids, many in one request, each only to whoever may see it. */
class PartyNamesTest {

    private final LocalStores stores = LocalStores.get();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T08:00:00Z"));
    private final HostsFunction hosts = new HostsFunction(stores.clients(clock));
    private final Marketplace marketplace = new Marketplace(stores.clients(clock));

    private Answer names(String ids, Map<String, String> as) {
        ApiResponse response = hosts.handle(ApiCalls.event("GET /names", Map.of(), Map.of("ids", ids), null, as));
        return Answer.of(response.status(), response.body());
    }

    @Test
    void financeReadsHostAndBrandNamesInOneRequestAndUnknownIdsAreLeftOut() {
        String brandId = marketplace.brand();
        String hostId = marketplace.independentHost();
        Answer answer = names(hostId + "," + brandId + ",h_nobody,o_not_a_party," + hostId, claims("finance", "platform"));
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        assertThat(answer.body().path("names").path(hostId).asText()).isEqualTo("Fixture host");
        assertThat(answer.body().path("names").path(brandId).asText()).isEqualTo("Fixture brand");
        assertThat(answer.body().path("names").size()).isEqualTo(2);
    }

    @Test
    void aBrandSeesHostNamesAndItsOwnNameButNoOtherBrandsName() {
        String own = marketplace.brand();
        String other = marketplace.brand();
        String hostId = marketplace.independentHost();
        Answer answer = names(String.join(",", own, other, hostId), claims("brand", own));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("names").has(own)).isTrue();
        assertThat(answer.body().path("names").has(hostId)).isTrue();
        assertThat(answer.body().path("names").has(other)).as("another brand's name is not this brand's to read").isFalse();
        Answer asHost = names(String.join(",", own, hostId), claims("host", hostId));
        assertThat(asHost.body().path("names").has(own)).isFalse();
        assertThat(asHost.body().path("names").path(hostId).asText()).isEqualTo("Fixture host");
    }

    @Test
    void noIdsOrMoreThanOneHundredAreRefusedWithTheField() {
        Answer none = names(" , ", claims("operator", "platform"));
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.body().path("error").path("field").asText()).isEqualTo("ids");
        String many = IntStream.range(0, 101).mapToObj(i -> "h_" + i).collect(Collectors.joining(","));
        assertThat(names(many, claims("operator", "platform")).status()).isEqualTo(400);
    }
}
