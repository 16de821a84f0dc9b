package com.alliance.applications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alliance.auth.Caller;
import com.alliance.auth.Role;
import com.alliance.brands.BrandRepository;
import com.alliance.catalog.CatalogService;
import com.alliance.catalog.CatalogSettings;
import com.alliance.catalog.Category;
import com.alliance.catalog.Certificates;
import com.alliance.catalog.Product;
import com.alliance.catalog.ProductListing;
import com.alliance.catalog.ProductRepository;
import com.alliance.catalog.RateSchedule;
import com.alliance.errors.MarketplaceException;
import com.alliance.hosts.HostReferences;
import com.alliance.hosts.HostRepository;
import com.alliance.jobs.Backlog;
import com.alliance.jobs.Deadline;
import com.alliance.jobs.Progress;
import com.alliance.matching.MatchScoring;
import com.alliance.matching.MatchingSettings;
import com.alliance.orders.CountersRepository;
import com.alliance.orders.OrderCounts;
import com.alliance.orders.RunningCountsFold;
import com.alliance.parties.KnownParties;
import com.alliance.persistence.Page;
import com.alliance.persistence.Tables;
import com.alliance.persistence.WriteShards;
import com.alliance.samples.SampleRecord;
import com.alliance.samples.SampleRecords;
import com.alliance.testing.LocalStores;
import com.alliance.testing.Marketplace;
import com.alliance.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Applications to a targeted plan through the service and the expiry job, against DynamoDB Local: who may apply,
 * one open application per host and product, what approval does to the product's rates, the waits after a
 * rejection and an expiry, and the host's and brand's lists. On stores of its own, so the job sees only these
 * tests' applications.
 */
class ApplicationsTest {

    private static final LocalStores STORES = LocalStores.isolated();
    private static final Caller OPERATOR = new Caller("operator", Role.OPERATOR, "platform");
    private static final int OPEN_RATE = 2_000;
    private static final int PLAN_RATE = 3_000;

    /** Each test's own time, 400 days after the last one's: what earlier tests left pending is due before it starts. */
    private static final AtomicInteger TESTS = new AtomicInteger();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T08:00:00Z")
            .plus(Duration.ofDays(400L * TESTS.getAndIncrement())));
    private final DynamoDbClient dynamoDb = STORES.dynamoDb();
    private final Marketplace marketplace = new Marketplace(STORES.clients(clock));
    private final HostRepository hosts = new HostRepository(dynamoDb,
            new MatchScoring(MatchingSettings.fromEnvironment())::hostStrength);
    private final BrandRepository brands = new BrandRepository(dynamoDb);
    private final ProductRepository products = new ProductRepository(dynamoDb);
    private final CountersRepository counters = new CountersRepository(dynamoDb);
    private final CatalogService catalog = new CatalogService(brands, products, counters, new HostReferences(hosts),
            CatalogSettings.defaults(), clock);
    private final ApplicationRepository repository = new ApplicationRepository(dynamoDb);
    private final ApplicationService applications = new ApplicationService(repository, products,
            new KnownParties(hosts, brands, clock), new SampleRecords(counters, hosts), ApplicationSettings.defaults(),
            CatalogSettings.defaults(), clock);
    private final ApplicationExpiryJob job = new ApplicationExpiryJob(repository);

    private String brandId;
    private Caller brand;
    private String targeted;
    private String productId;
    private String hostId;
    private Caller host;

    @BeforeEach
    void aBrandWithATargetedPlanAndAHostOutsideIt() {
        brandId = marketplace.brand();
        brand = new Caller("brand-user", Role.BRAND, brandId);
        targeted = marketplace.independentHost();
        productId = product(List.of(new RateSchedule.TargetedRate(targeted, PLAN_RATE)));
        hostId = marketplace.independentHost();
        host = new Caller("host-user", Role.HOST, hostId);
    }

    private String product(List<RateSchedule.TargetedRate> plan) {
        ProductListing listing = new ProductListing("SKU-" + System.nanoTime(), "Longjing tea", Category.FOOD, 12_800, 100,
                48, OPEN_RATE, plan, false, Certificates.none());
        return catalog.list(brand, brandId, listing).productId();
    }

    private Application apply(String product) {
        return applications.apply(host, product, hostId, "I sell tea live every night");
    }

    private int items() {
        return STORES.itemCount(Tables.ORDERS.tableName()) + STORES.itemCount(Tables.CATALOG.tableName());
    }

    /** The refusal {@code call} answers, checked to have written nothing. */
    private MarketplaceException refused(ThrowingCallable call) {
        int before = items();
        List<MarketplaceException> caught = new ArrayList<>();
        assertThatThrownBy(call).isInstanceOfSatisfying(MarketplaceException.class, caught::add);
        assertThat(items()).as("items after a refusal").isEqualTo(before);
        return caught.get(0);
    }

    private static String code(MarketplaceException e) {
        return e.httpStatus() + " " + e.code();
    }

    private Product product() {
        return products.find(productId).orElseThrow();
    }

    private Application read(String applicationId) {
        return repository.find(applicationId).orElseThrow();
    }

    @Test
    void anApprovedHostEarnsThePlanRateOnOrdersPaidFromTheApprovalOnNeverBefore() {
        Application application = apply(productId);
        assertThat(application.status()).isEqualTo(ApplicationStatus.PENDING);
        assertThat(application.brandId()).isEqualTo(brandId);
        assertThat(application.reviewDeadline()).isEqualTo(clock.instant().plus(Duration.ofDays(3)));
        long version = product().version();

        clock.advance(Duration.ofHours(2));
        Instant approvedAt = clock.instant();
        Application approved = applications.approve(brand, application.applicationId(), Optional.empty());

        assertThat(approved.status()).isEqualTo(ApplicationStatus.APPROVED);
        assertThat(approved.rateBps()).contains(PLAN_RATE);
        assertThat(approved.decidedAt()).contains(approvedAt);
        assertThat(read(application.applicationId())).isEqualTo(approved);
        Product after = product();
        assertThat(after.version()).isEqualTo(version + 1);
        assertThat(after.rates().targetedHosts()).contains(targeted, hostId);
        assertThat(after.rates().rateFor(hostId, approvedAt.minusMillis(1))).as("an order paid before").isEqualTo(OPEN_RATE);
        assertThat(after.rates().rateFor(hostId, approvedAt)).as("an order paid at approval").isEqualTo(PLAN_RATE);
        assertThat(after.rates().rateFor(hostId, approvedAt.plus(Duration.ofDays(10)))).isEqualTo(PLAN_RATE);
        assertThat(after.rates().rateFor(targeted, approvedAt)).as("the plan's own host").isEqualTo(PLAN_RATE);

        assertThat(code(refused(() -> applications.approve(brand, application.applicationId(), Optional.empty()))))
                .isEqualTo("409 ALREADY_DECIDED");
        assertThat(code(refused(() -> applications.reject(brand, application.applicationId(), "changed my mind"))))
                .isEqualTo("409 ALREADY_DECIDED");
        assertThat(code(refused(() -> apply(productId)))).isEqualTo("409 ALREADY_TARGETED");
    }

    @Test
    void aRateGivenBelowWhatTheHostEarnsWaitsTheNoticePeriodAndOneAboveAppliesAtOnce() {
        Application low = apply(productId);
        Instant approvedAt = clock.instant();
        applications.approve(brand, low.applicationId(), Optional.of(1_000));
        Product after = product();
        assertThat(after.rates().rateFor(hostId, approvedAt)).isEqualTo(OPEN_RATE);
        assertThat(after.rates().rateFor(hostId, approvedAt.plus(CatalogSettings.DEFAULT_RATE_DECREASE_NOTICE))).isEqualTo(1_000);

        String other = marketplace.independentHost();
        Application high = applications.apply(new Caller("other", Role.HOST, other), productId, other, "me too");
        applications.approve(OPERATOR, high.applicationId(), Optional.of(4_500));
        assertThat(product().rates().rateFor(other, clock.instant())).isEqualTo(4_500);
        assertThat(read(high.applicationId()).rateBps()).contains(4_500);
    }

    @Test
    void aProductEditedBetweenReadAndApprovalWritesNothingAndIsReadAgain() {
        Application application = apply(productId);
        Product stale = product();
        catalog.changeCommission(brand, productId, new com.alliance.catalog.CommissionUpdate(Optional.of(2_200), List.of()));
        Application approved = application.approved(PLAN_RATE, clock.instant());
        Product changed = stale.withRates(stale.rates().change(Optional.of(hostId), PLAN_RATE, clock.instant(),
                CatalogSettings.DEFAULT_RATE_DECREASE_NOTICE));

        int before = items();
        assertThat(repository.approve(approved, products.replaceStep(changed, stale.version())))
                .isEqualTo(ApplicationRepository.Outcome.PRODUCT_CHANGED);
        assertThat(items()).isEqualTo(before);
        assertThat(read(application.applicationId()).status()).isEqualTo(ApplicationStatus.PENDING);
        assertThat(product().rates().openRate(clock.instant())).isEqualTo(2_200);

        applications.approve(brand, application.applicationId(), Optional.empty());
        assertThat(product().rates().rateFor(hostId, clock.instant())).isEqualTo(PLAN_RATE);
        assertThat(product().rates().openRate(clock.instant())).as("the edit is kept").isEqualTo(2_200);
    }

    @Test
    void aRejectedHostMayApplyAgainOnlyReapplyDaysLater() {
        Application first = apply(productId);
        Instant rejectedAt = clock.instant().plus(Duration.ofHours(1));
        clock.advance(Duration.ofHours(1));
        Application rejected = applications.reject(brand, first.applicationId(), "  not your audience  ");
        assertThat(rejected.status()).isEqualTo(ApplicationStatus.REJECTED);
        assertThat(rejected.reason()).contains("not your audience");
        assertThat(rejected.reapplyAfter()).contains(rejectedAt.plus(Duration.ofDays(30)));
        assertThat(read(first.applicationId())).isEqualTo(rejected);
        assertThat(product().rates().targetedHosts()).doesNotContain(hostId);

        clock.advance(Duration.ofDays(30).minusMillis(1));
        MarketplaceException tooSoon = refused(() -> apply(productId));
        assertThat(code(tooSoon)).isEqualTo("409 REAPPLY_TOO_SOON");
        assertThat(tooSoon.getMessage()).contains(rejectedAt.plus(Duration.ofDays(30)).toString());

        clock.advance(Duration.ofMillis(1));
        Application again = apply(productId);
        assertThat(again.applicationId()).isNotEqualTo(first.applicationId());
        assertThat(again.status()).isEqualTo(ApplicationStatus.PENDING);
        assertThat(read(first.applicationId()).status()).as("the old one stays as it was").isEqualTo(ApplicationStatus.REJECTED);
    }

    @Test
    void aHostHasOneOpenApplicationPerProduct() {
        Application open = apply(productId);
        MarketplaceException second = refused(() -> apply(productId));
        assertThat(code(second)).isEqualTo("409 APPLICATION_OPEN");
        assertThat(second.getMessage()).contains(open.applicationId());
        assertThat(applications.forHost(host, hostId, 20, Optional.empty()).items()).containsExactly(open);

        // another product of the brand is another application
        String otherProduct = product(List.of(new RateSchedule.TargetedRate(targeted, PLAN_RATE)));
        assertThat(apply(otherProduct).status()).isEqualTo(ApplicationStatus.PENDING);
    }

    @Test
    void onlyAProductThatTargetsSomeoneElseTakesApplications() {
        String noPlan = product(List.of());
        assertThat(code(refused(() -> apply(noPlan)))).isEqualTo("409 NO_TARGETED_PLAN");

        Caller planHost = new Caller("t", Role.HOST, targeted);
        assertThat(code(refused(() -> applications.apply(planHost, productId, targeted, "again"))))
                .isEqualTo("409 ALREADY_TARGETED");

        String otherBrand = marketplace.brand();
        String theirAnchor = marketplace.selfBroadcastHost(otherBrand);
        assertThat(code(refused(() -> applications.apply(OPERATOR, productId, theirAnchor, "let me"))))
                .isEqualTo("409 MAY_NOT_SELL");

        String ownAnchor = marketplace.selfBroadcastHost(brandId);
        assertThat(applications.apply(OPERATOR, productId, ownAnchor, "our own room").status())
                .isEqualTo(ApplicationStatus.PENDING);
    }

    @Test
    void onlyTheHostItselfTheProductsBrandOrAnOperatorActsAndOtherPartiesSeeNothing() {
        String otherHost = marketplace.independentHost();
        Caller stranger = new Caller("s", Role.HOST, otherHost);
        Caller otherBrand = new Caller("b", Role.BRAND, marketplace.brand());

        assertThat(code(refused(() -> applications.apply(brand, productId, hostId, "hi")))).isEqualTo("403 FORBIDDEN");
        assertThat(code(refused(() -> applications.apply(stranger, productId, hostId, "hi")))).isEqualTo("404 HOST_NOT_FOUND");
        Application application = applications.apply(OPERATOR, productId, hostId, "on the host's behalf");

        String id = application.applicationId();
        assertThat(code(refused(() -> applications.approve(host, id, Optional.empty())))).isEqualTo("403 FORBIDDEN");
        assertThat(code(refused(() -> applications.reject(host, id, "no")))).isEqualTo("403 FORBIDDEN");
        assertThat(code(refused(() -> applications.approve(otherBrand, id, Optional.empty()))))
                .isEqualTo("404 APPLICATION_NOT_FOUND");
        assertThat(code(refused(() -> applications.reject(otherBrand, id, "no")))).isEqualTo("404 APPLICATION_NOT_FOUND");
        assertThat(code(refused(() -> applications.forHost(stranger, hostId, 20, Optional.empty()))))
                .isEqualTo("404 HOST_NOT_FOUND");
        assertThat(code(refused(() -> applications.forHost(brand, hostId, 20, Optional.empty())))).isEqualTo("403 FORBIDDEN");
        assertThat(code(refused(() -> applications.forBrand(otherBrand, brandId, Optional.empty(), 20, Optional.empty()))))
                .isEqualTo("404 BRAND_NOT_FOUND");
        assertThat(code(refused(() -> applications.forBrand(host, brandId, Optional.empty(), 20, Optional.empty()))))
                .isEqualTo("403 FORBIDDEN");

        assertThat(applications.forHost(OPERATOR, hostId, 20, Optional.empty()).items()).containsExactly(application);
        assertThat(applications.forBrand(OPERATOR, brandId, Optional.empty(), 20, Optional.empty()).items())
                .extracting(ApplicationView::application).containsExactly(application);
    }

    @Test
    void badInputIsA4xxAndWritesNothing() {
        assertThat(code(refused(() -> applications.apply(host, productId, hostId, "   ")))).isEqualTo("400 INVALID_FIELD");
        assertThat(refused(() -> applications.apply(host, productId, hostId, "x".repeat(501))).field()).contains("message");
        assertThat(code(refused(() -> applications.apply(host, "p_nosuchproduct", hostId, "hi"))))
                .isEqualTo("404 PRODUCT_NOT_FOUND");
        assertThat(code(refused(() -> applications.apply(OPERATOR, productId, "h_nosuchhost", "hi"))))
                .isEqualTo("404 HOST_NOT_FOUND");

        String id = apply(productId).applicationId();
        assertThat(code(refused(() -> applications.approve(brand, id, Optional.of(0))))).isEqualTo("400 RATE_OUT_OF_RANGE");
        assertThat(code(refused(() -> applications.approve(brand, id, Optional.of(9_001))))).isEqualTo("400 RATE_OUT_OF_RANGE");
        assertThat(refused(() -> applications.reject(brand, id, " ")).field()).contains("reason");
        assertThat(refused(() -> applications.reject(brand, id, "x".repeat(301))).field()).contains("reason");
        assertThat(code(refused(() -> applications.approve(brand, "app_nosuchapplication", Optional.empty()))))
                .isEqualTo("404 APPLICATION_NOT_FOUND");
        assertThat(refused(() -> applications.forHost(host, hostId, 0, Optional.empty())).field()).contains("limit");
        assertThat(refused(() -> applications.forHost(host, hostId, 101, Optional.empty())).field()).contains("limit");
        assertThat(refused(() -> applications.forHost(host, hostId, 20, Optional.of("bm90LWEtdG9rZW4"))).field())
                .contains("next");
        assertThat(read(id).status()).isEqualTo(ApplicationStatus.PENDING);
    }

    @Test
    void anUnansweredApplicationExpiresThroughTheJobAndASecondRunChangesNothing() {
        runJob(clock.instant());    // what earlier tests left pending
        Application first = apply(productId);
        String otherHost = marketplace.independentHost();
        clock.advance(Duration.ofHours(1));
        Application second = applications.apply(OPERATOR, productId, otherHost, "me too");
        Application answered = applications.apply(OPERATOR, product(List.of(new RateSchedule.TargetedRate(targeted, 2_500))),
                otherHost, "and this one");
        applications.reject(brand, answered.applicationId(), "no room");

        Instant firstDue = first.reviewDeadline();
        assertThat(totalBacklog(firstDue.minusMillis(1)).due()).isZero();
        assertThat(runJob(firstDue.minusMillis(1))).as("nothing is due before its deadline").isZero();
        assertThat(read(first.applicationId()).status()).isEqualTo(ApplicationStatus.PENDING);

        Backlog due = totalBacklog(firstDue);
        assertThat(due.due()).isEqualTo(1);
        assertThat(due.oldestDue()).contains(firstDue);
        assertThat(runJob(firstDue)).isEqualTo(1);
        Application expired = read(first.applicationId());
        assertThat(expired.status()).isEqualTo(ApplicationStatus.EXPIRED);
        assertThat(expired.decidedAt()).contains(firstDue);
        assertThat(expired.reapplyAfter()).contains(firstDue);
        assertThat(read(second.applicationId()).status()).as("due an hour later").isEqualTo(ApplicationStatus.PENDING);

        clock.advance(Duration.ofDays(3));
        Instant now = clock.instant();
        assertThat(runJob(now)).isEqualTo(1);
        assertThat(read(second.applicationId()).status()).isEqualTo(ApplicationStatus.EXPIRED);
        assertThat(read(answered.applicationId()).status()).isEqualTo(ApplicationStatus.REJECTED);
        int before = items();
        assertThat(runJob(now)).as("a second run").isZero();
        assertThat(totalBacklog(now).due()).isZero();
        assertThat(items()).isEqualTo(before);
        assertThat(read(second.applicationId()).decidedAt()).contains(now);

        assertThat(code(refused(() -> applications.approve(brand, second.applicationId(), Optional.empty()))))
                .isEqualTo("409 ALREADY_DECIDED");
        assertThat(apply(productId).status()).as("after an expiry, at once").isEqualTo(ApplicationStatus.PENDING);
    }

    @Test
    void anExpiryRaceWithAnApprovalLeavesTheApproval() {
        runJob(clock.instant());    // what earlier tests left pending
        Application application = apply(productId);
        clock.advance(Duration.ofDays(3));
        applications.approve(brand, application.applicationId(), Optional.empty());
        // the index entry is gone with the approval; a stale entry would meet a conditional write that refuses
        assertThat(repository.close(application.expired(clock.instant()))).isEqualTo(ApplicationRepository.Outcome.NOT_PENDING);
        assertThat(runJob(clock.instant())).isZero();
        assertThat(read(application.applicationId()).status()).isEqualTo(ApplicationStatus.APPROVED);
    }

    @Test
    void aWorkItemStopsAtItsDeadlineAndGoesOnFromTheCursorItWasHanded() {
        runJob(clock.instant());    // what earlier tests left pending
        Application application = apply(productId);
        clock.advance(Duration.ofDays(3));
        Instant now = clock.instant();
        int shard = WriteShards.of(application.applicationId(), ApplicationRepository.DUE_SHARDS);

        Progress late = job.work(shard, Optional.empty(), now, Deadline.after(Duration.ZERO));
        assertThat(late.more()).isTrue();
        assertThat(late.done()).isZero();

        ApplicationRepository.DuePage page = repository.due(shard, now, Optional.empty(), 10);
        assertThat(page.entries()).extracting(ApplicationRepository.DueEntry::applicationId)
                .containsExactly(application.applicationId());
        Progress after = job.work(shard, Optional.of(page.entries().get(0).sortKey()), now, Deadline.after(Duration.ofSeconds(30)));
        assertThat(after.done()).as("the entry the cursor names was handled already").isZero();
        assertThat(read(application.applicationId()).status()).isEqualTo(ApplicationStatus.PENDING);

        assertThat(job.work(shard, Optional.empty(), now, Deadline.after(Duration.ofSeconds(30))).done()).isEqualTo(1);
        assertThat(read(application.applicationId()).status()).isEqualTo(ApplicationStatus.EXPIRED);
        assertThatThrownBy(() -> job.work(shard, Optional.of("not a cursor"), now, Deadline.after(Duration.ofSeconds(1))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theHostsListIsNewestFirstAPageAtATime() {
        List<Application> applied = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            applied.add(apply(product(List.of(new RateSchedule.TargetedRate(targeted, PLAN_RATE)))));
            clock.advance(Duration.ofMinutes(1));
        }
        applications.reject(brand, applied.get(0).applicationId(), "no");

        Page<Application> first = applications.forHost(host, hostId, 2, Optional.empty());
        assertThat(first.items()).extracting(Application::applicationId)
                .containsExactly(applied.get(2).applicationId(), applied.get(1).applicationId());
        assertThat(first.next()).isPresent();
        Page<Application> rest = applications.forHost(host, hostId, 2, first.next());
        assertThat(rest.items()).extracting(Application::applicationId).containsExactly(applied.get(0).applicationId());
        assertThat(rest.items().get(0).status()).isEqualTo(ApplicationStatus.REJECTED);
        assertThat(rest.next()).isEmpty();

        assertThat(applications.forHost(host, hostId, 20, Optional.empty()).items()).hasSize(3);
        String otherHost = marketplace.independentHost();
        assertThat(refused(() -> applications.forHost(OPERATOR, otherHost, 2, first.next())).field())
                .as("a token continues only its own list").contains("next");
    }

    @Test
    void theBrandsListIsByStatusNewestFirstEachWithTheHostsRecord() {
        String second = marketplace.independentHost();
        String third = marketplace.independentHost();
        counters.fold(new RunningCountsFold.Part(OrderCounts.Scope.HOST_STATS, second, "test-shard",
                List.of(new RunningCountsFold.Step("00000000000000000001",
                        new TreeMap<>(Map.of(OrderCounts.SAMPLES_FULFILLED, 3L, OrderCounts.SAMPLES_UNFULFILLED, 1L))))),
                clock.instant());

        Application a = apply(productId);
        clock.advance(Duration.ofMinutes(1));
        Application b = applications.apply(OPERATOR, productId, second, "second");
        clock.advance(Duration.ofMinutes(1));
        Application c = applications.apply(OPERATOR, productId, third, "third");
        applications.reject(brand, a.applicationId(), "not now");

        Page<ApplicationView> first = applications.forBrand(brand, brandId, Optional.empty(), 1, Optional.empty());
        assertThat(first.items()).extracting(v -> v.application().applicationId()).containsExactly(c.applicationId());
        Page<ApplicationView> rest = applications.forBrand(brand, brandId, Optional.of(ApplicationStatus.PENDING), 1, first.next());
        assertThat(rest.items()).extracting(v -> v.application().applicationId()).containsExactly(b.applicationId());
        SampleRecord record = rest.items().get(0).hostRecord().orElseThrow();
        assertThat(record.fulfilled()).isEqualTo(3);
        assertThat(record.unfulfilled()).isEqualTo(1);
        assertThat(record.trust()).isEqualTo(hosts.find(second).orElseThrow().trust());
        assertThat(rest.next()).as("the rejected one has left the pending list").isEmpty();

        List<ApplicationView> rejected = applications.forBrand(brand, brandId, Optional.of(ApplicationStatus.REJECTED), 20,
                Optional.empty()).items();
        assertThat(rejected).extracting(ApplicationView::application).containsExactly(read(a.applicationId()));
        assertThat(rejected.get(0).hostRecord()).contains(new SampleRecord(0, 0, hosts.find(hostId).orElseThrow().trust()));
        assertThat(applications.forBrand(brand, brandId, Optional.of(ApplicationStatus.APPROVED), 20, Optional.empty())
                .items()).isEmpty();
        assertThat(refused(() -> applications.forBrand(brand, brandId, Optional.of(ApplicationStatus.REJECTED), 1,
                first.next())).field()).as("a PENDING token does not continue the REJECTED list").contains("next");
    }

    private Backlog totalBacklog(Instant now) {
        return Backlog.sum(job.backlogs(now));
    }

    /** Every shard of the job worked at {@code now} to its end; answers the applications it expired. */
    private long runJob(Instant now) {
        long done = 0;
        for (int shard = 0; shard < job.shards(); shard++) {
            Progress progress = job.work(shard, Optional.empty(), now, Deadline.after(Duration.ofSeconds(30)));
            assertThat(progress.more()).isFalse();
            assertThat(progress.failed()).isZero();
            done += progress.done();
        }
        return done;
    }
}
