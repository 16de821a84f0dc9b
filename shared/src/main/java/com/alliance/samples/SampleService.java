package com.alliance.samples;

import com.alliance.auth.Caller;
import com.alliance.auth.Role;
import com.alliance.catalog.Product;
import com.alliance.catalog.ProductRepository;
import com.alliance.errors.ConflictException;
import com.alliance.errors.NotFoundException;
import com.alliance.hosts.Host;
import com.alliance.hosts.PickRules;
import com.alliance.ids.Ids;
import com.alliance.orders.ReportHours;
import com.alliance.orders.ReportHoursRepository;
import com.alliance.parties.KnownParties;
import com.alliance.persistence.Page;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Hosts ask for samples of products they may sell, brands approve, reject and ship them, hosts confirm receipt
 * (see {@link SampleRequest} for the steps, {@link SampleQuota} for how many a host may have open). A host reads only
 * its own requests, a brand only those for its products; the brand that ships a request reads its address whole,
 * everyone else masked. Bad input and a step that does not fit are refused before anything is written.
 */
public final class SampleService {

    /** How often a step is tried again when the request changed under it (the job or the stream fold moved it). */
    private static final int STEP_ATTEMPTS = 4;
    /** How often a request is tried again when another request of the host took the slot it chose. */
    private static final int SLOT_ATTEMPTS = 4;
    /** The period of GMV a host's tier comes from. */
    static final Duration TIER_PERIOD = Duration.ofDays(30);

    /** A request as one caller may see it: its address whole or masked, and for a brand the host's record. */
    public record View(SampleRequest request, SampleAddress address, Optional<SampleRecord> hostRecord) {
    }

    /** A page of a host's requests with its quota. */
    public record HostPage(Page<View> page, SampleQuota.Standing quota) {
    }

    private final SampleRepository samples;
    private final ProductRepository products;
    private final KnownParties parties;
    private final SampleRecords records;
    private final ReportHoursRepository reports;
    private final SampleSettings settings;
    private final Clock clock;

    public SampleService(SampleRepository samples, ProductRepository products, KnownParties parties,
                         SampleRecords records, ReportHoursRepository reports, SampleSettings settings, Clock clock) {
        this.samples = samples;
        this.products = products;
        this.parties = parties;
        this.records = records;
        this.reports = reports;
        this.settings = settings;
        this.clock = clock;
    }

    public SampleSettings settings() {
        return settings;
    }

    /** A host asks for a sample of a product it may sell, to {@code address}. */
    public View request(Caller caller, String productId, String hostId, SampleAddress address) {
        caller.requireRole(Role.HOST, Role.OPERATOR);
        caller.requireParty(hostId, "host", hostId);
        Host host = parties.requireHost(hostId);
        Product product = products.find(productId).orElseThrow(() -> NotFoundException.of("product", productId));
        if (!PickRules.mayCarry(host, product)) {
            throw new ConflictException("MAY_NOT_SELL", "host " + hostId + " may not sell product " + productId
                    + ", so it may not ask for its sample", "productId");
        }
        for (int attempt = 0; attempt < SLOT_ATTEMPTS; attempt++) {
            Instant now = clock.instant();
            samples.guard(hostId, productId).ifPresent(guard -> refuseWhileOpen(guard, now));
            List<Integer> taken = samples.takenSlots(hostId);
            SampleQuota.Standing standing = standing(hostId, taken.size(), now);
            if (standing.isFull()) {
                throw new ConflictException("OVER_SAMPLE_CAP", String.format("host %s has %d open sample requests, "
                        + "its cap (tier %d) is %d: wait for one to close", hostId, standing.open(), standing.tier(),
                        standing.cap()), null);
            }
            int slot = 0;
            while (taken.contains(slot)) {
                slot++;
            }
            SampleRequest request = SampleRequest.requested(Ids.next(Ids.SAMPLE), productId, product.brandId(), hostId,
                    address, slot, now, settings);
            switch (samples.create(request, now)) {
                case CREATED -> {
                    return view(caller, request, Optional.empty());
                }
                case OPEN_OR_TOO_SOON -> samples.guard(hostId, productId).ifPresent(guard -> refuseWhileOpen(guard, now));
                case SLOT_TAKEN -> {
                    // another request of the host took the slot: read the slots again
                }
            }
        }
        throw new ConflictException("CONCURRENT_EDIT", "the host's requests kept changing; try again", null);
    }

    private static void refuseWhileOpen(SampleRepository.Guard guard, Instant now) {
        if (guard.status().isOpen()) {
            throw new ConflictException("SAMPLE_OPEN", "request " + guard.requestId() + " for this product is still "
                    + guard.status() + ": one open request per product", "productId");
        }
        if (now.isBefore(guard.reapplyAfter())) {
            throw new ConflictException("REAPPLY_TOO_SOON", "the last request for this product was rejected; ask again "
                    + "from " + LocalDate.ofInstant(guard.reapplyAfter(), ZoneOffset.UTC), "productId");
        }
    }

    /** One request, for the host that asked, the product's brand, or operators. */
    public View get(Caller caller, String requestId) {
        SampleRequest request = find(requestId);
        requireReader(caller, request);
        return view(caller, request, Optional.empty());
    }

    public View approve(Caller caller, String requestId) {
        return brandStep(caller, requestId, request -> request.approve(clock.instant(), settings));
    }

    public View reject(Caller caller, String requestId, String reason) {
        return brandStep(caller, requestId, request -> request.reject(clock.instant(), reason));
    }

    public View ship(Caller caller, String requestId, String carrier, String trackingNumber) {
        return brandStep(caller, requestId, request -> request.ship(
                new SampleRequest.Shipment(carrier, trackingNumber, clock.instant()), settings));
    }

    /** The host that asked confirms the sample arrived. */
    public View receive(Caller caller, String requestId) {
        caller.requireRole(Role.HOST, Role.OPERATOR);
        SampleRequest request = find(requestId);
        caller.requireParty(request.hostId(), "sample request", requestId);
        return view(caller, step(request, r -> r.receive(clock.instant(), SampleRequest.Receipt.HOST, settings)),
                Optional.empty());
    }

    /** A page of the host's requests, newest first, with its quota. */
    public HostPage forHost(Caller caller, String hostId, int limit, Optional<String> next) {
        caller.requireRole(Role.HOST, Role.OPERATOR);
        caller.requireParty(hostId, "host", hostId);
        parties.requireHost(hostId);
        Page<SampleRequest> page = samples.forHost(hostId, limit, next);
        return new HostPage(page.map(request -> view(caller, request, Optional.empty())),
                standing(hostId, samples.takenSlots(hostId).size(), clock.instant()));
    }

    /** A page of the requests for the brand's products in one status, newest first, each with the host's record. */
    public Page<View> forBrand(Caller caller, String brandId, SampleStatus status, int limit, Optional<String> next) {
        caller.requireRole(Role.BRAND, Role.OPERATOR);
        caller.requireParty(brandId, "brand", brandId);
        parties.requireBrand(brandId);
        Page<SampleRequest> page = samples.forBrand(brandId, status, limit, next);
        Map<String, SampleRecord> hostRecords = records.of(page.items().stream().map(SampleRequest::hostId).toList());
        return page.map(request -> view(caller, request, Optional.ofNullable(hostRecords.get(request.hostId()))));
    }

    /**
     * Moves a request on whose deadline has passed at {@code now} ({@link SampleRequest#lapse}): the deadlines job's
     * step. True when it changed the request; a request not due, or moved on meanwhile, is left as it is.
     */
    public boolean lapse(String requestId, Instant now) {
        for (int attempt = 0; attempt < STEP_ATTEMPTS; attempt++) {
            Optional<SampleRequest> current = samples.find(requestId);
            Optional<SampleRequest> next = current.flatMap(request -> request.lapse(now, settings));
            if (next.isEmpty()) {
                return false;
            }
            if (samples.step(current.get(), next.get(), reapplyAfter(next.get()))) {
                return true;
            }
        }
        throw new ConflictException("CONCURRENT_EDIT", "sample request " + requestId + " kept changing", null);
    }

    /**
     * Fulfils the request with order {@code orderId} of its product by its host, paid at {@code paidAt}, if that order
     * fulfils it ({@link SampleRequest#fulfilledBy}): the stream fold's step. True when it changed the request.
     */
    public boolean fulfil(String requestId, String orderId, Instant paidAt) {
        for (int attempt = 0; attempt < STEP_ATTEMPTS; attempt++) {
            Optional<SampleRequest> current = samples.find(requestId).filter(request -> request.fulfilledBy(paidAt));
            if (current.isEmpty()) {
                return false;
            }
            SampleRequest next = current.get().fulfil(orderId, paidAt);
            if (samples.step(current.get(), next, reapplyAfter(next))) {
                return true;
            }
        }
        throw new ConflictException("CONCURRENT_EDIT", "sample request " + requestId + " kept changing", null);
    }

    /** The host's quota now: its tier from its 30-day GMV, its record, and its open requests. */
    SampleQuota.Standing standing(String hostId, int open, Instant now) {
        ReportHours.Hours hours = ReportHours.hoursOf(now.minus(TIER_PERIOD), now);
        long gmv = reports.hours(ReportHours.party(true, hostId), hours).values().stream()
                .mapToLong(hour -> hour.count(ReportHours.PAID_FEN) - hour.count(ReportHours.REFUNDED_FEN)).sum();
        SampleRecord record = records.of(List.of(hostId)).getOrDefault(hostId, SampleRecord.NONE);
        return settings.quota().standing(Math.max(0, gmv), record, open);
    }

    private View brandStep(Caller caller, String requestId, UnaryOperator<SampleRequest> change) {
        caller.requireRole(Role.BRAND, Role.OPERATOR);
        SampleRequest request = find(requestId);
        caller.requireParty(request.brandId(), "sample request", requestId);
        return view(caller, step(request, change), Optional.empty());
    }

    /** Applies a step and writes it over the version it read, reading again if the request moved meanwhile. */
    private SampleRequest step(SampleRequest read, UnaryOperator<SampleRequest> change) {
        SampleRequest current = read;
        for (int attempt = 0; attempt < STEP_ATTEMPTS; attempt++) {
            SampleRequest next = change.apply(current);
            if (samples.step(current, next, reapplyAfter(next))) {
                return next;
            }
            current = find(read.requestId());
        }
        throw new ConflictException("CONCURRENT_EDIT", "the request kept changing; try again", null);
    }

    /** When the host may ask for the product again once {@code request} closed: a rejection waits REAPPLY_DAYS. */
    Instant reapplyAfter(SampleRequest request) {
        return request.status() == SampleStatus.REJECTED ? request.decidedAt().orElseThrow().plus(settings.reapply())
                : request.requestedAt();
    }

    private SampleRequest find(String requestId) {
        return samples.find(requestId).orElseThrow(() -> NotFoundException.of("sample request", requestId));
    }

    private static void requireReader(Caller caller, SampleRequest request) {
        caller.requireRole(Role.HOST, Role.BRAND, Role.OPERATOR);
        caller.requireParty(caller.is(Role.BRAND) ? request.brandId() : request.hostId(), "sample request",
                request.requestId());
    }

    private static View view(Caller caller, SampleRequest request, Optional<SampleRecord> hostRecord) {
        boolean shipper = caller.is(Role.BRAND) && caller.party().equals(request.brandId());
        return new View(request, request.addressFor(shipper), hostRecord);
    }
}
