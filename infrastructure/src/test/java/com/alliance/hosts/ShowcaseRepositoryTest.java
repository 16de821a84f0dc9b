package com.alliance.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.catalog.Category;
import com.alliance.catalog.Certificates;
import com.alliance.catalog.Product;
import com.alliance.catalog.ProductListing;
import com.alliance.catalog.ProductRepository;
import com.alliance.catalog.ProductStatus;
import com.alliance.catalog.RateSchedule;
import com.alliance.ids.Ids;
import com.alliance.persistence.Tables;
import com.alliance.testing.LocalStores;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pick transaction against DynamoDB Local: it cannot outrun a product that stopped being pickable. */
class ShowcaseRepositoryTest {

    private static final Instant NOW = Instant.parse("2026-11-20T08:00:00Z");

    private final LocalStores stores = LocalStores.get();
    private final ProductRepository products = new ProductRepository(stores.dynamoDb());
    private final ShowcaseRepository showcases = new ShowcaseRepository(stores.dynamoDb());

    private Product listed(long stock, ProductStatus status) {
        String productId = Ids.next(Ids.PRODUCT);
        Product product = new Product(productId, "b_repo", new ProductListing("SKU-" + productId, "Kettle", Category.HOME,
                19_900, stock, 48, 1_000, List.of(), false, Certificates.none()), RateSchedule.listed(1_000, List.of(), NOW),
                status, NOW, 1);
        products.insert(product);
        return product;
    }

    private ShowcaseEntry entry(String hostId, Product product) {
        return new ShowcaseEntry(hostId, product.productId(), product.brandId(), product.category(), NOW);
    }

    @Test
    void aPickRacingASellOutIsCancelledAndWritesNothing() {
        Product soldOut = listed(0, ProductStatus.ACTIVE);
        String hostId = Ids.next(Ids.HOST);
        int before = stores.itemCount(Tables.CATALOG.tableName());
        assertThat(showcases.pick(entry(hostId, soldOut), products.pickableCheck(soldOut.productId())))
                .isEqualTo(ShowcaseRepository.PickOutcome.PRODUCT_CHANGED);
        assertThat(stores.itemCount(Tables.CATALOG.tableName())).isEqualTo(before);
        assertThat(showcases.hasPicked(hostId, soldOut.productId())).isFalse();
    }

    @Test
    void aPickRacingASuspensionIsCancelled() {
        Product suspended = listed(10, ProductStatus.SUSPENDED);
        assertThat(showcases.pick(entry(Ids.next(Ids.HOST), suspended), products.pickableCheck(suspended.productId())))
                .isEqualTo(ShowcaseRepository.PickOutcome.PRODUCT_CHANGED);
    }

    @Test
    void theEverPickedRecordTellsWhetherTheHostHadPickedByAMoment() {
        Product kettle = listed(10, ProductStatus.ACTIVE);
        String hostId = Ids.next(Ids.HOST);
        assertThat(showcases.pick(entry(hostId, kettle), products.pickableCheck(kettle.productId())))
                .isEqualTo(ShowcaseRepository.PickOutcome.PICKED);
        PickRecord record = showcases.pickRecord(hostId, kettle.productId()).orElseThrow();
        assertThat(record.pickedBefore(NOW)).isTrue();
        assertThat(record.pickedBefore(NOW.minusSeconds(1))).isFalse();
        assertThat(record.picks()).isEqualTo(1);
        assertThat(showcases.list(hostId)).extracting(ShowcaseEntry::productId).containsExactly(kettle.productId());
    }
}
