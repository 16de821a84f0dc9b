package com.alliance.orders;

import com.alliance.catalog.Category;
import com.alliance.catalog.Product;
import com.alliance.catalog.ProductRepository;
import com.alliance.money.Bps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Resolves the terms of a payment as they stood when it was paid: the leg from the selling host's
 * kind, the host's rate from the product's rate schedule at the payment's occurredAt (a targeted
 * rate beats the open rate), the activity lead if any, the platform's fee rates, and the product's
 * shipping promise ({@code shipWithinHours}), fixed for the order from then on.
 */
public final class CommissionTermsResolver {

    /**
     * How long a product or host read answers for the payments made before it (see {@link ReadAfterCache}):
     * a copy read after a payment already holds every change made before it, whatever its age, so this only
     * bounds how long a container keeps a copy at all.
     */
    public static final Duration READ_REUSE = Duration.ofSeconds(60);

    private final ReadAfterCache<Product> products;
    private final ReadAfterCache<String> hostKinds;
    private final LedgerSettings settings;

    public CommissionTermsResolver(ProductRepository products, HostDirectory hosts, LedgerSettings settings) {
        this(products, hosts, settings, Clock.systemUTC());
    }

    public CommissionTermsResolver(ProductRepository products, HostDirectory hosts, LedgerSettings settings, Clock clock) {
        this.products = new ReadAfterCache<>(productId -> products.find(productId), clock, READ_REUSE);
        this.hostKinds = new ReadAfterCache<>(hosts::kindOf, clock, READ_REUSE);
        this.settings = settings;
    }

    /** The terms of a payment and the category of the product paid for, which picks the after-sale window. */
    public record Resolved(CommissionTerms terms, Category category) {
    }

    /** @throws InvalidEventException when the product or host does not exist: the event can never apply */
    public CommissionTerms resolve(OrderPaid paid) throws InvalidEventException {
        return resolvePayment(paid).terms();
    }

    /** @throws InvalidEventException when the product or host does not exist: the event can never apply */
    public Resolved resolvePayment(OrderPaid paid) throws InvalidEventException {
        Product product = products.get(paid.productId(), paid.occurredAt())
                .orElseThrow(() -> new InvalidEventException("productId", "no product " + paid.productId()));
        String kind = hostKinds.get(paid.hostId(), paid.occurredAt())
                .orElseThrow(() -> new InvalidEventException("hostId", "no host " + paid.hostId()));
        Leg leg = Leg.forHostKind(kind);
        // a producer's clock may run behind ours: a payment stamped before the listing earns the listed rate
        Instant paidAt = paid.occurredAt().isBefore(product.listedAt()) ? product.listedAt() : paid.occurredAt();
        Bps hostRate = leg == Leg.SELF_BROADCAST ? settings.selfBroadcastRate()
                : Bps.of(product.rates().rateFor(paid.hostId(), paidAt));
        CommissionTerms terms = new CommissionTerms(leg, product.brandId(), hostRate, settings.serviceFeeRate(),
                java.util.Optional.empty(), Bps.ZERO, settings.salesFeeRate(), product.listing().shipWithinHours(),
                java.util.Optional.of(basisOf(leg, product, paid.hostId(), paidAt)));
        return new Resolved(paid.activityLeadId().map(lead -> terms.withLead(lead, settings.leadRate())).orElse(terms),
                product.category());
    }

    /** Why the host earns the rate it does: its own brand's account, a rate named for it, or the open rate. */
    static RateBasis basisOf(Leg leg, Product product, String hostId, Instant paidAt) {
        if (leg == Leg.SELF_BROADCAST) {
            return RateBasis.SELF_BROADCAST;
        }
        boolean named = product.rates().targetedAt(paidAt).stream().anyMatch(t -> t.hostId().equals(hostId));
        if (!named) {
            return RateBasis.OPEN;
        }
        return product.listing().exclusive() ? RateBasis.EXCLUSIVE : RateBasis.TARGETED;
    }
}
