package com.alliance.functions;

import com.alliance.auth.Caller;
import com.alliance.auth.Role;
import com.alliance.brands.Brand;
import com.alliance.brands.BrandRegistration;
import com.alliance.brands.BrandRepository;
import com.alliance.brands.BrandService;
import com.alliance.catalog.CatalogService;
import com.alliance.catalog.CatalogSettings;
import com.alliance.catalog.CommissionUpdate;
import com.alliance.catalog.Product;
import com.alliance.catalog.ProductListing;
import com.alliance.catalog.ProductRepository;
import com.alliance.catalog.ProductSales;
import com.alliance.catalog.RateChange;
import com.alliance.catalog.RateSchedule;
import com.alliance.functions.api.ApiFunction;
import com.alliance.functions.api.ApiRequest;
import com.alliance.functions.api.ApiResponse;
import com.alliance.functions.api.Paging;
import com.alliance.functions.api.Primer;
import com.alliance.jbp.JbpAgreement;
import com.alliance.jbp.JbpRepository;
import com.alliance.jbp.JbpService;
import com.alliance.json.Json;
import com.alliance.orders.CountersRepository;
import com.alliance.risk.TrustComponent;
import com.alliance.risk.TrustReport;
import com.alliance.risk.TrustScore;
import com.alliance.risk.TrustSettings;
import com.alliance.persistence.Page;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.alliance.json.Fields;
import com.alliance.payouts.PayoutAccountService;
import java.time.Instant;

/** Brands and their catalog: register brands, list products, change commission, read products. */
public class CatalogFunction extends ApiFunction {

    static final int DEFAULT_PAGE = 20;
    static final int MAX_PAGE = 100;

    private final BrandService brands;
    private final CatalogService catalog;
    private final java.time.Clock clock;
    private final JbpService jbp;
    private final PayoutAccountService payoutAccounts;

    /** Lambda's entry: clients from the environment, once per container. */
    public CatalogFunction() {
        this(Clients.fromEnvironment());
    }

    public CatalogFunction(Clients clients) {
        BrandRepository brandRepository = new BrandRepository(clients.dynamoDb());
        CountersRepository counters = new CountersRepository(clients.dynamoDb());
        this.brands = new BrandService(brandRepository, counters, new TrustScore(TrustSettings.fromEnvironment()),
                clients.clock());
        this.catalog = new CatalogService(brandRepository, new ProductRepository(clients.dynamoDb()), counters,
                Wiring.hostReferences(clients), CatalogSettings.fromEnvironment(), clients.clock());
        this.clock = clients.clock();
        this.jbp = Wiring.jbp(clients);
        this.payoutAccounts = Wiring.payoutAccounts(clients);
        route("POST /brands", this::registerBrand);
        route("PUT /brands/{brandId}/payout-account", this::setPayoutAccount);
        route("GET /brands/{brandId}", this::getBrand);
        route("POST /brands/{brandId}/products", this::listProduct);
        route("GET /brands/{brandId}/products", this::brandProducts);
        route("GET /products/{productId}", this::getProduct);
        route("PATCH /products/{productId}/commission", this::changeCommission);
        route("POST /brands/{brandId}/jbp", this::createJbp);
        route("GET /brands/{brandId}/jbp", this::listJbp);
        route("GET /brands/{brandId}/jbp/{jbpId}", this::jbpProgress);
    }

    @Override
    protected void prime() {
        Primer.quietly(() -> catalog.get("p_priming"));
    }

    private ApiResponse registerBrand(ApiRequest request) {
        BrandRegistration registration = BrandRegistration.fromJson(request.jsonBody());
        Brand brand = brands.register(request.caller(), registration);
        return ApiResponse.created(brandJson(brand), "/brands/" + brand.brandId());
    }

    private ApiResponse getBrand(ApiRequest request) {
        Brand brand = brands.get(request.caller(), request.path("brandId"));
        ObjectNode json = brandJson(brand);
        trustJson(json, brands.trust(request.caller(), brand.brandId()));
        payoutAccounts.of(brand.brandId()).ifPresent(account -> json.set("payoutAccount", FinanceJson.payoutAccount(account)));
        return ApiResponse.ok(json);
    }

    private ApiResponse setPayoutAccount(ApiRequest request) {
        return ApiResponse.ok(FinanceJson.payoutAccount(payoutAccounts.setForBrand(request.caller(), request.path("brandId"),
                payoutEntry(request.jsonBody()))));
    }

    /** A payout account as a payee enters it: {bankName, accountName, accountNumber}, checked on save. */
    static PayoutAccountService.Entry payoutEntry(com.fasterxml.jackson.databind.JsonNode body) {
        return new PayoutAccountService.Entry(Fields.text(body, "bankName"), Fields.text(body, "accountName"),
                Fields.text(body, "accountNumber"));
    }

    private ApiResponse listProduct(ApiRequest request) {
        ProductListing listing = ProductListing.fromJson(request.jsonBody());
        Product product = catalog.list(request.caller(), request.path("brandId"), listing);
        return ApiResponse.created(productJson(product, request.caller(), clock.instant()), "/products/" + product.productId());
    }

    private ApiResponse brandProducts(ApiRequest request) {
        String brandId = request.path("brandId");
        Page<Product> page = catalog.listOf(request.caller(), brandId, request.queryInt("limit", DEFAULT_PAGE, 1, MAX_PAGE),
                request.query("next"));
        Instant now = clock.instant();
        ObjectNode json = Json.object().put("brandId", brandId);
        ArrayNode items = json.putArray("items");
        page.items().forEach(product -> items.add(productJson(product, request.caller(), now)));
        return ApiResponse.ok(Paging.next(json, page));
    }

    private ApiResponse getProduct(ApiRequest request) {
        Product product = catalog.get(request.path("productId"));
        ProductSales sales = catalog.sales(product.productId());
        ObjectNode json = productJson(product, request.caller(), clock.instant());
        json.putObject("sales").put("ordersCount", sales.ordersCount()).put("unitsSold", sales.unitsSold())
                .put("underReview", sales.underReview());
        return ApiResponse.ok(json);
    }

    private ApiResponse changeCommission(ApiRequest request) {
        CommissionUpdate update = CommissionUpdate.fromJson(request.jsonBody());
        Product product = catalog.changeCommission(request.caller(), request.path("productId"), update);
        return ApiResponse.ok(productJson(product, request.caller(), clock.instant()));
    }

    private ApiResponse createJbp(ApiRequest request) {
        String brandId = request.path("brandId");
        JbpAgreement agreement = JbpAgreement.fromJson(brandId, request.jsonBody());
        jbp.create(request.caller(), brandId, agreement);
        return ApiResponse.created(JbpJson.agreement(agreement, "OPEN"), "/brands/" + brandId + "/jbp/" + agreement.jbpId());
    }

    private ApiResponse listJbp(ApiRequest request) {
        String brandId = request.path("brandId");
        Page<JbpRepository.StoredAgreement> page = jbp.list(request.caller(), brandId,
                request.queryInt("limit", DEFAULT_PAGE, 1, MAX_PAGE), request.query("next"));
        ObjectNode json = Json.object().put("brandId", brandId);
        ArrayNode items = json.putArray("items");
        page.items().forEach(stored -> {
            ObjectNode agreement = JbpJson.agreement(stored.agreement(), stored.status());
            stored.rebateFen().ifPresent(fen -> agreement.put("rebatePostedFen", fen));
            items.add(agreement);
        });
        return ApiResponse.ok(Paging.next(json, page));
    }

    private ApiResponse jbpProgress(ApiRequest request) {
        JbpService.Progress progress = jbp.progress(request.caller(), request.path("brandId"), request.path("jbpId"));
        ObjectNode json = JbpJson.agreement(progress.agreement().agreement(), progress.agreement().status());
        progress.agreement().rebateFen().ifPresent(fen -> json.put("rebatePostedFen", fen));
        json.set("legs", JbpJson.legs(progress.legs()));
        return ApiResponse.ok(json);
    }

    /**
     * A trust report into {@code json}: {@code trust} computed now from the record, {@code trustComponents}
     * (name, value, weight, detail), the {@code serviceRecord} counts, and {@code trustInMatching}.
     */
    static void trustJson(ObjectNode json, TrustReport report) {
        json.put("trust", report.current().trust().value());
        ArrayNode components = json.putArray("trustComponents");
        for (TrustComponent component : report.current().components()) {
            components.addObject().put("name", component.name()).put("value", component.value())
                    .put("weight", component.weight()).put("detail", component.detail());
        }
        ObjectNode record = json.putObject("serviceRecord");
        report.record().forEach(record::put);
        json.put("trustInMatching", report.inMatching().value());
    }

    static ObjectNode brandJson(Brand brand) {
        ObjectNode json = Json.object();
        json.put("brandId", brand.brandId());
        json.put("name", brand.name());
        json.put("creditCode", brand.creditCode().value());
        json.put("verified", true);
        json.put("registeredAt", brand.registeredAt().toString());
        return json;
    }

    /**
     * A product as {@code caller} may see it: its brand and operators see every targeted rate;
     * a host sees the open rate and its own targeted rate; anyone else the open rate only.
     */
    static ObjectNode productJson(Product product, Caller caller, Instant now) {
        var listing = product.listing();
        boolean owner = caller.is(Role.OPERATOR) || caller.is(Role.FINANCE) || caller.party().equals(product.brandId());
        ObjectNode json = Json.object();
        json.put("productId", product.productId());
        json.put("brandId", product.brandId());
        json.put("sku", listing.sku());
        json.put("title", listing.title());
        json.put("category", listing.category().name());
        json.put("priceFen", listing.priceFen());
        json.put("stock", listing.stock());
        json.put("shipWithinHours", listing.shipWithinHours());
        json.put("exclusive", listing.exclusive());
        json.put("status", product.status().name());
        ObjectNode certificates = json.putObject("certificates");
        listing.certificates().numbers().forEach((kind, number) -> certificates.put(kind.name(), number));
        json.put("listedAt", product.listedAt().toString());

        RateSchedule rates = product.rates();
        ObjectNode schedule = json.putObject("rateSchedule");
        schedule.put("openRateBps", rates.openRate(now));
        ArrayNode targeted = schedule.putArray("targeted");
        rates.targetedAt(now).stream().filter(t -> owner || t.hostId().equals(caller.party())).forEach(t -> {
            ObjectNode entry = targeted.addObject();
            entry.put("hostId", t.hostId());
            entry.put("rateBps", t.rateBps());
        });
        if (caller.is(Role.HOST)) {
            schedule.put("yourRateBps", rates.rateFor(caller.party(), now));
        }
        // whether hosts may apply to join (docs/samples.md): the plan's members stay the brand's to see
        schedule.put("targetedPlan", !rates.targetedHosts().isEmpty());
        ArrayNode upcoming = schedule.putArray("upcoming");
        for (RateChange change : rates.upcoming(now)) {
            if (owner || change.hostId().map(caller.party()::equals).orElse(true)) {
                ObjectNode entry = upcoming.addObject();
                change.hostId().ifPresentOrElse(h -> entry.put("hostId", h), () -> entry.put("scope", "OPEN"));
                entry.put("rateBps", change.rateBps());
                entry.put("effectiveFrom", change.effectiveFrom().toString());
                entry.put("announcedAt", change.announcedAt().toString());
            }
        }
        return json;
    }
}
