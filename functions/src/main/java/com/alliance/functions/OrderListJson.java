package com.alliance.functions;

import com.alliance.auth.Caller;
import com.alliance.auth.Role;
import com.alliance.functions.api.ApiRequest;
import com.alliance.functions.api.Csv;
import com.alliance.json.Json;
import com.alliance.json.Period;
import com.alliance.money.Yuan;
import com.alliance.orderlists.OrderListQuery;
import com.alliance.orderlists.OrderListService;
import com.alliance.orderlists.OrderRow;
import com.alliance.orderlists.OrderSummary;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The order lists as JSON and as CSV (RFC 4180, amounts in yuan from fen by digits, times in Beijing). */
final class OrderListJson {

    static final List<String> CSV_COLUMNS = List.of("order_id", "paid_at", "product_id", "product_title", "host_id",
            "host_name", "brand_id", "brand_name", "quantity", "paid_yuan", "refunded_yuan", "status", "shipped_at",
            "received_at", "refunded_at", "cancelled_at", "matured_at", "buyer_ref", "commission_state", "rate_bps",
            "rate_basis", "estimated_yuan", "amount_yuan", "clawed_back_yuan", "run_id", "paid_out_at", "charges_yuan",
            "lead_fee_yuan");
    private static final DateTimeFormatter BEIJING = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
            .withZone(Period.DAY_ZONE);

    private OrderListJson() {
    }

    static ObjectNode page(OrderListQuery query, OrderListService.Page page) {
        ObjectNode json = Json.object();
        json.put(query.kind() == com.alliance.orderlists.PartyKind.HOST ? "hostId" : "brandId", query.party());
        json.put("from", query.period().from().toString());
        json.put("to", query.period().to().toString());
        ArrayNode orders = json.putArray("orders");
        page.rows().forEach(row -> orders.add(row(row)));
        page.next().ifPresentOrElse(token -> json.put("next", token), () -> json.putNull("next"));
        return json;
    }

    static ObjectNode row(OrderRow row) {
        ObjectNode json = Json.object();
        json.put("orderId", row.orderId());
        json.put("paidAt", row.paidAt().toString());
        json.put("productId", row.productId());
        putOrNull(json, "productTitle", row.productTitle());
        json.put("hostId", row.hostId());
        putOrNull(json, "hostName", row.hostName());
        json.put("brandId", row.brandId());
        putOrNull(json, "brandName", row.brandName());
        json.put("quantity", row.quantity());
        json.put("paidFen", row.paidFen());
        json.put("refundedFen", row.refundedFen());
        json.put("status", row.status().name());
        ArrayNode steps = json.putArray("steps");
        for (OrderRow.Step step : row.steps()) {
            ObjectNode s = steps.addObject();
            s.put("step", step.step().name());
            s.put("at", step.at().toString());
            if (step.amountFen() != 0) {
                s.put("amountFen", step.amountFen());
            }
        }
        json.put("buyerRef", row.buyerRef());
        row.buyerId().ifPresent(id -> json.put("buyerId", id));
        OrderRow.Commission c = row.commission();
        ObjectNode commission = json.putObject("commission");
        commission.put("role", c.role().name());
        commission.put("state", c.state().name());
        commission.put("estimatedFen", c.estimatedFen());
        commission.put("amountFen", c.amountFen());
        commission.put("rateBps", c.rateBps());
        c.basis().ifPresentOrElse(b -> commission.put("rateBasis", b.name()), () -> commission.putNull("rateBasis"));
        commission.put("leg", c.leg().name());
        commission.put("clawedBackFen", c.clawedBackFen());
        putOrNull(commission, "runId", c.runId());
        c.paidOutAt().ifPresentOrElse(at -> commission.put("paidOutAt", at.toString()), () -> commission.putNull("paidOutAt"));
        if (c.role() == com.alliance.orderlists.PartyKind.BRAND) {
            commission.put("chargesFen", c.chargesFen());
            commission.put("leadFeeFen", c.leadFeeFen());
        }
        return json;
    }

    static ObjectNode summary(OrderSummary summary) {
        ObjectNode json = Json.object();
        json.put(summary.kind() == com.alliance.orderlists.PartyKind.HOST ? "hostId" : "brandId", summary.party());
        json.put("from", summary.from().toString());
        json.put("to", summary.to().toString());
        json.put("orders", summary.orders());
        json.put("gmvFen", summary.gmvFen());
        json.put("refundedFen", summary.refundedFen());
        json.put("heldOrders", summary.heldOrders());
        json.put("heldGmvFen", summary.heldGmvFen());
        json.put("underReviewOrders", summary.reviewOrders());
        ObjectNode money = json.putObject("money");
        money.put("estimatedFen", summary.pendingFen());
        money.put("heldFen", summary.heldFen());
        money.put("settleableFen", summary.settleableFen());
        money.put("totalFen", summary.moneyFen());
        return json;
    }

    /** The header row; finance and operators get the buyer's id as a last column. */
    static String csvHeader(Caller caller) {
        List<String> columns = new ArrayList<>(CSV_COLUMNS);
        if (showsBuyerId(caller)) {
            columns.add("buyer_id");
        }
        return Csv.row(columns);
    }

    static String csvRow(OrderRow row) {
        OrderRow.Commission c = row.commission();
        List<String> fields = new ArrayList<>(List.of(Csv.text(row.orderId()), beijing(row.paidAt()),
                Csv.text(row.productId()), Csv.text(row.productTitle().orElse("")), Csv.text(row.hostId()),
                Csv.text(row.hostName().orElse("")), Csv.text(row.brandId()), Csv.text(row.brandName().orElse("")),
                Integer.toString(row.quantity()), Yuan.format(row.paidFen()), Yuan.format(row.refundedFen()),
                row.status().name(), step(row, OrderRow.StepKind.SHIPPED), step(row, OrderRow.StepKind.RECEIVED),
                lastStep(row, OrderRow.StepKind.REFUNDED), step(row, OrderRow.StepKind.CANCELLED),
                step(row, OrderRow.StepKind.MATURED), row.buyerRef(), c.state().name(), Integer.toString(c.rateBps()),
                c.basis().map(Enum::name).orElse(""), Yuan.format(c.estimatedFen()), Yuan.format(c.amountFen()),
                Yuan.format(c.clawedBackFen()), c.runId().orElse(""), c.paidOutAt().map(OrderListJson::beijing).orElse(""),
                Yuan.format(c.chargesFen()), Yuan.format(c.leadFeeFen())));
        row.buyerId().ifPresent(id -> fields.add(Csv.text(id)));
        return Csv.row(fields);
    }

    /** The same request for the next part of an export: the query as asked, {@code next} replaced. */
    static String nextPart(ApiRequest request, String token) {
        Map<String, String> query = new TreeMap<>(Optional.ofNullable(request.event().getQueryStringParameters()).orElse(Map.of()));
        query.put("next", token);
        StringBuilder url = new StringBuilder(request.event().getRawPath()).append('?');
        query.forEach((name, value) -> url.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)).append('&'));
        url.setLength(url.length() - 1);
        return url.toString();
    }

    private static boolean showsBuyerId(Caller caller) {
        return caller.is(Role.OPERATOR) || caller.is(Role.FINANCE);
    }

    private static String step(OrderRow row, OrderRow.StepKind kind) {
        return row.steps().stream().filter(s -> s.step() == kind).findFirst().map(s -> beijing(s.at())).orElse("");
    }

    private static String lastStep(OrderRow row, OrderRow.StepKind kind) {
        return row.steps().stream().filter(s -> s.step() == kind).reduce((a, b) -> b).map(s -> beijing(s.at())).orElse("");
    }

    private static String beijing(Instant at) {
        return BEIJING.format(at);
    }

    private static void putOrNull(ObjectNode json, String name, Optional<String> value) {
        value.ifPresentOrElse(v -> json.put(name, v), () -> json.putNull(name));
    }
}
