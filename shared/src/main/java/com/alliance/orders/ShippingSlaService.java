package com.alliance.orders;

import com.alliance.json.Period;
import com.alliance.auth.Caller;
import com.alliance.auth.Role;
import com.alliance.brands.BrandRepository;
import com.alliance.errors.InvalidInputException;
import com.alliance.errors.NotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code GET /brands/{brandId}/sla}: a brand's shipping service level ({@link ShippingSla}) over the
 * orders paid in a window, read from the brand's paid-orders index (gsi1), never a scan. A brand sees its
 * own (another brand's is "not found"); an operator sees any brand's.
 */
public final class ShippingSlaService {

    /** The longest window one request reads: the read is one Query over the brand's orders paid in it. */
    public static final Duration MAX_WINDOW = Duration.ofDays(93);
    /** Without {@code from}: this long before {@code to}. */
    public static final Duration DEFAULT_WINDOW = Duration.ofDays(30);
    public static final int MAX_PAGE = 200;

    private final OrderRepository orders;
    private final BrandRepository brands;
    private final Clock clock;

    public ShippingSlaService(OrderRepository orders, BrandRepository brands, Clock clock) {
        this.orders = orders;
        this.brands = brands;
        this.clock = clock;
    }

    /**
     * @param from  an ISO-8601 instant, or a date meaning its start in China Standard Time; default
     *              {@code to} − 30 days
     * @param to    likewise, a date meaning its end; default now
     * @param after the {@code next} of the previous page of violations
     */
    public ShippingSla report(Caller caller, String brandId, Optional<String> from, Optional<String> to,
                              Optional<String> after, int limit) {
        caller.requireRole(Role.BRAND, Role.OPERATOR);
        caller.requireParty(brandId, "brand", brandId);
        if (brands.find(brandId).isEmpty()) {
            throw NotFoundException.of("brand", brandId);
        }
        Instant now = clock.instant();
        Period window = Period.parse(from, to, end -> end.minus(DEFAULT_WINDOW), now);
        Instant start = window.from();
        Instant end = window.to();
        if (Duration.between(start, end).compareTo(MAX_WINDOW) > 0) {
            throw InvalidInputException.field("from", "the window may span at most " + MAX_WINDOW.toDays() + " days");
        }
        var promises = orders.promisesBetween(brandId, start, end);
        try {
            return ShippingSla.of(brandId, start, end, now, promises, after, limit);
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.field("next", "next names no violation of this window; start again without it");
        }
    }

}
