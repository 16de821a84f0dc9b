package com.alliance.hosts;

import com.alliance.auth.Caller;
import com.alliance.auth.Role;
import com.alliance.brands.BrandRepository;
import com.alliance.errors.ForbiddenException;
import com.alliance.errors.NotFoundException;
import com.alliance.ids.Ids;
import java.time.Clock;

/**
 * Registers hosts and reads them back. An operator registers any host; a host-role caller signs up an
 * independent host (it then acts with a token whose party is the new id); a brand registers only its
 * own self-broadcast accounts.
 */
public final class HostService {

    private final HostRepository hosts;
    private final BrandRepository brands;
    private final Clock clock;

    public HostService(HostRepository hosts, BrandRepository brands, Clock clock) {
        this.hosts = hosts;
        this.brands = brands;
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
        if (!(caller.is(Role.BRAND) && host.isSelfBroadcastOf(caller.party()))) {
            caller.requireParty(hostId, "host", hostId);
        }
        return host;
    }
}
