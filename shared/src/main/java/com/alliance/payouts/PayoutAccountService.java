package com.alliance.payouts;

import com.alliance.auth.Caller;
import com.alliance.auth.Role;
import com.alliance.brands.BrandRepository;
import com.alliance.errors.NotFoundException;
import com.alliance.hosts.Host;
import com.alliance.hosts.HostRepository;
import java.time.Clock;
import java.util.Optional;

/**
 * Payees keep their payout account on their profile. Only the payee itself (a self-broadcast host's brand
 * for it) or an operator sets it: finance pays into accounts, so it does not choose them.
 */
public final class PayoutAccountService {

    private final PayoutAccountRepository accounts;
    private final HostRepository hosts;
    private final BrandRepository brands;
    private final Clock clock;

    public PayoutAccountService(PayoutAccountRepository accounts, HostRepository hosts, BrandRepository brands, Clock clock) {
        this.accounts = accounts;
        this.hosts = hosts;
        this.brands = brands;
        this.clock = clock;
    }

    /** What a payee enters: validated into a {@link PayoutAccount} on save. */
    public record Entry(String bankName, String accountName, String accountNumber) {
    }

    public PayoutAccount setForHost(Caller caller, String hostId, Entry entry) {
        caller.requireRole(Role.OPERATOR, Role.HOST, Role.BRAND);
        Host host = hosts.find(hostId).orElseThrow(() -> NotFoundException.of("host", hostId));
        if (!(caller.is(Role.BRAND) && host.isSelfBroadcastOf(caller.party()))) {
            caller.requireParty(hostId, "host", hostId);
        }
        return save(caller, hostId, entry);
    }

    public PayoutAccount setForBrand(Caller caller, String brandId, Entry entry) {
        caller.requireRole(Role.OPERATOR, Role.BRAND);
        caller.requireParty(brandId, "brand", brandId);
        brands.find(brandId).orElseThrow(() -> NotFoundException.of("brand", brandId));
        return save(caller, brandId, entry);
    }

    /** A payee's account, for a read that shows it masked; the caller has been authorized to read the profile. */
    public Optional<PayoutAccount> of(String party) {
        return accounts.find(party);
    }

    private PayoutAccount save(Caller caller, String party, Entry entry) {
        PayoutAccount account = new PayoutAccount(party, entry.bankName(), entry.accountName(), entry.accountNumber(),
                clock.instant(), caller.subject());
        accounts.save(account);
        return account;
    }
}
