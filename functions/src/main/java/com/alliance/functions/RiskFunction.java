package com.alliance.functions;

import com.alliance.auth.Role;
import com.alliance.functions.api.ApiFunction;
import com.alliance.functions.api.ApiRequest;
import com.alliance.functions.api.ApiResponse;
import com.alliance.json.Fields;
import com.alliance.json.Json;
import com.alliance.orders.OrderRepository;
import com.alliance.orders.RiskDecision;
import com.alliance.persistence.CapacityMeter;
import com.alliance.risk.RiskHoldService;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Risk: operators review the orders the fake-order rules held, and release or void each. */
public class RiskFunction extends ApiFunction {

    static final int DEFAULT_HOLDS = 50;

    private final RiskHoldService holds;

    /** Lambda's entry: clients from the environment, once per container. */
    public RiskFunction() {
        this(Clients.fromEnvironment());
    }

    public RiskFunction(Clients clients) {
        OrderRepository orders = Wiring.orders(clients, new CapacityMeter());
        this.holds = new RiskHoldService(orders, Wiring.orderEvents(clients, orders), clients.clock());
        route("GET /risk/holds", this::list);
        route("POST /risk/holds/{orderId}/release", request -> decide(request, false));
        route("POST /risk/holds/{orderId}/void", request -> decide(request, true));
    }

    private ApiResponse list(ApiRequest request) {
        int limit = request.queryInt("limit", DEFAULT_HOLDS, 1, RiskHoldService.MAX_PAGE);
        OrderRepository.HoldPage page = holds.holds(request.caller(), request.query("next"), limit);
        ObjectNode json = Json.object();
        ArrayNode items = json.putArray("holds");
        for (OrderRepository.PaidOrder order : page.orders()) {
            ObjectNode item = items.addObject();
            item.put("orderId", order.orderId());
            item.put("brandId", order.brandId());
            item.put("hostId", order.hostId());
            item.put("productId", order.productId());
            item.put("buyerId", order.buyerId());
            item.put("paidAt", order.paidAt().toString());
            item.put("paidFen", order.paidFen());
            item.put("refundedFen", order.refundedFen());
            ArrayNode rules = item.putArray("rules");
            order.riskRules().forEach(rules::add);
        }
        page.next().ifPresentOrElse(next -> json.put("next", next), () -> json.putNull("next"));
        return ApiResponse.ok(json);
    }

    private ApiResponse decide(ApiRequest request, boolean voided) {
        request.caller().requireRole(Role.OPERATOR);
        String reason = Fields.text(request.jsonBody(), "reason");
        RiskDecision decision = holds.decide(request.caller(), request.path("orderId"), voided, reason);
        ObjectNode json = Json.object();
        json.put("orderId", decision.orderId());
        json.put("decision", decision.voided() ? "VOIDED" : "RELEASED");
        json.put("eventId", decision.eventId());
        json.put("by", decision.by());
        json.put("reason", decision.reason());
        json.put("decidedAt", decision.occurredAt().toString());
        return ApiResponse.ok(json);
    }
}
