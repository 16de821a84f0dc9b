package com.alliance.applications;

import com.alliance.auth.Caller;
import com.alliance.auth.Role;
import com.alliance.catalog.CatalogSettings;
import com.alliance.catalog.Product;
import com.alliance.catalog.ProductRepository;
import com.alliance.catalog.RateChange;
import com.alliance.catalog.RateSchedule;
import com.alliance.errors.ConflictException;
import com.alliance.errors.InvalidInputException;
import com.alliance.errors.NotFoundException;
import com.alliance.hosts.Host;
import com.alliance.hosts.PickRules;
import com.alliance.parties.KnownParties;
import com.alliance.persistence.Page;
import com.alliance.samples.SampleRecord;
import com.alliance.samples.SampleRecords;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Hosts apply to join a product's targeted plan; the product's brand approves (the host gets a targeted rate from
 * that moment on) or rejects them; each reads its own list. Who may do what: the host for itself, the product's
 * brand for its products' applications, operators for anyone. Another party's applications answer 404 as if they
 * did not exist ({@link Caller#requireParty}). Every input is checked before anything is read or written.
 */
public final class ApplicationService {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    private static final int MAX_CONCURRENT_EDIT_RETRIES = 5;

    private final ApplicationRepository applications;
    private final ProductRepository products;
    private final KnownParties parties;
    private final SampleRecords records;
    private final ApplicationSettings settings;
    private final CatalogSettings catalogSettings;
    private final Clock clock;

    public ApplicationService(ApplicationRepository applications, ProductRepository products, KnownParties parties,
                              SampleRecords records, ApplicationSettings settings, CatalogSettings catalogSettings,
                              Clock clock) {
        this.applications = applications;
        this.products = products;
        this.parties = parties;
        this.records = records;
        this.settings = settings;
        this.catalogSettings = catalogSettings;
        this.clock = clock;
    }

    /**
     * The host applies to the product's targeted plan. Refused with 409 {@code MAY_NOT_SELL} when the host may never
     * carry the product, {@code NO_TARGETED_PLAN} when the product targets no host, {@code ALREADY_TARGETED} when
     * it targets this one, {@code APPLICATION_OPEN} while its last application to the product is pending and
     * {@code REAPPLY_TOO_SOON} within the wait after a rejection.
     */
    public Application apply(Caller caller, String productId, String hostId, String message) {
        caller.requireRole(Role.HOST, Role.OPERATOR);
        caller.requireParty(hostId, "host", hostId);
        String checked = Application.checkMessage(message);
        Product product = products.find(productId).orElseThrow(() -> NotFoundException.of("product", productId));
        Host host = parties.requireHost(hostId);
        if (!PickRules.mayCarry(host, product)) {
            throw new ConflictException("MAY_NOT_SELL", "host " + hostId + " may not sell product " + productId, "hostId");
        }
        if (product.rates().targetedHosts().isEmpty()) {
            throw new ConflictException("NO_TARGETED_PLAN", "product " + productId + " runs no targeted plan to join", null);
        }
        if (product.rates().targetedHosts().contains(hostId)) {
            throw new ConflictException("ALREADY_TARGETED", "the targeted plan of product " + productId
                    + " already names host " + hostId, "hostId");
        }
        Instant now = clock.instant();
        Application application = Application.opened(productId, product.brandId(), hostId, checked, now,
                settings.reviewPeriod());
        Optional<ApplyGuard> blocking = applications.insert(application, now);
        if (blocking.isPresent()) {
            throw blocking.get().refusalAt(now).orElseGet(ApplicationService::concurrentEdit);
        }
        return application;
    }

    /**
     * The product's brand approves: the host joins the targeted plan at {@code rateBps}, or at the plan's rate
     * ({@link RateSchedule#planRateAhead}), from now on; a rate below what the host earns now waits the notice
     * period like every decrease. The product and the application change in one transaction; a product edited
     * meanwhile is read again, a few times, before 409 {@code CONCURRENT_EDIT}. 409 {@code ALREADY_DECIDED} when
     * the application is no longer pending.
     */
    public Application approve(Caller caller, String applicationId, Optional<Integer> rateBps) {
        caller.requireRole(Role.BRAND, Role.OPERATOR);
        Optional<Integer> asked = rateBps.map(rate -> RateChange.checkRate(rate, "rateBps"));
        for (int attempt = 0; attempt < MAX_CONCURRENT_EDIT_RETRIES; attempt++) {
            Application application = pendingOf(caller, applicationId);
            Product product = products.find(application.productId())
                    .orElseThrow(() -> new IllegalStateException("application " + applicationId + " names no product"));
            int rate = asked.or(() -> product.rates().planRateAhead()).orElseThrow(() -> new IllegalStateException(
                    "product " + product.productId() + " has an application but no targeted plan"));
            Instant now = clock.instant();
            Application approved = application.approved(rate, now);
            RateSchedule rates = product.rates().change(Optional.of(application.hostId()), rate, now,
                    catalogSettings.rateDecreaseNotice());
            ApplicationRepository.Outcome outcome = applications.approve(approved,
                    products.replaceStep(product.withRates(rates), product.version()));
            if (outcome == ApplicationRepository.Outcome.DECIDED) {
                return approved;
            }
            if (outcome == ApplicationRepository.Outcome.NOT_PENDING) {
                throw decidedMeanwhile(applicationId);
            }
            // the product changed or another transaction was in the way: read both again
        }
        throw concurrentEdit();
    }

    /** The product's brand refuses, with a reason the host reads; the host may apply again after the wait. */
    public Application reject(Caller caller, String applicationId, String reason) {
        caller.requireRole(Role.BRAND, Role.OPERATOR);
        String why = Application.checkReason(reason);
        for (int attempt = 0; attempt < MAX_CONCURRENT_EDIT_RETRIES; attempt++) {
            Application rejected = pendingOf(caller, applicationId).rejected(why, clock.instant(), settings.reapplyWait());
            ApplicationRepository.Outcome outcome = applications.close(rejected);
            if (outcome == ApplicationRepository.Outcome.DECIDED) {
                return rejected;
            }
            if (outcome == ApplicationRepository.Outcome.NOT_PENDING) {
                throw decidedMeanwhile(applicationId);
            }
        }
        throw concurrentEdit();
    }

    /** A page of the host's applications, newest first: for the host itself and operators. */
    public Page<Application> forHost(Caller caller, String hostId, int limit, Optional<String> next) {
        caller.requireRole(Role.HOST, Role.OPERATOR);
        caller.requireParty(hostId, "host", hostId);
        checkLimit(limit);
        parties.requireHost(hostId);
        return applications.pageByHost(hostId, limit, next);
    }

    /**
     * A page of the applications to the brand's products that are {@code status} ({@code PENDING} if none is
     * given), newest first, each with its host's record: for the brand itself and operators.
     */
    public Page<ApplicationView> forBrand(Caller caller, String brandId, Optional<ApplicationStatus> status, int limit,
                                          Optional<String> next) {
        caller.requireRole(Role.BRAND, Role.OPERATOR);
        caller.requireParty(brandId, "brand", brandId);
        checkLimit(limit);
        parties.requireBrand(brandId);
        Page<Application> page = applications.pageByBrand(brandId, status.orElse(ApplicationStatus.PENDING), limit, next);
        Map<String, SampleRecord> hostRecords = records.of(page.items().stream().map(Application::hostId).toList());
        return page.map(application -> new ApplicationView(application,
                Optional.ofNullable(hostRecords.get(application.hostId()))));
    }

    /** The application, if the caller may act on it as its product's brand, and still pending. */
    /** One application, for the host that applied, the product's brand, or operators; anyone else reads 404. */
    public Application get(Caller caller, String applicationId) {
        caller.requireRole(Role.HOST, Role.BRAND, Role.OPERATOR);
        Application application = applications.find(applicationId)
                .orElseThrow(() -> NotFoundException.of("application", applicationId));
        caller.requireParty(caller.is(Role.BRAND) ? application.brandId() : application.hostId(), "application",
                applicationId);
        return application;
    }

    private Application pendingOf(Caller caller, String applicationId) {
        Application application = applications.find(applicationId)
                .orElseThrow(() -> NotFoundException.of("application", applicationId));
        caller.requireParty(application.brandId(), "application", applicationId);
        if (application.status().isDecided()) {
            throw Application.alreadyDecided(applicationId, application.status());
        }
        return application;
    }

    /** The 409 for an application somebody decided between our read and our write, naming how. */
    private ConflictException decidedMeanwhile(String applicationId) {
        return Application.alreadyDecided(applicationId,
                applications.find(applicationId).map(Application::status).orElse(ApplicationStatus.PENDING));
    }

    private static void checkLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw InvalidInputException.field("limit", "limit must be 1 to " + MAX_LIMIT);
        }
    }

    private static ConflictException concurrentEdit() {
        return new ConflictException("CONCURRENT_EDIT", "the application or its product kept changing; try again", null);
    }
}
