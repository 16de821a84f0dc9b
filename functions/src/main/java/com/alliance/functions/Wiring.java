package com.alliance.functions;

import com.alliance.analytics.AudienceJoin;
import com.alliance.analytics.AudienceRepository;
import com.alliance.analytics.LiveSessionRepository;
import com.alliance.applications.ApplicationRepository;
import com.alliance.applications.ApplicationService;
import com.alliance.applications.ApplicationSettings;
import com.alliance.brands.BrandRepository;
import com.alliance.catalog.CatalogSettings;
import com.alliance.catalog.ProductRepository;
import com.alliance.hosts.HostReferences;
import com.alliance.hosts.HostRepository;
import com.alliance.hosts.ShowcaseRepository;
import com.alliance.jbp.JbpRepository;
import com.alliance.jbp.JbpService;
import com.alliance.jobs.ShardLeases;
import com.alliance.ledger.LedgerRepository;
import com.alliance.matching.MatchScoring;
import com.alliance.matching.MatchingSettings;
import com.alliance.orders.CommissionTermsResolver;
import com.alliance.orders.CountersRepository;
import com.alliance.orders.HostDirectory;
import com.alliance.orders.LedgerSettings;
import com.alliance.orders.OrderEventService;
import com.alliance.orders.OrderRepository;
import com.alliance.orders.ReadAfterCache;
import com.alliance.orders.ReportHoursRepository;
import com.alliance.parties.KnownParties;
import com.alliance.payouts.PayoutAccountRepository;
import com.alliance.payouts.PayoutAccountService;
import com.alliance.persistence.CapacityMeter;
import com.alliance.risk.FakeOrderScreen;
import com.alliance.risk.TrustJob;
import com.alliance.risk.TrustScore;
import com.alliance.risk.TrustSettings;
import com.alliance.samples.SampleRecords;
import com.alliance.samples.SampleRepository;
import com.alliance.samples.SampleService;
import com.alliance.settlement.BankPayments;
import com.alliance.settlement.DayLogRepository;
import com.alliance.settlement.DayReconciliation;
import com.alliance.settlement.FinanceReports;
import com.alliance.settlement.ReconciliationJob;
import com.alliance.settlement.SettlementJob;
import com.alliance.settlement.SettlementRepository;
import com.alliance.settlement.SettlementService;
import java.util.Optional;

/** Builds services that several functions share, from the same clients. */
final class Wiring {

    private Wiring() {
    }

    static JbpService jbp(Clients clients) {
        LedgerRepository ledger = new LedgerRepository(clients.dynamoDb());
        return new JbpService(new JbpRepository(clients.dynamoDb(), ledger), new BrandRepository(clients.dynamoDb()),
                orders(clients, new CapacityMeter()), hostReferences(clients), clients.clock());
    }

    /** The check that host ids named in a request exist and are of the kind it needs. */
    static HostReferences hostReferences(Clients clients) {
        return new HostReferences(new HostRepository(clients.dynamoDb(),
                new MatchScoring(MatchingSettings.fromEnvironment())::hostStrength));
    }

    static OrderRepository orders(Clients clients, CapacityMeter capacity) {
        return new OrderRepository(clients.dynamoDb(), new LedgerRepository(clients.dynamoDb()), capacity,
                clients.settings().afterSale());
    }

    /** The order commit path, for producers' events and for maturation alike. */
    static OrderEventService orderEvents(Clients clients, OrderRepository orders) {
        HostRepository hostRepository = new HostRepository(clients.dynamoDb(),
                new MatchScoring(MatchingSettings.fromEnvironment())::hostStrength);
        HostDirectory hosts = hostId -> hostRepository.find(hostId).map(host -> host.kind().name());
        ShowcaseRepository showcase = new ShowcaseRepository(clients.dynamoDb());
        // a flash sale's payments share one read of the pick per container, as they share the product's
        ReadAfterCache<Boolean> picks = new ReadAfterCache<>(key -> {
            String[] hostAndProduct = key.split("\n", 2);
            return showcase.hasPicked(hostAndProduct[0], hostAndProduct[1]) ? Optional.of(true) : Optional.empty();
        }, clients.clock(), CommissionTermsResolver.READ_REUSE);
        return new OrderEventService(orders, new CommissionTermsResolver(new ProductRepository(clients.dynamoDb()), hosts,
                LedgerSettings.fromEnvironment(), clients.clock()), clients.settings().afterSale(), clients.clock(),
                new FakeOrderScreen(orders, new CountersRepository(clients.dynamoDb()),
                        new com.alliance.analytics.LiveSessionRepository(clients.dynamoDb(), new com.alliance.persistence.CapacityMeter()),
                        (hostId, productId, paidAt) -> picks.get(hostId + "\n" + productId, paidAt).isPresent(),
                        clients.settings().risk(), clients.clock()));
    }

    /** The job that keeps brands' and hosts' trust (and hosts' stats snapshots) level with their counters. */
    static TrustJob trust(Clients clients) {
        return new TrustJob(new CountersRepository(clients.dynamoDb()), new BrandRepository(clients.dynamoDb()),
                new HostRepository(clients.dynamoDb(), new MatchScoring(MatchingSettings.fromEnvironment())::hostStrength),
                new TrustScore(TrustSettings.fromEnvironment()));
    }

    static SettlementService settlement(Clients clients, CapacityMeter capacity) {
        LedgerRepository ledger = new LedgerRepository(clients.dynamoDb());
        return new SettlementService(new SettlementRepository(clients.dynamoDb(), ledger, capacity), ledger,
                new ShardLeases(clients.dynamoDb()), clients.settings().settlement(), clients.clock());
    }

    /** The job that builds and releases settlement runs a payee slice per work item. */
    static SettlementJob settlementRuns(Clients clients) {
        CapacityMeter capacity = new CapacityMeter();
        LedgerRepository ledger = new LedgerRepository(clients.dynamoDb());
        SettlementRepository runs = new SettlementRepository(clients.dynamoDb(), ledger, capacity);
        return new SettlementJob(new SettlementService(runs, ledger, new ShardLeases(clients.dynamoDb()),
                clients.settings().settlement(), clients.clock()), runs);
    }

    /** The bank batch payment flow of a settlement service: payment files out, results files in. */
    static BankPayments bankPayments(Clients clients, SettlementService settlement, CapacityMeter capacity) {
        LedgerRepository ledger = new LedgerRepository(clients.dynamoDb());
        return new BankPayments(settlement, new SettlementRepository(clients.dynamoDb(), ledger, capacity),
                new PayoutAccountRepository(clients.dynamoDb()), clients.clock());
    }

    /** Payees' payout accounts, kept on their host or brand profile. */
    static PayoutAccountService payoutAccounts(Clients clients) {
        return new PayoutAccountService(new PayoutAccountRepository(clients.dynamoDb()),
                new HostRepository(clients.dynamoDb(), new MatchScoring(MatchingSettings.fromEnvironment())::hostStrength),
                new BrandRepository(clients.dynamoDb()), clients.clock());
    }

    /** Balances, statements and reconciliation; a brand or host id that names no party answers 404. */
    static FinanceReports reports(Clients clients) {
        LedgerRepository ledger = new LedgerRepository(clients.dynamoDb());
        KnownParties known = new KnownParties(new HostRepository(clients.dynamoDb(),
                new MatchScoring(MatchingSettings.fromEnvironment())::hostStrength),
                new BrandRepository(clients.dynamoDb()), clients.clock());
        return new FinanceReports(ledger, new SettlementRepository(clients.dynamoDb(), ledger, new CapacityMeter()),
                clients.clock(), known);
    }

    /** The job that closes the ledger's days from the day log. */
    static ReconciliationJob ledgerDays(Clients clients) {
        LedgerRepository ledger = new LedgerRepository(clients.dynamoDb());
        return new ReconciliationJob(new DayLogRepository(clients.dynamoDb()),
                new SettlementRepository(clients.dynamoDb(), ledger, new CapacityMeter()), ledger,
                ReconciliationJob.latenessFrom(System::getenv));
    }

    /** Hosts' sample requests and their steps, for the API, the deadlines job and the stream fold alike. */
    static SampleService samples(Clients clients) {
        HostRepository hosts = new HostRepository(clients.dynamoDb(),
                new MatchScoring(MatchingSettings.fromEnvironment())::hostStrength);
        return new SampleService(new SampleRepository(clients.dynamoDb()),
                new ProductRepository(clients.dynamoDb()),
                new KnownParties(hosts, new BrandRepository(clients.dynamoDb()), clients.clock()),
                new SampleRecords(new CountersRepository(clients.dynamoDb()), hosts),
                new ReportHoursRepository(clients.dynamoDb(), new CapacityMeter()),
                clients.settings().samples(), clients.clock());
    }

    /** Hosts' applications to brands' targeted plans, for the API and the expiry job alike. */
    static ApplicationService applications(Clients clients) {
        HostRepository hosts = new HostRepository(clients.dynamoDb(),
                new MatchScoring(MatchingSettings.fromEnvironment())::hostStrength);
        return new ApplicationService(new ApplicationRepository(clients.dynamoDb()), new ProductRepository(clients.dynamoDb()),
                new KnownParties(hosts, new BrandRepository(clients.dynamoDb()), clients.clock()),
                new SampleRecords(new CountersRepository(clients.dynamoDb()), hosts), ApplicationSettings.fromEnvironment(),
                CatalogSettings.fromEnvironment(), clients.clock());
    }

    static DayReconciliation dayReconciliation(Clients clients) {
        return new DayReconciliation(new DayLogRepository(clients.dynamoDb()), clients.clock());
    }

    /** The join of orders and sessions into the brands' audience: the stream consumer's, and its upgrade job's. */
    static AudienceJoin audienceJoin(Clients clients) {
        CapacityMeter capacity = new CapacityMeter();
        return new AudienceJoin(new AudienceRepository(clients.dynamoDb(), capacity),
                new LiveSessionRepository(clients.dynamoDb(), capacity));
    }
}
