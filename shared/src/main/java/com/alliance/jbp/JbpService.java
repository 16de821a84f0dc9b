package com.alliance.jbp;

import com.alliance.jobs.Backlog;
import com.alliance.auth.Caller;
import com.alliance.auth.Role;
import com.alliance.brands.BrandRepository;
import com.alliance.errors.NotFoundException;
import com.alliance.hosts.HostReferences;
import com.alliance.ledger.Account;
import com.alliance.ledger.AccountType;
import com.alliance.ledger.Posting;
import com.alliance.ledger.PostingState;
import com.alliance.orders.OrderRepository;
import com.alliance.persistence.Page;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** JBP agreements: brands set them up and follow their progress; the close job pays the rebate. */
public final class JbpService {

    private final JbpRepository agreements;
    private final BrandRepository brands;
    private final OrderRepository orders;
    private final HostReferences hosts;
    private final Clock clock;

    public JbpService(JbpRepository agreements, BrandRepository brands, OrderRepository orders, HostReferences hosts,
                      Clock clock) {
        this.agreements = agreements;
        this.brands = brands;
        this.orders = orders;
        this.hosts = hosts;
        this.clock = clock;
    }

    public JbpAgreement create(Caller caller, String brandId, JbpAgreement agreement) {
        caller.requireRole(Role.BRAND, Role.OPERATOR);
        caller.requireParty(brandId, "brand", brandId);
        brands.find(brandId).orElseThrow(() -> NotFoundException.of("brand", brandId));
        // the legs follow the selling host's kind; the list must agree with it, so it names the brand's own accounts
        hosts.requireSelfBroadcastOf(brandId, agreement.selfBroadcastHostIds(), "selfBroadcastHostIds");
        agreements.insert(agreement, clock.instant());
        return agreement;
    }

    /** A page of the brand's agreements (in id order), without measuring their legs. */
    public Page<JbpRepository.StoredAgreement> list(Caller caller, String brandId, int limit, Optional<String> next) {
        caller.requireParty(brandId, "brand", brandId);
        brands.find(brandId).orElseThrow(() -> NotFoundException.of("brand", brandId));
        return agreements.pageByBrand(brandId, limit, next);
    }

    /** The agreement with each leg measured so far (up to now, or the period's end once past). */
    public Progress progress(Caller caller, String brandId, String jbpId) {
        caller.requireParty(brandId, "brand", brandId);
        JbpRepository.StoredAgreement stored = agreements.find(brandId, jbpId)
                .orElseThrow(() -> NotFoundException.of("JBP agreement", jbpId));
        return new Progress(stored, measure(stored.agreement(), clock.instant()));
    }

    List<LegResult> measure(JbpAgreement agreement, Instant now) {
        Instant until = now.isBefore(agreement.endsAt()) ? now : agreement.endsAt();
        return JbpMeasure.of(agreement, orders.paidBetween(agreement.brandId(), agreement.startsAt(), until));
    }

    /**
     * Closes up to {@code limit} agreements whose period has ended, posting each rebate (brand's
     * JBP_REBATE account credited, platform sales fee debited, both settleable) once.
     */
    /** Agreements whose period has closed and whose rebate is not posted yet, counted up to {@code max}, and the first to close. */
    public Backlog dueBacklog(Instant now, int max) {
        List<JbpRepository.StoredAgreement> due = agreements.due(now, max);
        return Backlog.of(due.size(), due.stream().map(a -> a.agreement().endsAt()).min(Instant::compareTo));
    }

    public int closeDue(Instant now, int limit) {
        int closed = 0;
        for (JbpRepository.StoredAgreement due : agreements.due(now, limit)) {
            JbpAgreement agreement = due.agreement();
            List<LegResult> results = measure(agreement, now);
            long rebate = results.stream().mapToLong(LegResult::rebateFen).sum();
            String eventId = "jbp-rebate#" + agreement.jbpId();
            List<Posting> postings = rebate == 0 ? List.of() : List.of(
                    new Posting(Posting.idOf(eventId, 0), agreement.jbpId(), eventId,
                            new Account(AccountType.JBP_REBATE, agreement.brandId()), rebate, PostingState.SETTLEABLE,
                            "JBP rebate " + agreement.periodStart() + ".." + agreement.periodEnd()),
                    new Posting(Posting.idOf(eventId, 1), agreement.jbpId(), eventId, Account.platformSalesFee(),
                            -rebate, PostingState.SETTLEABLE, "JBP rebate to " + agreement.brandId()));
            if (agreements.close(due, results, postings, now)) {
                closed++;
            }
        }
        return closed;
    }

    /** An agreement and its legs as measured now. */
    public record Progress(JbpRepository.StoredAgreement agreement, List<LegResult> legs) {
    }
}
