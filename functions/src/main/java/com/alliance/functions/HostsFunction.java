package com.alliance.functions;

import com.alliance.brands.BrandRepository;
import com.alliance.catalog.Product;
import com.alliance.catalog.ProductRepository;
import com.alliance.errors.InvalidInputException;
import com.alliance.functions.api.ApiFunction;
import com.alliance.functions.api.ApiRequest;
import com.alliance.functions.api.ApiResponse;
import com.alliance.functions.api.Paging;
import com.alliance.hosts.Carrier;
import com.alliance.hosts.EarnedRate;
import com.alliance.hosts.Host;
import com.alliance.hosts.HostRegistration;
import com.alliance.hosts.HostRepository;
import com.alliance.hosts.HostService;
import com.alliance.hosts.PickResult;
import com.alliance.hosts.ShowcaseItem;
import com.alliance.hosts.ShowcaseRepository;
import com.alliance.hosts.ShowcaseService;
import com.alliance.ids.Ids;
import com.alliance.json.Fields;
import com.alliance.json.Json;
import com.alliance.orders.CountersRepository;
import com.alliance.risk.TrustScore;
import com.alliance.risk.TrustSettings;
import com.alliance.persistence.Page;
import com.alliance.matching.MatchScoring;
import com.alliance.matching.MatchingSettings;
import com.alliance.parties.PartyNames;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.alliance.payouts.PayoutAccountService;
import java.util.Arrays;
import java.util.List;

/** Hosts and their showcases: register a host, read it, pick, drop and list showcase products. */
public class HostsFunction extends ApiFunction {

    static final int DEFAULT_PAGE = 20;
    static final int MAX_PAGE = 100;

    private final HostService hosts;
    private final ShowcaseService showcases;
    private final PayoutAccountService payoutAccounts;
    private final PartyNames names;

    /** Lambda's entry: clients from the environment, once per container. */
    public HostsFunction() {
        this(Clients.fromEnvironment());
    }

    public HostsFunction(Clients clients) {
        MatchScoring scoring = new MatchScoring(MatchingSettings.fromEnvironment());
        HostRepository hostRepository = new HostRepository(clients.dynamoDb(), scoring::hostStrength);
        BrandRepository brandRepository = new BrandRepository(clients.dynamoDb());
        this.names = new PartyNames(hostRepository, brandRepository);
        this.hosts = new HostService(hostRepository, brandRepository,
                new CountersRepository(clients.dynamoDb()), new TrustScore(TrustSettings.fromEnvironment()), clients.clock());
        this.showcases = new ShowcaseService(hostRepository, new ProductRepository(clients.dynamoDb()),
                new ShowcaseRepository(clients.dynamoDb()), clients.clock());
        this.payoutAccounts = Wiring.payoutAccounts(clients);
        route("POST /hosts", this::register);
        route("PUT /hosts/{hostId}/payout-account", this::setPayoutAccount);
        route("GET /hosts/{hostId}", this::get);
        route("POST /hosts/{hostId}/showcase", this::pick);
        route("DELETE /hosts/{hostId}/showcase/{productId}", this::drop);
        route("GET /hosts/{hostId}/showcase", this::showcase);
        route("GET /products/{productId}/hosts", this::carriers);
        route("GET /names", this::names);
    }

    /** GET /names?ids=h_1,b_2: the names a screen shows in place of ids, in one request. */
    private ApiResponse names(ApiRequest request) {
        List<String> ids = Arrays.asList(request.query("ids").orElse("").split(","));
        ObjectNode json = Json.object();
        ObjectNode found = json.putObject("names");
        names.names(request.caller(), ids).forEach(found::put);
        return ApiResponse.ok(json);
    }

    private ApiResponse register(ApiRequest request) {
        HostRegistration registration = HostRegistration.fromJson(request.jsonBody());
        Host host = hosts.register(request.caller(), registration);
        return ApiResponse.created(hostJson(host), "/hosts/" + host.hostId());
    }

    private ApiResponse get(ApiRequest request) {
        Host host = hosts.get(request.caller(), request.path("hostId"));
        ObjectNode json = hostJson(host);
        CatalogFunction.trustJson(json, hosts.trust(request.caller(), host));
        payoutAccounts.of(host.hostId()).ifPresent(account -> json.set("payoutAccount", FinanceJson.payoutAccount(account)));
        return ApiResponse.ok(json);
    }

    private ApiResponse setPayoutAccount(ApiRequest request) {
        return ApiResponse.ok(FinanceJson.payoutAccount(payoutAccounts.setForHost(request.caller(), request.path("hostId"),
                CatalogFunction.payoutEntry(request.jsonBody()))));
    }

    private ApiResponse pick(ApiRequest request) {
        String productId = Fields.text(request.jsonBody(), "productId");
        if (!Ids.isKind(productId, Ids.PRODUCT)) {
            throw InvalidInputException.field("productId", "productId must be a product id (p_...)");
        }
        PickResult picked = showcases.pick(request.caller(), request.path("hostId"), productId);
        // the pick is addressed as DELETE /hosts/{hostId}/showcase/{productId} drops it
        return ApiResponse.created(pickJson(picked), "/hosts/" + request.path("hostId") + "/showcase/" + productId);
    }

    private ApiResponse drop(ApiRequest request) {
        showcases.drop(request.caller(), request.path("hostId"), request.path("productId"));
        return ApiResponse.noContent();
    }

    private ApiResponse showcase(ApiRequest request) {
        String hostId = request.path("hostId");
        List<ShowcaseItem> items = showcases.list(request.caller(), hostId);
        ObjectNode json = Json.object();
        json.put("hostId", hostId);
        ArrayNode array = json.putArray("items");
        for (ShowcaseItem item : items) {
            ObjectNode entry = array.addObject();
            entry.put("productId", item.entry().productId());
            entry.put("brandId", item.entry().brandId());
            entry.put("category", item.entry().category().name());
            entry.put("pickedAt", item.entry().pickedAt().toString());
            item.product().ifPresent(product -> productSummary(entry, product));
            item.rateBps().ifPresent(rate -> entry.put("rateBps", rate));
        }
        return ApiResponse.ok(json);
    }

    private ApiResponse carriers(ApiRequest request) {
        String productId = request.path("productId");
        Page<Carrier> page = showcases.carriers(request.caller(), productId,
                request.queryInt("limit", DEFAULT_PAGE, 1, MAX_PAGE), request.query("next"));
        ObjectNode json = Json.object().put("productId", productId);
        ArrayNode items = json.putArray("items");
        for (Carrier carrier : page.items()) {
            ObjectNode entry = items.addObject();
            entry.put("hostId", carrier.host().hostId());
            entry.put("personaName", carrier.host().personaName());
            entry.put("kind", carrier.host().kind().name());
            entry.put("privateFans", carrier.host().privateFans());
            entry.put("publicFans", carrier.host().publicFans());
            entry.put("trust", carrier.host().trust().value());
            entry.put("pickedAt", carrier.entry().pickedAt().toString());
            entry.put("rateBps", carrier.rateBps());
        }
        return ApiResponse.ok(Paging.next(json, page));
    }

    static ObjectNode hostJson(Host host) {
        ObjectNode json = Json.object();
        json.put("hostId", host.hostId());
        json.put("personaName", host.personaName());
        ArrayNode categories = json.putArray("categories");
        host.categories().forEach(c -> categories.add(c.name()));
        json.put("privateFans", host.privateFans());
        json.put("publicFans", host.publicFans());
        json.put("kind", host.kind().name());
        host.brandId().ifPresent(brand -> json.put("brandId", brand));
        json.put("trust", host.trust().value());
        json.put("registeredAt", host.registeredAt().toString());
        return json;
    }

    static void productSummary(ObjectNode json, Product product) {
        json.put("title", product.listing().title());
        json.put("priceFen", product.listing().priceFen());
        json.put("stock", product.listing().stock());
        json.put("status", product.status().name());
    }

    private static ObjectNode pickJson(PickResult picked) {
        ObjectNode json = Json.object();
        json.put("hostId", picked.entry().hostId());
        json.put("productId", picked.entry().productId());
        json.put("brandId", picked.entry().brandId());
        json.put("category", picked.entry().category().name());
        json.put("pickedAt", picked.entry().pickedAt().toString());
        json.put("rateBps", picked.rateBps());
        ArrayNode upcoming = json.putArray("upcoming");
        for (EarnedRate.RateStep step : picked.upcoming()) {
            upcoming.addObject().put("effectiveFrom", step.effectiveFrom().toString()).put("rateBps", step.rateBps());
        }
        return json;
    }
}
