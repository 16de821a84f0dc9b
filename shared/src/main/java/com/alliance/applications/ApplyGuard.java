package com.alliance.applications;

import com.alliance.errors.ConflictException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What stands between a host and a new application to a product: its last application there, and when that one
 * lets it apply again ({@code reapplyAfter}, for a rejected or expired one). One guard per host and product is what
 * keeps applications to one open at a time.
 */
public record ApplyGuard(String applicationId, ApplicationStatus status, Optional<Instant> reapplyAfter) {

    public ApplyGuard {
        Objects.requireNonNull(applicationId);
        Objects.requireNonNull(status);
        Objects.requireNonNull(reapplyAfter);
    }

    /** Whether a new application may replace this one at {@code now}: the last was rejected or expired, and its wait is over. */
    public boolean reopensBy(Instant now) {
        return (status == ApplicationStatus.REJECTED || status == ApplicationStatus.EXPIRED)
                && reapplyAfter.filter(at -> !at.isAfter(now)).isPresent();
    }

    /** The 409 a new application gets at {@code now}; empty when the guard would let it through. */
    public Optional<ConflictException> refusalAt(Instant now) {
        return switch (status) {
            case PENDING -> Optional.of(new ConflictException("APPLICATION_OPEN",
                    "the host's application " + applicationId + " to this product is still open", null));
            case APPROVED -> Optional.of(new ConflictException("ALREADY_TARGETED",
                    "the product's targeted plan already names the host", null));
            case REJECTED, EXPIRED -> reopensBy(now) ? Optional.empty()
                    : Optional.of(new ConflictException("REAPPLY_TOO_SOON", "the host may apply to this product again from "
                    + reapplyAfter.map(Instant::toString).orElse("(unknown)"), null));
        };
    }
}
