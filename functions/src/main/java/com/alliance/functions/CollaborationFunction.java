package com.alliance.functions;

import com.alliance.functions.api.ApiFunction;
import com.alliance.functions.api.ApiRequest;
import com.alliance.functions.api.ApiResponse;
import com.alliance.functions.api.Paging;
import com.alliance.functions.api.Primer;
import com.alliance.json.Fields;
import com.alliance.json.Json;
import com.alliance.persistence.Page;
import com.alliance.samples.SampleAddress;
import com.alliance.samples.SampleService;
import com.alliance.samples.SampleStatus;
import com.alliance.errors.InvalidInputException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Locale;

/**
 * The two-way side of choosing goods: hosts apply to brands' targeted plans and ask for samples; brands answer, ship
 * and see each host's record ({@link SampleService}; docs/samples.md).
 */
public class CollaborationFunction extends ApiFunction {

    static final int DEFAULT_PAGE = 20;
    static final int MAX_PAGE = 100;

    private final SampleService samples;

    /** Lambda's entry: clients from the environment, once per container. */
    public CollaborationFunction() {
        this(Clients.fromEnvironment());
    }

    public CollaborationFunction(Clients clients) {
        this.samples = Wiring.samples(clients);
        route("POST /products/{productId}/samples", this::requestSample);
        route("GET /hosts/{hostId}/samples", this::hostSamples);
        route("GET /brands/{brandId}/samples", this::brandSamples);
        route("GET /samples/{requestId}", request -> sample(samples.get(request.caller(), request.path("requestId"))));
        route("POST /samples/{requestId}/approve", request -> sample(samples.approve(request.caller(), request.path("requestId"))));
        route("POST /samples/{requestId}/reject", request -> sample(samples.reject(request.caller(),
                request.path("requestId"), Fields.text(request.jsonBody(), "reason"))));
        route("POST /samples/{requestId}/ship", request -> sample(samples.ship(request.caller(), request.path("requestId"),
                Fields.text(request.jsonBody(), "carrier"), Fields.text(request.jsonBody(), "trackingNumber"))));
        route("POST /samples/{requestId}/receive", request -> sample(samples.receive(request.caller(), request.path("requestId"))));
    }

    @Override
    protected void prime() {
        Primer.quietly(() -> samples.get(new com.alliance.auth.Caller("priming", com.alliance.auth.Role.OPERATOR, "priming"),
                "smp_priming"));
    }

    private ApiResponse requestSample(ApiRequest request) {
        var body = request.jsonBody();
        SampleService.View view = samples.request(request.caller(), request.path("productId"), Fields.text(body, "hostId"),
                SampleAddress.fromJson(body));
        return ApiResponse.created(SamplesJson.request(view))
                .withHeader("Location", "/samples/" + view.request().requestId());
    }

    private ApiResponse hostSamples(ApiRequest request) {
        String hostId = request.path("hostId");
        SampleService.HostPage page = samples.forHost(request.caller(), hostId,
                request.queryInt("limit", DEFAULT_PAGE, 1, MAX_PAGE), request.query("next"));
        ObjectNode json = Json.object().put("hostId", hostId);
        json.set("quota", SamplesJson.quota(page.quota()));
        return ApiResponse.ok(items(json, page.page()));
    }

    private ApiResponse brandSamples(ApiRequest request) {
        String brandId = request.path("brandId");
        SampleStatus status = request.query("status").map(CollaborationFunction::status).orElse(SampleStatus.REQUESTED);
        Page<SampleService.View> page = samples.forBrand(request.caller(), brandId, status,
                request.queryInt("limit", DEFAULT_PAGE, 1, MAX_PAGE), request.query("next"));
        return ApiResponse.ok(items(Json.object().put("brandId", brandId).put("status", status.name()), page));
    }

    private static ObjectNode items(ObjectNode json, Page<SampleService.View> page) {
        ArrayNode items = json.putArray("items");
        page.items().forEach(view -> items.add(SamplesJson.request(view)));
        return Paging.next(json, page);
    }

    private static SampleStatus status(String value) {
        try {
            return SampleStatus.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.field("status", "status is one of " + Arrays.toString(SampleStatus.values()));
        }
    }

    private static ApiResponse sample(SampleService.View view) {
        return ApiResponse.ok(SamplesJson.request(view));
    }
}
