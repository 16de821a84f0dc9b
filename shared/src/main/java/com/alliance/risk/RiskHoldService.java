package com.alliance.risk;

import com.alliance.auth.Caller;
import com.alliance.auth.Role;
import com.alliance.errors.ConflictException;
import com.alliance.errors.InvalidInputException;
import com.alliance.errors.NotFoundException;
import com.alliance.orders.OrderEventService;
import com.alliance.orders.OrderRepository;
import com.alliance.orders.RiskDecision;
import com.alliance.orders.StoredOrder;
import java.time.Clock;
import java.util.Optional;

/**
 * The operators' review of risk-held orders: the open holds with the rules that fired, and a release or
 * a void of one, applied as the order's one synthetic {@link RiskDecision} through the commit path.
 */
public final class RiskHoldService {

    public static final int MAX_PAGE = 200;
    static final int MAX_REASON = 500;

    private final OrderRepository orders;
    private final OrderEventService events;
    private final Clock clock;

    public RiskHoldService(OrderRepository orders, OrderEventService events, Clock clock) {
        this.orders = orders;
        this.events = events;
        this.clock = clock;
    }

    public OrderRepository.HoldPage holds(Caller caller, Optional<String> after, int limit) {
        caller.requireRole(Role.OPERATOR);
        try {
            return orders.openHolds(after, limit);
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.field("next", "next must be a token from a previous page");
        }
    }

    /** Releases or voids the hold; a retry of the same decision answers the decision already applied. */
    public RiskDecision decide(Caller caller, String orderId, boolean voided, String reason) {
        caller.requireRole(Role.OPERATOR);
        if (reason.isBlank() || reason.length() > MAX_REASON) {
            throw InvalidInputException.field("reason", "reason must be 1.." + MAX_REASON + " characters");
        }
        RiskDecision decision = voided
                ? RiskDecision.voiding(orderId, clock.instant(), caller.subject(), reason.strip())
                : RiskDecision.release(orderId, clock.instant(), caller.subject(), reason.strip());
        OrderEventService.Decision outcome = events.decide(decision);
        switch (outcome) {
            case NOT_HELD -> throw new NotFoundException("HOLD_NOT_FOUND", "order " + orderId + " has no risk hold");
            case ALREADY_DECIDED -> throw new ConflictException("HOLD_ALREADY_DECIDED",
                    "order " + orderId + " was already " + (voided ? "released" : "voided"), "orderId");
            case APPLIED -> { }
        }
        StoredOrder after = orders.load(orderId);
        return after.state().riskDecision().orElseThrow();
    }
}
