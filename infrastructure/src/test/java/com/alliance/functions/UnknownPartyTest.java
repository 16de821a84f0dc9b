package com.alliance.functions;

import static com.alliance.testing.ApiCalls.call;
import static com.alliance.testing.ApiCalls.claims;
import static com.alliance.testing.FinanceDesk.FINANCE;
import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.functions.api.ApiResponse;
import com.alliance.testing.ApiCalls;
import com.alliance.testing.ApiCalls.Answer;
import com.alliance.testing.FinanceDesk;
import com.alliance.testing.LocalStores;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A party that does not exist is not a party with nothing: finance reading the balances or the statement of a
 * mistyped brand or host id gets 404 naming the kind, while a registered party with no postings gets zeros.
 */
class UnknownPartyTest {

    private final LocalStores stores = LocalStores.get();
    private final FinanceDesk desk = new FinanceDesk(stores);

    private Answer balances(String party, Map<String, String> as) {
        return call(desk.finance, "GET /finance/balances", Map.of(), Map.of("party", party), null, as);
    }

    private Answer statement(String party, Map<String, String> as) {
        return statement(party, Map.of(), as);
    }

    private Answer statement(String party, Map<String, String> query, Map<String, String> as) {
        return call(desk.finance, "GET /finance/statements/{party}", Map.of("party", party), query, null, as);
    }

    private ApiResponse csv(String party, Map<String, String> as) {
        return ApiCalls.raw(desk.finance, "GET /finance/statements/{party}", Map.of("party", party), Map.of(),
                Map.of("accept", "text/csv"), as);
    }

    @Test
    void anUnknownHostOrBrandIdAnswers404NamingItsKind() {
        Answer hostBalances = balances("h_doesnotexist", FINANCE);
        Answer brandBalances = balances("b_doesnotexist", FINANCE);
        Answer brandStatement = statement("b_doesnotexist", FINANCE);
        Answer hostStatement = statement("h_doesnotexist", FINANCE);
        ApiResponse brandCsv = csv("b_doesnotexist", FINANCE);

        assertThat(hostBalances.status()).isEqualTo(404);
        assertThat(hostBalances.errorCode()).isEqualTo("HOST_NOT_FOUND");
        assertThat(brandBalances.status()).isEqualTo(404);
        assertThat(brandBalances.errorCode()).isEqualTo("BRAND_NOT_FOUND");
        assertThat(brandStatement.status()).isEqualTo(404);
        assertThat(brandStatement.errorCode()).isEqualTo("BRAND_NOT_FOUND");
        assertThat(hostStatement.errorCode()).isEqualTo("HOST_NOT_FOUND");
        assertThat(brandCsv.status()).isEqualTo(404);
        assertThat(Answer.of(brandCsv.status(), brandCsv.body()).errorCode()).isEqualTo("BRAND_NOT_FOUND");
    }

    @Test
    void aRegisteredPartyWithNoPostingsStillAnswersZeros() {
        String hostId = desk.marketplace.independentHost();
        String brandId = desk.marketplace.brand();

        Answer hostBalances = balances(hostId, FINANCE);
        Answer brandStatement = statement(brandId, FINANCE);
        ApiResponse hostCsv = csv(hostId, FINANCE);

        assertThat(hostBalances.status()).isEqualTo(200);
        assertThat(hostBalances.body().path("party").asText()).isEqualTo(hostId);
        assertThat(hostBalances.body().path("totalFen").asLong()).isZero();
        assertThat(hostBalances.body().path("settleableFen").asLong()).isZero();
        assertThat(brandStatement.status()).isEqualTo(200);
        assertThat(brandStatement.body().path("postings")).isEmpty();
        assertThat(brandStatement.body().path("closingBalanceFen").asLong()).isZero();
        assertThat(hostCsv.status()).isEqualTo(200);
        assertThat(hostCsv.body().split("\r\n")).hasSize(1);     // the header alone
    }

    @Test
    void platformIsAPartyWithoutARegistryAndStillAnswers() {
        assertThat(balances("platform", FINANCE).status()).isEqualTo(200);
        assertThat(statement("platform", Map.of("limit", "1"), FINANCE).status()).isEqualTo(200);
    }

    @Test
    void whoMayReadComesFirstSoAnotherPartysIdAnswersTheSame404WhetherItExistsOrNot() {
        String hostId = desk.marketplace.independentHost();
        String otherHost = desk.marketplace.independentHost();

        Answer existing = balances(otherHost, claims("host", hostId));
        Answer missing = balances("h_doesnotexist", claims("host", hostId));

        assertThat(existing.status()).isEqualTo(404);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.errorCode()).isEqualTo(existing.errorCode()).isNotEqualTo("HOST_NOT_FOUND");
        assertThat(statement("b_doesnotexist", claims("host", hostId)).errorCode()).isEqualTo(existing.errorCode());
        assertThat(balances(hostId, claims("host", hostId)).status()).isEqualTo(200);
    }
}
