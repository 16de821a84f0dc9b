package com.alliance.applications;

import com.alliance.catalog.RateChange;
import com.alliance.errors.ConflictException;
import com.alliance.errors.InvalidInputException;
import com.alliance.ids.Ids;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A host's request to join a product's targeted plan, with a message for the brand. It stays {@code PENDING} until
 * the brand approves it (with the rate the host then earns), rejects it (with a reason the host reads), or its
 * {@code reviewDeadline} passes and it expires. A rejected host may apply to the product again from
 * {@code reapplyAfter}, the wait after the rejection; an expired one at once.
 */
public record Application(String applicationId, String productId, String brandId, String hostId, String message,
                          ApplicationStatus status, Instant createdAt, Instant reviewDeadline,
                          Optional<Instant> decidedAt, Optional<String> reason, Optional<Integer> rateBps,
                          Optional<Instant> reapplyAfter) {

    public static final int MAX_MESSAGE = 500;
    public static final int MAX_REASON = 300;

    public Application {
        Objects.requireNonNull(applicationId);
        Objects.requireNonNull(productId);
        Objects.requireNonNull(brandId);
        Objects.requireNonNull(hostId);
        Objects.requireNonNull(status);
        Objects.requireNonNull(createdAt);
        Objects.requireNonNull(reviewDeadline);
        Objects.requireNonNull(decidedAt);
        Objects.requireNonNull(reason);
        Objects.requireNonNull(rateBps);
        Objects.requireNonNull(reapplyAfter);
        message = checkMessage(message);
        reason = reason.map(Application::checkReason);
        if (reviewDeadline.isBefore(createdAt)) {
            throw new IllegalArgumentException("an application is due for review after it is made");
        }
        if (status.isDecided() != decidedAt.isPresent()) {
            throw new IllegalArgumentException("a decided application, and only one, has decidedAt: " + status);
        }
        if ((status == ApplicationStatus.APPROVED) != rateBps.isPresent()) {
            throw new IllegalArgumentException("an approved application, and only one, has rateBps: " + status);
        }
        if ((status == ApplicationStatus.REJECTED) != reason.isPresent()) {
            throw new IllegalArgumentException("a rejected application, and only one, has a reason: " + status);
        }
        boolean reopens = status == ApplicationStatus.REJECTED || status == ApplicationStatus.EXPIRED;
        if (reopens != reapplyAfter.isPresent()) {
            throw new IllegalArgumentException("a rejected or expired application, and only one, has reapplyAfter: " + status);
        }
        rateBps.ifPresent(rate -> RateChange.checkRate(rate, "rateBps"));
    }

    /** A new application, pending until {@code reviewPeriod} after {@code now}. */
    public static Application opened(String productId, String brandId, String hostId, String message, Instant now,
                                     Duration reviewPeriod) {
        return new Application(Ids.next(Ids.APPLICATION), productId, brandId, hostId, message, ApplicationStatus.PENDING,
                now, now.plus(reviewPeriod), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The brand approves at {@code at}: the host earns {@code rateBps} on orders paid from then on. */
    public Application approved(int rateBps, Instant at) {
        requirePending();
        return decided(ApplicationStatus.APPROVED, at, Optional.empty(), Optional.of(rateBps), Optional.empty());
    }

    /** The brand refuses at {@code at}, saying why; the host may apply again {@code reapplyWait} later. */
    public Application rejected(String why, Instant at, Duration reapplyWait) {
        requirePending();
        return decided(ApplicationStatus.REJECTED, at, Optional.of(checkReason(why)), Optional.empty(),
                Optional.of(at.plus(reapplyWait)));
    }

    /** Nobody answered by the review deadline: expired at {@code at}, and the host may apply again at once. */
    public Application expired(Instant at) {
        if (!isDue(at)) {
            throw new IllegalStateException("application " + applicationId + " is not due to expire at " + at);
        }
        return decided(ApplicationStatus.EXPIRED, at, Optional.empty(), Optional.empty(), Optional.of(at));
    }

    /** Whether it is still pending and its review deadline has passed at {@code now}. */
    public boolean isDue(Instant now) {
        return status == ApplicationStatus.PENDING && !reviewDeadline.isAfter(now);
    }

    /** The message a host writes: 1 to {@value #MAX_MESSAGE} characters once trimmed. */
    public static String checkMessage(String message) {
        if (message == null || message.isBlank() || message.strip().length() > MAX_MESSAGE) {
            throw InvalidInputException.field("message", "message must be 1 to " + MAX_MESSAGE + " characters");
        }
        return message.strip();
    }

    /** The reason a brand gives for a rejection: 1 to {@value #MAX_REASON} characters once trimmed. */
    public static String checkReason(String reason) {
        if (reason == null || reason.isBlank() || reason.strip().length() > MAX_REASON) {
            throw InvalidInputException.field("reason", "reason must be 1 to " + MAX_REASON + " characters");
        }
        return reason.strip();
    }

    private void requirePending() {
        if (status.isDecided()) {
            throw alreadyDecided(applicationId, status);
        }
    }

    static ConflictException alreadyDecided(String applicationId, ApplicationStatus status) {
        return new ConflictException("ALREADY_DECIDED",
                "application " + applicationId + " is already " + status.name().toLowerCase(), null);
    }

    private Application decided(ApplicationStatus to, Instant at, Optional<String> why, Optional<Integer> rate,
                                Optional<Instant> reopensAt) {
        return new Application(applicationId, productId, brandId, hostId, message, to, createdAt, reviewDeadline,
                Optional.of(at), why, rate, reopensAt);
    }
}
