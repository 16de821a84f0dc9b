package com.alliance.functions;

import com.alliance.json.Period;
import com.alliance.analytics.AudienceRepository;
import com.alliance.analytics.Fraction;
import com.alliance.analytics.GmvDecomposition;
import com.alliance.analytics.GmvReport;
import com.alliance.analytics.GmvService;
import com.alliance.analytics.LiveSessionRepository;
import com.alliance.orders.ReportHoursRepository;
import com.alliance.brands.BrandRepository;
import com.alliance.functions.api.ApiFunction;
import com.alliance.functions.api.ApiRequest;
import com.alliance.functions.api.ApiResponse;
import com.alliance.hosts.HostRepository;
import com.alliance.json.Json;
import com.alliance.matching.MatchScoring;
import com.alliance.matching.MatchingSettings;
import com.alliance.persistence.CapacityMeter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Optional;

/** GMV analytics: a host's or a brand's GMV over a period, decomposed into factors that multiply back to it. */
public class AnalyticsFunction extends ApiFunction {

    private final GmvService gmv;

    /** Lambda's entry: clients from the environment, once per container. */
    public AnalyticsFunction() {
        this(Clients.fromEnvironment());
    }

    public AnalyticsFunction(Clients clients) {
        HostRepository hosts = new HostRepository(clients.dynamoDb(),
                new MatchScoring(MatchingSettings.fromEnvironment())::hostStrength);
        BrandRepository brands = new BrandRepository(clients.dynamoDb());
        CapacityMeter capacity = new CapacityMeter();
        this.gmv = new GmvService(new ReportHoursRepository(clients.dynamoDb(), capacity),
                new LiveSessionRepository(clients.dynamoDb(), capacity), new AudienceRepository(clients.dynamoDb(), capacity),
                id -> hosts.find(id).isPresent(), id -> brands.find(id).isPresent(), clients.clock());
        route("GET /analytics/hosts/{hostId}/gmv", this::host);
        route("GET /analytics/brands/{brandId}/gmv", this::brand);
    }

    private ApiResponse host(ApiRequest request) {
        Period period = gmv.period(request.query("from"), request.query("to"));
        String hostId = request.path("hostId");
        ObjectNode json = Json.object();
        json.put("hostId", hostId);
        return ApiResponse.ok(report(json, gmv.host(request.caller(), hostId, period)));
    }

    private ApiResponse brand(ApiRequest request) {
        Period period = gmv.period(request.query("from"), request.query("to"));
        String brandId = request.path("brandId");
        ObjectNode json = Json.object();
        json.put("brandId", brandId);
        return ApiResponse.ok(report(json, gmv.brand(request.caller(), brandId, period)));
    }

    static ObjectNode report(ObjectNode json, GmvReport report) {
        GmvDecomposition d = report.decomposition();
        json.put("from", report.from().toString());
        json.put("to", report.to().toString());
        json.put("status", d.status().name());
        json.put("gmvFen", d.gmvFen());
        json.put("paidFen", report.paidFen());
        json.put("refundedFen", report.refundedFen());
        json.put("orders", d.orders());
        json.put("buyers", d.buyers());
        json.put("buyersEstimated", report.buyersEstimated());
        json.put("sessions", report.sessions());
        json.put("privateUv", d.privateUv());
        json.put("publicUv", d.publicUv());
        json.put("uv", d.uv());
        json.put("watchMinutes", d.watchMinutes());
        ArrayNode hosts = json.putArray("hosts");
        report.hosts().forEach(hosts::add);
        ObjectNode factors = json.putObject("factors");
        Map<GmvDecomposition.Factor, Fraction> defined = d.factors();
        for (GmvDecomposition.Factor factor : GmvDecomposition.Factor.values()) {
            Optional<Fraction> value = Optional.ofNullable(defined.get(factor));
            value.ifPresentOrElse(f -> fraction(factors.putObject(factor.field()), f), () -> factors.putNull(factor.field()));
        }
        Optional.ofNullable(defined.get(GmvDecomposition.Factor.AVERAGE_ORDER_VALUE_FEN)).ifPresent(aov ->
                ((ObjectNode) factors.get(GmvDecomposition.Factor.AVERAGE_ORDER_VALUE_FEN.field())).put("fen",
                        new BigDecimal(aov.numerator()).divide(new BigDecimal(aov.denominator()), 0, RoundingMode.HALF_EVEN)
                                .longValueExact()));
        d.watchMinutesPerUv().ifPresentOrElse(f -> fraction(json.putObject("watchMinutesPerUv"), f),
                () -> json.putNull("watchMinutesPerUv"));
        json.put("rounding", "each value is its exact fraction rounded HALF_EVEN to " + GmvDecomposition.PLACES
                + " decimal places; the exact fractions multiply back to gmvFen, the rounded values only nearly");
        ObjectNode check = json.putObject("check");
        check.put("formula", "uv * watchHoursPerUv * firstOrdersPerWatchHour * averageOrderValueFen * repurchaseFrequency");
        d.product().ifPresentOrElse(p -> {
            check.put("productNumerator", p.numerator());
            check.put("productDenominator", p.denominator());
        }, () -> {
            check.putNull("productNumerator");
            check.putNull("productDenominator");
        });
        check.put("equalsGmvFen", d.multipliesBack());
        ArrayNode daily = json.putArray("daily");
        report.daily().forEach(day -> daily.addObject().put("date", day.date().toString()).put("gmvFen", day.gmvFen())
                .put("orders", day.orders()));
        json.put("heldOrders", report.heldOrders());
        json.put("heldGmvFen", report.heldGmvFen());
        return json;
    }

    private static void fraction(ObjectNode node, Fraction fraction) {
        node.put("numerator", fraction.numerator());
        node.put("denominator", fraction.denominator());
        node.put("value", fraction.decimal(GmvDecomposition.PLACES));
    }
}
