package com.alliance.samples;

import com.alliance.errors.ConflictException;
import com.alliance.errors.InvalidInputException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * A host's request for a sample of a product, and every step of it: the brand approves or rejects it, ships it, the
 * host confirms receipt (or it counts as received), and the host sells the product in a session by its promise
 * deadline ({@link #fulfil}) or does not ({@link #lapse}). Each step answers a new request one version on; a step
 * that does not fit the state is refused with a 409 that says why. Pure: the repository writes the result
 * conditionally on {@link #version}, so of two steps taken at once one wins and the other is refused or retried.
 *
 * @param deadline what the request waits for while it is open ({@link SampleStatus#isOpen}); empty once closed
 * @param slot     the host's open-request slot it holds while open ({@link SampleQuota})
 */
public record SampleRequest(String requestId, String productId, String brandId, String hostId, SampleAddress address,
                            SampleStatus status, Instant requestedAt, Optional<SampleDeadline> deadline,
                            Optional<Instant> decidedAt, Optional<String> reason, Optional<Shipment> shipment,
                            Optional<Instant> receivedAt, Optional<Receipt> receivedBy, Optional<Instant> promiseDeadline,
                            Optional<Instant> fulfilledAt, Optional<String> orderId, int slot, long version) {

    static final int MAX_REASON = 300;
    static final int MAX_CARRIER = 50;
    static final int MAX_TRACKING = 50;

    /** Who confirmed the receipt: the host, or the auto-receive deadline. */
    public enum Receipt { HOST, AUTO }

    /** A shipment: the carrier, its tracking number and when the brand recorded it. */
    public record Shipment(String carrier, String trackingNumber, Instant shippedAt) {

        public Shipment {
            Objects.requireNonNull(shippedAt);
            carrier = text(carrier, MAX_CARRIER, "carrier");
            trackingNumber = text(trackingNumber, MAX_TRACKING, "trackingNumber");
            if (!trackingNumber.matches("[A-Za-z0-9-]+")) {
                throw InvalidInputException.field("trackingNumber", "a tracking number is letters, digits and dashes");
            }
        }
    }

    public SampleRequest {
        Objects.requireNonNull(requestId);
        Objects.requireNonNull(productId);
        Objects.requireNonNull(brandId);
        Objects.requireNonNull(hostId);
        Objects.requireNonNull(address);
        Objects.requireNonNull(status);
        Objects.requireNonNull(requestedAt);
        if (status.isOpen() != deadline.isPresent()) {
            throw new IllegalArgumentException("an open request has a deadline, a closed one none: " + status);
        }
    }

    /** A new request, waiting for the brand's review. */
    public static SampleRequest requested(String requestId, String productId, String brandId, String hostId,
                                          SampleAddress address, int slot, Instant now, SampleSettings settings) {
        return new SampleRequest(requestId, productId, brandId, hostId, address, SampleStatus.REQUESTED, now,
                Optional.of(new SampleDeadline(SampleDeadline.Kind.REVIEW, now.plus(settings.review()))),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), slot, 1);
    }

    public SampleRequest approve(Instant now, SampleSettings settings) {
        requireUndecided();
        return next(SampleStatus.APPROVED, deadline(SampleDeadline.Kind.SHIP, now.plus(settings.ship())))
                .decided(now, Optional.empty()).build();
    }

    public SampleRequest reject(Instant now, String why) {
        requireUndecided();
        return next(SampleStatus.REJECTED, Optional.empty()).decided(now, Optional.of(text(why, MAX_REASON, "reason"))).build();
    }

    /** Records the shipment; its promise deadline is set as if it were received automatically, until it is. */
    public SampleRequest ship(Shipment shipped, SampleSettings settings) {
        if (status != SampleStatus.APPROVED) {
            throw new ConflictException("NOT_APPROVED", "only an approved request can be shipped; this one is "
                    + status, null);
        }
        Instant autoReceive = shipped.shippedAt().plus(settings.autoReceive());
        Change change = next(SampleStatus.SHIPPED, deadline(SampleDeadline.Kind.AUTO_RECEIVE, autoReceive));
        change.shipment = Optional.of(shipped);
        change.promiseDeadline = Optional.of(autoReceive.plus(settings.promise()));
        return change.build();
    }

    /** The host confirms receipt ({@link Receipt#HOST} at {@code at}), or the auto-receive deadline does. */
    public SampleRequest receive(Instant at, Receipt by, SampleSettings settings) {
        if (status == SampleStatus.RECEIVED || (status.isOpen() == false && receivedAt.isPresent())) {
            throw new ConflictException("ALREADY_RECEIVED", "the sample was received on " + receivedAt.orElseThrow(), null);
        }
        if (status != SampleStatus.SHIPPED) {
            throw new ConflictException("NOT_SHIPPED", "a sample can be received once it is shipped; this request is "
                    + status, null);
        }
        Instant promise = at.plus(settings.promise());
        Change change = next(SampleStatus.RECEIVED, deadline(SampleDeadline.Kind.PROMISE, promise));
        change.receivedAt = Optional.of(at);
        change.receivedBy = Optional.of(by);
        change.promiseDeadline = Optional.of(promise);
        return change.build();
    }

    /**
     * What the passing of its deadline does, once it has passed at {@code now}: a review or shipment not made expires
     * the request, a receipt not confirmed counts as made at the deadline, a promise not kept leaves it
     * {@link SampleStatus#UNFULFILLED} (only {@link SampleSettings#PROMISE_SETTLE} past it). Empty when nothing is due.
     */
    public Optional<SampleRequest> lapse(Instant now, SampleSettings settings) {
        if (deadline.isEmpty() || now.isBefore(dueAt().orElseThrow())) {
            return Optional.empty();
        }
        SampleDeadline due = deadline.get();
        return Optional.of(switch (due.kind()) {
            case REVIEW -> next(SampleStatus.EXPIRED, Optional.empty()).decided(due.at(), Optional.of("not reviewed in time"))
                    .build();
            case SHIP -> next(SampleStatus.EXPIRED, Optional.empty()).closedReason("not shipped in time").build();
            case AUTO_RECEIVE -> receive(due.at(), Receipt.AUTO, settings);
            case PROMISE -> next(SampleStatus.UNFULFILLED, Optional.empty()).build();
        });
    }

    /** When the deadline's job acts on it: at the deadline, or {@link SampleSettings#PROMISE_SETTLE} past a promise. */
    public Optional<Instant> dueAt() {
        return deadline.map(d -> d.kind() == SampleDeadline.Kind.PROMISE ? d.at().plus(SampleSettings.PROMISE_SETTLE) : d.at());
    }

    /**
     * Whether an order of the product by the host, paid at {@code paidAt}, fulfils the request: it is shipped, the
     * order was paid in the second of the shipment or after it (order events carry whole seconds) and by the promise
     * deadline, and no order fulfilled it yet.
     */
    public boolean fulfilledBy(Instant paidAt) {
        return status.mayBeFulfilled() && shipment.isPresent()
                && !paidAt.isBefore(shipment.get().shippedAt().truncatedTo(ChronoUnit.SECONDS))
                && promiseDeadline.isPresent() && !paidAt.isAfter(promiseDeadline.get());
    }

    /** The request fulfilled by order {@code orderId} paid at {@code paidAt}; see {@link #fulfilledBy}. */
    public SampleRequest fulfil(String orderId, Instant paidAt) {
        if (!fulfilledBy(paidAt)) {
            throw new IllegalStateException("order " + orderId + " paid at " + paidAt + " does not fulfil " + requestId);
        }
        Change change = next(SampleStatus.FULFILLED, Optional.empty());
        change.fulfilledAt = Optional.of(paidAt);
        change.orderId = Optional.of(orderId);
        return change.build();
    }

    /** The address as {@code readsWhole} decides: whole for the brand that ships it, masked for everyone else. */
    public SampleAddress addressFor(boolean readsWhole) {
        return readsWhole ? address : address.masked();
    }

    private void requireUndecided() {
        if (status != SampleStatus.REQUESTED) {
            throw new ConflictException("ALREADY_DECIDED", "the request was already decided: it is " + status, null);
        }
    }

    private static Optional<SampleDeadline> deadline(SampleDeadline.Kind kind, Instant at) {
        return Optional.of(new SampleDeadline(kind, at));
    }

    static String text(String value, int max, String field) {
        String stripped = value == null ? "" : value.strip();
        if (stripped.isEmpty() || stripped.codePointCount(0, stripped.length()) > max) {
            throw InvalidInputException.field(field, "give 1 to " + max + " characters");
        }
        return stripped;
    }

    private Change next(SampleStatus nextStatus, Optional<SampleDeadline> nextDeadline) {
        return new Change(this, nextStatus, nextDeadline);
    }

    /** The fields of the next version, copied from this one and changed by a step. */
    private static final class Change {
        private final SampleRequest from;
        private final SampleStatus status;
        private final Optional<SampleDeadline> deadline;
        private Optional<Instant> decidedAt;
        private Optional<String> reason;
        private Optional<Shipment> shipment;
        private Optional<Instant> receivedAt;
        private Optional<Receipt> receivedBy;
        private Optional<Instant> promiseDeadline;
        private Optional<Instant> fulfilledAt;
        private Optional<String> orderId;

        Change(SampleRequest from, SampleStatus status, Optional<SampleDeadline> deadline) {
            this.from = from;
            this.status = status;
            this.deadline = deadline;
            this.decidedAt = from.decidedAt;
            this.reason = from.reason;
            this.shipment = from.shipment;
            this.receivedAt = from.receivedAt;
            this.receivedBy = from.receivedBy;
            this.promiseDeadline = from.promiseDeadline;
            this.fulfilledAt = from.fulfilledAt;
            this.orderId = from.orderId;
        }

        Change decided(Instant at, Optional<String> why) {
            decidedAt = Optional.of(at);
            reason = why;
            return this;
        }

        Change closedReason(String why) {
            reason = Optional.of(why);
            return this;
        }

        SampleRequest build() {
            return new SampleRequest(from.requestId, from.productId, from.brandId, from.hostId, from.address, status,
                    from.requestedAt, deadline, decidedAt, reason, shipment, receivedAt, receivedBy, promiseDeadline,
                    fulfilledAt, orderId, from.slot, from.version + 1);
        }
    }
}
