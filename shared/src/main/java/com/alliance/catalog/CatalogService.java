package com.alliance.catalog;

import com.alliance.auth.Caller;
import com.alliance.auth.Role;
import com.alliance.brands.BrandRepository;
import com.alliance.errors.ConflictException;
import com.alliance.errors.NotFoundException;
import com.alliance.hosts.HostReferences;
import com.alliance.ids.Ids;
import com.alliance.persistence.Page;
import com.alliance.orders.CountersRepository;
import com.alliance.orders.OrderCounts;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.time.Instant;
import java.util.Optional;

/** Brands list products and change their commission; anyone signed in reads a product. */
public final class CatalogService {

    private static final int MAX_CONCURRENT_EDIT_RETRIES = 5;

    private final BrandRepository brands;
    private final ProductRepository products;
    private final CatalogSettings settings;
    private final CountersRepository counters;
    private final HostReferences hosts;
    private final Clock clock;

    public CatalogService(BrandRepository brands, ProductRepository products, CountersRepository counters,
                          HostReferences hosts, CatalogSettings settings, Clock clock) {
        this.brands = brands;
        this.products = products;
        this.counters = counters;
        this.hosts = hosts;
        this.settings = settings;
        this.clock = clock;
    }

    public Product list(Caller caller, String brandId, ProductListing listing) {
        caller.requireRole(Role.BRAND, Role.OPERATOR);
        caller.requireParty(brandId, "brand", brandId);
        brands.find(brandId).orElseThrow(() -> NotFoundException.of("brand", brandId));
        hosts.requireCarriersOf(brandId, hostIds(listing.targeted()), "targeted");
        Instant now = clock.instant();
        Product product = new Product(Ids.next(Ids.PRODUCT), brandId, listing,
                RateSchedule.listed(listing.openRateBps(), listing.targeted(), now), ProductStatus.ACTIVE, now, 1);
        products.insert(product);
        return product;
    }

    /** A page of the brand's products, newest first: for the brand itself, operators and finance. */
    public Page<Product> listOf(Caller caller, String brandId, int limit, Optional<String> next) {
        caller.requireRole(Role.BRAND, Role.OPERATOR, Role.FINANCE);
        caller.requireParty(brandId, "brand", brandId);
        brands.find(brandId).orElseThrow(() -> NotFoundException.of("brand", brandId));
        return products.pageByBrand(brandId, limit, next);
    }

    public Product get(String productId) {
        return products.find(productId).orElseThrow(() -> NotFoundException.of("product", productId));
    }

    /** The product's public sales counts: orders and units, held, voided and cancelled orders left out. */
    public ProductSales sales(String productId) {
        Map<String, Long> read = counters.read(OrderCounts.Scope.PRODUCT_SALES, productId);
        return new ProductSales(read.getOrDefault(OrderCounts.ORDERS_COUNT, 0L), read.getOrDefault(OrderCounts.UNITS_SOLD, 0L),
                read.getOrDefault(OrderCounts.UNDER_REVIEW, 0L));
    }

    /** Applies a commission update; retried on a concurrent edit so neither is lost. */
    public Product changeCommission(Caller caller, String productId, CommissionUpdate update) {
        caller.requireRole(Role.BRAND, Role.OPERATOR);
        for (int attempt = 0; attempt < MAX_CONCURRENT_EDIT_RETRIES; attempt++) {
            Product product = get(productId);
            caller.requireParty(product.brandId(), "product", productId);
            if (attempt == 0) {
                hosts.requireCarriersOf(product.brandId(), hostIds(update.targeted()), "targeted");
            }
            Instant now = clock.instant();
            RateSchedule rates = product.rates();
            if (update.openRateBps().isPresent()) {
                rates = rates.change(Optional.empty(), update.openRateBps().get(), now, settings.rateDecreaseNotice());
            }
            for (RateSchedule.TargetedRate targeted : update.targeted()) {
                rates = rates.change(Optional.of(targeted.hostId()), targeted.rateBps(), now, settings.rateDecreaseNotice());
            }
            Product changed = product.withRates(rates);
            if (products.replace(changed, product.version())) {
                return changed;
            }
        }
        throw new ConflictException("CONCURRENT_EDIT", "the product kept changing; try again", null);
    }

    private static List<String> hostIds(List<RateSchedule.TargetedRate> targeted) {
        return targeted.stream().map(RateSchedule.TargetedRate::hostId).toList();
    }
}
