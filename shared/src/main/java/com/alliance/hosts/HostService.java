package com.alliance.hosts;

import com.alliance.auth.Caller;
import com.alliance.auth.Role;
import com.alliance.brands.BrandRepository;
import com.alliance.errors.ForbiddenException;
import com.alliance.errors.NotFoundException;
import com.alliance.ids.Ids;
import com.alliance.orders.CountersRepository;
import com.alliance.orders.OrderCounts;
import com.alliance.risk.TrustReport;
import com.alliance.risk.TrustScore;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Registers hosts and reads them back. An operator registers any host; a host-role caller signs up an
 * independent host (it then acts with a token whose party is the new id); a brand registers only its
 * own self-broadcast accounts.
 */
public final class HostService {

    private final HostRepository hosts;
    private final BrandRepository brands;
    private final CountersRepository counters;
    private final TrustScore score;
    private final Clock clock;

    public HostService(HostRepository hosts, BrandRepository brands, CountersRepository counters, TrustScore score,
                       Clock clock) {
        this.hosts = hosts;
        this.brands = brands;
        this.counters = counters;
        this.score = score;
        this.clock = clock;
    }

    public Host register(Caller caller, HostRegistration registration) {
        caller.requireRole(Role.OPERATOR, Role.HOST, Role.BRAND);
        if (registration.kind() == HostKind.BRAND_SELF) {
            if (caller.is(Role.HOST)) {
                throw new ForbiddenException("only its brand or an operator registers a self-broadcast host");
            }
            String brandId = registration.brandId().orElseThrow();
            caller.requireParty(brandId, "brand", brandId);
            brands.find(brandId).orElseThrow(() -> NotFoundException.of("brand", brandId));
        } else if (caller.is(Role.BRAND)) {
            throw new ForbiddenException("a brand registers only its own self-broadcast hosts (kind BRAND_SELF)");
        }
        Host host = Host.registered(Ids.next(Ids.HOST), registration, clock.instant(), caller.subject());
        hosts.insert(host);
        return host;
    }

    /** The host itself, operators and finance, and for a self-broadcast account its brand, may read it. */
    public Host get(Caller caller, String hostId) {
        Host host = hosts.find(hostId).orElseThrow(() -> NotFoundException.of("host", hostId));
        authorize(caller, host);
        return host;
    }

    private static void authorize(Caller caller, Host host) {
        if (!(caller.is(Role.BRAND) && host.isSelfBroadcastOf(caller.party()))) {
            caller.requireParty(host.hostId(), "host", host.hostId());
        }
    }

    /**
     * The host's trust, for whoever may read the host: computed now from its record (paid, refunded, held and
     * voided orders, sample promises kept and lapsed), with the components, and the trust matching uses at the
     * moment; the record also shows its public sales count ({@code ordersCount}, held and voided orders left out;
     * {@code underReview} of them the fake-order rules may still hold) and watch minutes.
     */
    public TrustReport trust(Caller caller, Host host) {
        authorize(caller, host);
        Map<String, Long> read = counters.read(OrderCounts.Scope.HOST_STATS, host.hostId());
        TrustScore.HostRecord record = TrustScore.HostRecord.of(read);
        Map<String, Long> shown = new LinkedHashMap<>();
        shown.put(OrderCounts.ORDERS_COUNT, read.getOrDefault(OrderCounts.ORDERS_COUNT, 0L));
        shown.put(OrderCounts.UNDER_REVIEW, read.getOrDefault(OrderCounts.UNDER_REVIEW, 0L));
        shown.put(OrderCounts.PAID_ORDERS, record.paidOrders());
        shown.put(OrderCounts.REFUNDED_ORDERS, record.refundedOrders());
        shown.put(OrderCounts.RISK_HOLDS, record.riskHolds());
        shown.put(OrderCounts.VOIDED_ORDERS, record.voidedOrders());
        shown.put(OrderCounts.WATCH_MINUTES, read.getOrDefault(OrderCounts.WATCH_MINUTES, 0L));
        shown.put(OrderCounts.SESSIONS, read.getOrDefault(OrderCounts.SESSIONS, 0L));
        shown.put(OrderCounts.SAMPLES_FULFILLED, record.samplesFulfilled());
        shown.put(OrderCounts.SAMPLES_UNFULFILLED, record.samplesUnfulfilled());
        return new TrustReport(score.host(record), shown, host.trust());
    }
}
