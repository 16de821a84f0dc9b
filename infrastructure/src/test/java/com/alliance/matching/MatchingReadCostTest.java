package com.alliance.matching;

import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.auth.Caller;
import com.alliance.auth.Role;
import com.alliance.brands.BrandRepository;
import com.alliance.catalog.Category;
import com.alliance.catalog.Certificates;
import com.alliance.catalog.Product;
import com.alliance.catalog.ProductListing;
import com.alliance.catalog.ProductRepository;
import com.alliance.catalog.ProductStatus;
import com.alliance.catalog.RateSchedule;
import com.alliance.hosts.Host;
import com.alliance.hosts.HostKind;
import com.alliance.hosts.HostRepository;
import com.alliance.hosts.ShowcaseRepository;
import com.alliance.ids.Ids;
import com.alliance.risk.Trust;
import com.alliance.testing.LocalStores;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A recommendation reads one page of each category partition, not the partition: its cost stays put
 * however many products the category holds.
 */
class MatchingReadCostTest {

    private static final Instant NOW = Instant.parse("2026-11-20T08:00:00Z");

    private final LocalStores stores = LocalStores.get();
    private final MatchScoring scoring = new MatchScoring(MatchingSettings.defaults());
    private final HostRepository hosts = new HostRepository(stores.dynamoDb(), scoring::hostStrength);
    private final ProductRepository products = new ProductRepository(stores.dynamoDb());
    private final MatchingService matching = new MatchingService(hosts, products, new ShowcaseRepository(stores.dynamoDb()),
            new BrandTrustCache(new BrandRepository(stores.dynamoDb()), scoring.settings().trustCacheTtl(),
                    Clock.fixed(NOW, ZoneOffset.UTC)), scoring, Clock.fixed(NOW, ZoneOffset.UTC));

    private void list(int count) {
        for (int i = 0; i < count; i++) {
            String productId = Ids.next(Ids.PRODUCT);
            int rate = 100 + (i * 37) % 2_800;   // below the 3 000 bps at which commission saturates
            products.insert(new Product(productId, "b_cost", new ProductListing("SKU-" + productId, "Gadget", Category.DIGITAL,
                    9_900, 10, 48, rate, List.of(), false, Certificates.none()), RateSchedule.listed(rate, List.of(), NOW),
                    ProductStatus.ACTIVE, NOW, 1));
        }
    }

    @Test
    void aRecommendationCostsTheSameWhetherTheCategoryHoldsTwoHundredProductsOrSixHundred() {
        String hostId = Ids.next(Ids.HOST);
        hosts.insert(new Host(hostId, "Gadget Guy", List.of(Category.DIGITAL), 1_000, 50_000, HostKind.INDEPENDENT,
                Optional.empty(), Trust.NEUTRAL, NOW, "test"));
        Caller host = new Caller(hostId, Role.HOST, hostId);

        list(200);
        Recommendations<ProductMatch> first = matching.productsFor(host, hostId, 20);
        list(400);
        Recommendations<ProductMatch> second = matching.productsFor(host, hostId, 20);

        assertThat(first.candidates()).isEqualTo(60);
        assertThat(second.candidates()).isEqualTo(60);
        assertThat(first.items()).hasSize(20);
        assertThat(first.readUnits()).isPositive().isLessThan(20);
        // three times the products, the same page: only item sizes and the brand-trust cache move it a little
        assertThat(second.readUnits()).isLessThanOrEqualTo(first.readUnits() + 1.0);
        // all else equal between these goods, the better-paying rank first
        assertThat(second.items()).extracting(ProductMatch::rateBps).isSortedAccordingTo((a, b) -> b - a);
    }
}
