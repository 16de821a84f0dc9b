package com.alliance.brands;

import com.alliance.auth.Caller;
import com.alliance.auth.Role;
import com.alliance.errors.NotFoundException;
import com.alliance.ids.Ids;
import com.alliance.persistence.ReadUnits;
import com.alliance.risk.Trust;
import java.time.Clock;
import java.util.List;

/** Registers brands (operators only) and reads them back for their owners. */
public final class BrandService {

    private final BrandRepository brands;
    private final Clock clock;

    public BrandService(BrandRepository brands, Clock clock) {
        this.brands = brands;
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

    /** How far the marketplace trusts the brand now (neutral until the risk rules have scored it). */
    public Trust trust(Caller caller, String brandId) {
        caller.requireParty(brandId, "brand", brandId);
        return brands.trustOf(List.of(brandId), new ReadUnits()).getOrDefault(brandId, Trust.NEUTRAL);
    }
}
