package com.alliance.functions;

import com.alliance.auth.Role;
import com.alliance.functions.api.ApiFunction;
import com.alliance.functions.api.ApiRequest;
import com.alliance.functions.api.ApiResponse;
import com.alliance.json.Fields;
import com.alliance.json.Json;
import com.alliance.brands.BrandRepository;
import com.alliance.orders.OrderRepository;
import com.alliance.orders.ReportHoursRepository;
import com.alliance.orders.ShippingSla;
import com.alliance.orders.ShippingSlaService;
import com.alliance.orders.RiskDecision;
import com.alliance.persistence.CapacityMeter;
import com.alliance.risk.RiskHoldService;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Risk and service quality: operators review the orders the fake-order rules held, and release or void
 * each; brands (their own) and operators (any) read a brand's shipping service level.
 */
public class RiskFunction extends ApiFunction {

    static final int DEFAULT_HOLDS = 50;

    static final int DEFAULT_VIOLATIONS = 50;

    private final RiskHoldService holds;
    private final ShippingSlaService sla;

    /** Lambda's entry: clients from the environment, once per container. */
    public RiskFunction() {
        this(Clients.fromEnvironment());
    }

    public RiskFunction(Clients clients) {
        CapacityMeter capacity = new CapacityMeter();
        OrderRepository orders = Wiring.orders(clients, capacity);
        this.holds = new RiskHoldService(orders, Wiring.orderEvents(clients, orders), clients.clock());
        route("GET /risk/holds", this::list);
        route("POST /risk/holds/{orderId}/release", request -> decide(request, false));
        route("POST /risk/holds/{orderId}/void", request -> decide(request, true));
        this.sla = new ShippingSlaService(orders, new ReportHoursRepository(clients.dynamoDb(), capacity),
                new BrandRepository(clients.dynamoDb()), clients.clock());
        route("GET /brands/{brandId}/sla", this::sla);
    }

    private ApiResponse sla(ApiRequest request) {
        int limit = request.queryInt("limit", DEFAULT_VIOLATIONS, 1, ShippingSlaService.MAX_PAGE);
        ShippingSla report = sla.report(request.caller(), request.path("brandId"), request.query("from"),
                request.query("to"), request.query("next"), limit);
        ObjectNode json = Json.object();
        json.put("brandId", report.brandId());
        json.put("from", report.from().toString());
        json.put("to", report.to().toString());
        json.put("asOf", report.asOf().toString());
        json.put("paidOrders", report.paidOrders());
        json.put("shippedOnTime", report.shippedOnTime());
        json.put("late", report.late());
        json.put("open", report.open());
        report.onTimeRateBps().ifPresentOrElse(rate -> json.put("onTimeRateBps", rate), () -> json.putNull("onTimeRateBps"));
        json.put("violationCount", report.violationCount());
        json.put("compensationFen", report.compensationFen());
        ArrayNode items = json.putArray("violations");
        for (ShippingSla.Violation violation : report.violations()) {
            ObjectNode item = items.addObject();
            item.put("orderId", violation.orderId());
            item.put("paidAt", violation.paidAt().toString());
            item.put("paidFen", violation.paidFen());
            item.put("promise", violation.promise().toString());
            violation.shippedAt().ifPresentOrElse(at -> item.put("shippedAt", at.toString()), () -> item.putNull("shippedAt"));
            item.put("compensationFen", violation.compensationFen());
        }
        report.next().ifPresentOrElse(next -> json.put("next", next), () -> json.putNull("next"));
        return ApiResponse.ok(json);
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
            ObjectNode reasons = item.putObject("reasons");
            order.riskReasons().forEach(reasons::put);
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
