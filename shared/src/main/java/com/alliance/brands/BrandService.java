package com.alliance.brands;

import com.alliance.auth.Caller;
import com.alliance.auth.Role;
import com.alliance.errors.NotFoundException;
import com.alliance.ids.Ids;
import java.time.Clock;

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
}
