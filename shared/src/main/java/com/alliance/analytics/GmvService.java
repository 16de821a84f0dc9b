package com.alliance.analytics;

import com.alliance.json.Period;
import com.alliance.auth.Caller;
import com.alliance.auth.Role;
import com.alliance.errors.NotFoundException;
import com.alliance.orders.ReportHours;
import com.alliance.orders.ReportHoursRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * GMV analytics of a host or a brand over a period. A host sees its own, a brand its own, an operator any;
 * another party's answers 404 as if it did not exist.
 *
 * <p>A brand has no sessions of its own: its audience is the sessions, started in the period, during which a host
 * took an order of its goods ({@link SessionReach}: its self-broadcast hosts and distribution hosts alike). That
 * is the reach of the rooms where its goods actually sold; those rooms also sold other brands' goods, so a
 * brand's conversion factors read lower than a host's, which is what the brand converted of that reach. The hosts
 * listed are those that sold a counted order of it in the period.
 *
 * <p>The orders are read from the party's hour aggregates ({@link ReportHours}: one Query), a brand's selling hosts
 * from its reach items (one Query), and the sessions from the session items of the host, or the brand's audience
 * items (one Query): the read grows with the period's hours and sessions, never with its orders, and a brand's does
 * not grow with the number of hosts that sold it. The period is counted in whole hours; a bound inside an hour
 * takes that whole hour, and the answer's {@code from} and {@code to} say so.
 */
public final class GmvService {

    /** Period days are whole days in China Standard Time, as statements and JBP periods are. */
    private static final Instant BEGINNING = Instant.parse("2000-01-01T00:00:00Z");

    private final ReportHoursRepository reports;
    private final LiveSessionRepository sessions;
    private final AudienceRepository audience;
    private final Predicate<String> hostExists;
    private final Predicate<String> brandExists;
    private final Clock clock;

    public GmvService(ReportHoursRepository reports, LiveSessionRepository sessions, AudienceRepository audience,
                      Predicate<String> hostExists, Predicate<String> brandExists, Clock clock) {
        this.reports = reports;
        this.sessions = sessions;
        this.audience = audience;
        this.hostExists = hostExists;
        this.brandExists = brandExists;
        this.clock = clock;
    }

    /** The period asked for ({@link Period}); absent bounds mean the beginning and now. */
    public Period period(Optional<String> from, Optional<String> to) {
        return Period.parse(from, to, end -> BEGINNING, clock.instant().plusNanos(1));
    }

    public GmvReport host(Caller caller, String hostId, Period period) {
        requireReadable(caller, "host", hostId, hostExists);
        ReportHours.Hours hours = ReportHours.hoursOf(period.from(), period.to());
        GmvReport.Tally tally = GmvReport.tally(reports.hours(ReportHours.party(true, hostId), hours).values(),
                hours.from(), hours.to(), List.of(hostId));
        return GmvReport.of(hours.from(), hours.to(), tally, List.of(hostId),
                sessions.sessions(hostId, hours.from(), hours.to()));
    }

    public GmvReport brand(Caller caller, String brandId, Period period) {
        requireReadable(caller, "brand", brandId, brandExists);
        ReportHours.Hours hours = ReportHours.hoursOf(period.from(), period.to());
        List<String> hosts = List.copyOf(reports.sellingHosts(brandId, hours));
        GmvReport.Tally tally = GmvReport.tally(reports.hours(ReportHours.party(false, brandId), hours).values(),
                hours.from(), hours.to(), hosts);
        return GmvReport.of(hours.from(), hours.to(), tally, hosts, audience.audience(brandId, hours.from(), hours.to()));
    }

    /** The party's own report, or any for an operator; another party's, or one that does not exist, is not found. */
    private static void requireReadable(Caller caller, String kind, String id, Predicate<String> exists) {
        caller.requireRole(Role.HOST, Role.BRAND, Role.OPERATOR);
        caller.requireParty(id, kind, id);
        if (!exists.test(id)) {
            throw NotFoundException.of(kind, id);
        }
    }
}
