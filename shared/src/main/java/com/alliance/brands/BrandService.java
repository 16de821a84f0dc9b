package com.alliance.brands;

import com.alliance.auth.Caller;
import com.alliance.auth.Role;
import com.alliance.errors.NotFoundException;
import com.alliance.ids.Ids;
import com.alliance.persistence.ReadUnits;
import com.alliance.orders.CountersRepository;
import com.alliance.orders.OrderCounts;
import com.alliance.risk.Trust;
import com.alliance.risk.TrustReport;
import com.alliance.risk.TrustScore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.time.Clock;
import java.util.List;

/** Registers brands (operators only) and reads them back for their owners. */
public final class BrandService {

    private final BrandRepository brands;
    private final CountersRepository counters;
    private final TrustScore score;
    private final Clock clock;

    public BrandService(BrandRepository brands, CountersRepository counters, TrustScore score, Clock clock) {
        this.brands = brands;
        this.counters = counters;
        this.score = score;
        this.clock = clock;
    }

    public Brand register(Caller caller, BrandRegistration registration) {
        caller.requireRole(Role.OPERATOR);
        Brand brand = new Brand(Ids.next(Ids.BRAND), registration.name(), registration.creditCode(),
                clock.instant(), caller.subject());
        brands.insert(brand);
        return brand;
    }

    public Brand get(Caller caller, String brandId) {
        caller.requireParty(brandId, "brand", brandId);
        return brands.find(brandId).orElseThrow(() -> NotFoundException.of("brand", brandId));
    }

    /**
     * How far the marketplace trusts the brand: computed now from its service record (paid, refunded,
     * complaints, shipments on time and late), with the components, and the trust matching uses at the moment.
     */
    public TrustReport trust(Caller caller, String brandId) {
        caller.requireParty(brandId, "brand", brandId);
        Map<String, Long> read = counters.read(OrderCounts.Scope.BRAND_SERVICE, brandId);
        TrustScore.BrandRecord record = TrustScore.BrandRecord.of(read);
        Map<String, Long> shown = new LinkedHashMap<>();
        shown.put(OrderCounts.PAID_ORDERS, record.paidOrders());
        shown.put(OrderCounts.REFUNDED_ORDERS, record.refundedOrders());
        shown.put(OrderCounts.COMPLAINTS, record.complaints());
        shown.put(OrderCounts.SHIPPED_ON_TIME, record.shippedOnTime());
        shown.put(OrderCounts.SHIPPED_LATE, record.shippedLate());
        Trust inMatching = brands.trustOf(List.of(brandId), new ReadUnits()).getOrDefault(brandId, Trust.NEUTRAL);
        return new TrustReport(score.brand(record), shown, inMatching);
    }
}
