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
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /brands/{brandId}/sla}: a brand's shipping service level ({@link ShippingSla}) over the orders paid in
 * a window, read from the brand's hour aggregates ({@link ReportHours}): one Query of its hour items and one of a
 * page of its violation items, whatever the orders. The window is counted in whole hours: a bound inside an hour
 * takes that whole hour, and the answer's {@code from} and {@code to} say so. A brand sees its own (another
 * brand's is "not found"); an operator sees any brand's.
 */
public final class ShippingSlaService {

    /** The longest window one request reads. */
    public static final Duration MAX_WINDOW = Duration.ofDays(93);
    /** Without {@code from}: this long before {@code to}. */
    public static final Duration DEFAULT_WINDOW = Duration.ofDays(30);
    public static final int MAX_PAGE = 200;

    private final OrderRepository orders;
    private final ReportHoursRepository reports;
    private final BrandRepository brands;
    private final Clock clock;

    public ShippingSlaService(OrderRepository orders, ReportHoursRepository reports, BrandRepository brands, Clock clock) {
        this.orders = orders;
        this.reports = reports;
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
        if (Duration.between(window.from(), window.to()).compareTo(MAX_WINDOW) > 0) {
            throw InvalidInputException.field("from", "the window may span at most " + MAX_WINDOW.toDays() + " days");
        }
        ReportHours.Hours hours = ReportHours.hoursOf(window.from(), window.to());
        Optional<String> start = after.map(orderId -> violationKey(brandId, orderId, hours));
        ReportHoursRepository.ViolationPage page = reports.violations(brandId, hours.from(), hours.to(), start, limit);
        List<ShippingSla.Violation> listed = page.violations().stream()
                .map(item -> new ShippingSla.Violation(item.key().orderId(), item.key().paidAt(), item.paidFen(),
                        item.key().promise(), item.shippedAt(), item.compensationFen())).toList();
        Optional<String> next = page.more() ? Optional.of(listed.get(listed.size() - 1).orderId()) : Optional.empty();
        List<Map<String, Long>> counters = reports.hours(ReportHours.party(false, brandId), hours).values().stream()
                .map(ReportHoursRepository.Hour::counters).toList();
        return ShippingSla.of(brandId, hours.from(), hours.to(), now, counters, listed, next);
    }

    /** Where the page after order {@code orderId}'s violation starts; a 400 if it names no violation of the window. */
    private String violationKey(String brandId, String orderId, ReportHours.Hours hours) {
        OrderState state = orders.load(orderId).state();
        Optional<Instant> paidAt = state.payment().map(payment -> payment.paid().occurredAt());
        boolean listed = state.late().isPresent() && paidAt.isPresent()
                && state.payment().get().terms().brandId().equals(brandId)
                && !paidAt.get().isBefore(hours.from()) && paidAt.get().isBefore(hours.to());
        if (!listed) {
            throw InvalidInputException.field("next", "next names no violation of this window; start again without it");
        }
        return ReportHours.violationKey(paidAt.get(), orderId, ShippingPromise.promise(state).orElseThrow());
    }
}
