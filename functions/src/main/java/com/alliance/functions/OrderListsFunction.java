package com.alliance.functions;

import com.alliance.brands.BrandRepository;
import com.alliance.catalog.ProductRepository;
import com.alliance.functions.api.ApiFunction;
import com.alliance.functions.api.ApiRequest;
import com.alliance.functions.api.ApiResponse;
import com.alliance.hosts.HostRepository;
import com.alliance.json.Period;
import com.alliance.ledger.LedgerRepository;
import com.alliance.ledger.SettlementCursors;
import com.alliance.matching.MatchScoring;
import com.alliance.matching.MatchingSettings;
import com.alliance.orderlists.BuyerRefs;
import com.alliance.orderlists.OrderListQuery;
import com.alliance.orderlists.OrderListRepository;
import com.alliance.orderlists.OrderListService;
import com.alliance.orderlists.PartyKind;
import com.alliance.orders.ReportHoursRepository;
import com.alliance.parties.KnownParties;
import com.alliance.persistence.CapacityMeter;
import com.alliance.settlement.ClaimRangeRepository;
import com.alliance.settlement.PostingSettlements;
import com.alliance.settlement.RunLines;
import com.alliance.settlement.SettlementRepository;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Hosts' and brands' order lists with the commission of each order, their period summaries, and the CSV export
 * ({@link OrderListService}); JSON and CSV written by {@link OrderListJson}.
 */
public class OrderListsFunction extends ApiFunction {

    /** Rows one CSV answer holds at most: a longer period is exported in parts, each naming the next ({@code Link}). */
    public static final int CSV_ROWS_PER_PART = 5_000;
    /** The setting of the key that masks buyer ids ({@link BuyerRefs}); the local runtime's default is below. */
    public static final String BUYER_REF_KEY = "BUYER_REF_KEY";
    static final String LOCAL_BUYER_REF_KEY = "alliance-local-buyer-reference-key";

    private final OrderListService lists;

    /** Lambda's entry: clients from the environment, once per container. */
    public OrderListsFunction() {
        this(Clients.fromEnvironment());
    }

    public OrderListsFunction(Clients clients) {
        CapacityMeter capacity = new CapacityMeter();
        HostRepository hosts = new HostRepository(clients.dynamoDb(),
                new MatchScoring(MatchingSettings.fromEnvironment())::hostStrength);
        BrandRepository brands = new BrandRepository(clients.dynamoDb());
        LedgerRepository ledger = new LedgerRepository(clients.dynamoDb());
        SettlementRepository runs = new SettlementRepository(clients.dynamoDb(), ledger, capacity);
        this.lists = new OrderListService(new OrderListRepository(clients.dynamoDb(), capacity),
                new KnownParties(hosts, brands, clients.clock()), new ProductRepository(clients.dynamoDb()), hosts, brands,
                ledger, () -> new PostingSettlements(new SettlementCursors(clients.dynamoDb()),
                        new ClaimRangeRepository(clients.dynamoDb()), runs, new RunLines(clients.dynamoDb())),
                new ReportHoursRepository(clients.dynamoDb(), capacity),
                new BuyerRefs(Optional.ofNullable(System.getenv(BUYER_REF_KEY)).orElse(LOCAL_BUYER_REF_KEY)), clients.clock());
        route("GET /hosts/{hostId}/orders", request -> list(request, PartyKind.HOST, request.path("hostId")));
        route("GET /brands/{brandId}/orders", request -> list(request, PartyKind.BRAND, request.path("brandId")));
        route("GET /hosts/{hostId}/orders/summary", request -> summary(request, PartyKind.HOST, request.path("hostId")));
        route("GET /brands/{brandId}/orders/summary", request -> summary(request, PartyKind.BRAND, request.path("brandId")));
    }

    private ApiResponse list(ApiRequest request, PartyKind kind, String party) {
        boolean csv = request.header("Accept").map(a -> a.toLowerCase(Locale.ROOT).contains("text/csv")).orElse(false);
        int limit = request.queryInt("limit", OrderListQuery.DEFAULT_LIMIT, 1, OrderListQuery.MAX_LIMIT);
        OrderListQuery query = OrderListQuery.parse(kind, party, request.query("from"), request.query("to"),
                request.query("status"), request.query("productId"), request.query("hostId"), request.query("next"),
                csv ? OrderListQuery.MAX_LIMIT : limit, lists.now());
        if (!csv) {
            return ApiResponse.ok(OrderListJson.page(query, lists.list(request.caller(), query)));
        }
        StringBuilder body = new StringBuilder(OrderListJson.csvHeader(request.caller()));
        Optional<String> next = lists.export(request.caller(), query, CSV_ROWS_PER_PART,
                rows -> rows.forEach(row -> body.append(OrderListJson.csvRow(row))));
        ApiResponse response = ApiResponse.text("text/csv; charset=utf-8", body.toString());
        return next.map(token -> response.withHeader("Link", "<" + OrderListJson.nextPart(request, token) + ">; rel=\"next\""))
                .orElse(response);
    }

    private ApiResponse summary(ApiRequest request, PartyKind kind, String party) {
        Period period = Period.parse(request.query("from"), request.query("to"),
                end -> end.minus(Duration.ofDays(OrderListQuery.DEFAULT_DAYS)), lists.now().plusNanos(1));
        if (Duration.between(period.from(), period.to()).compareTo(Duration.ofDays(OrderListQuery.MAX_DAYS)) > 0) {
            throw com.alliance.errors.InvalidInputException.field("to", "a period may span at most "
                    + OrderListQuery.MAX_DAYS + " days; ask for a shorter one");
        }
        return ApiResponse.ok(OrderListJson.summary(lists.summary(request.caller(), kind, party, period)));
    }
}
