package com.alliance.functions;

import com.alliance.applications.Application;
import com.alliance.applications.ApplicationService;
import com.alliance.applications.ApplicationStatus;
import com.alliance.applications.ApplicationView;
import com.alliance.errors.InvalidInputException;
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
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The two-way side of choosing goods: hosts apply to brands' targeted plans and ask for samples; brands answer, ship
 * and see each host's record ({@link SampleService}; docs/samples.md).
 */
public class CollaborationFunction extends ApiFunction {

    static final int DEFAULT_PAGE = 20;
    static final int MAX_PAGE = 100;

    private final SampleService samples;
    private final ApplicationService applications;

    /** Lambda's entry: clients from the environment, once per container. */
    public CollaborationFunction() {
        this(Clients.fromEnvironment());
    }

    public CollaborationFunction(Clients clients) {
        this.samples = Wiring.samples(clients);
        this.applications = Wiring.applications(clients);
        route("POST /products/{productId}/applications", this::apply);
        route("GET /hosts/{hostId}/applications", this::hostApplications);
        route("GET /brands/{brandId}/applications", this::brandApplications);
        route("GET /applications/{applicationId}", request -> ApiResponse.ok(ApplicationsJson.application(
                applications.get(request.caller(), request.path("applicationId")))));
        route("POST /applications/{applicationId}/approve", request -> ApiResponse.ok(ApplicationsJson.application(
                applications.approve(request.caller(), request.path("applicationId"), optionalRate(request)))));
        route("POST /applications/{applicationId}/reject", request -> ApiResponse.ok(ApplicationsJson.application(
                applications.reject(request.caller(), request.path("applicationId"),
                        Fields.text(request.jsonBody(), "reason")))));
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

    private ApiResponse apply(ApiRequest request) {
        var body = request.jsonBody();
        Application application = applications.apply(request.caller(), request.path("productId"),
                Fields.text(body, "hostId"), Fields.text(body, "message"));
        return ApiResponse.created(ApplicationsJson.application(application), "/applications/" + application.applicationId());
    }

    private ApiResponse hostApplications(ApiRequest request) {
        String hostId = request.path("hostId");
        Page<Application> page = applications.forHost(request.caller(), hostId,
                request.queryInt("limit", DEFAULT_PAGE, 1, MAX_PAGE), request.query("next"));
        ObjectNode json = Json.object().put("hostId", hostId);
        ArrayNode items = json.putArray("items");
        page.items().forEach(application -> items.add(ApplicationsJson.application(application)));
        return ApiResponse.ok(Paging.next(json, page));
    }

    private ApiResponse brandApplications(ApiRequest request) {
        String brandId = request.path("brandId");
        Optional<ApplicationStatus> status = request.query("status").map(value -> ApplicationStatus.parse(value, "status"));
        Page<ApplicationView> page = applications.forBrand(request.caller(), brandId, status,
                request.queryInt("limit", DEFAULT_PAGE, 1, MAX_PAGE), request.query("next"));
        ObjectNode json = Json.object().put("brandId", brandId)
                .put("status", status.orElse(ApplicationStatus.PENDING).name());
        ArrayNode items = json.putArray("items");
        page.items().forEach(view -> items.add(ApplicationsJson.view(view)));
        return ApiResponse.ok(Paging.next(json, page));
    }

    /** The rate an approval gives, if the body names one (no body: the plan's rate). */
    private static Optional<Integer> optionalRate(ApiRequest request) {
        if (request.textBody() == null || request.textBody().isBlank()) {
            return Optional.empty();
        }
        return Fields.optionalInteger(request.jsonBody(), "rateBps").map(Math::toIntExact);
    }

    private ApiResponse requestSample(ApiRequest request) {
        var body = request.jsonBody();
        SampleService.View view = samples.request(request.caller(), request.path("productId"), Fields.text(body, "hostId"),
                SampleAddress.fromJson(body));
        return ApiResponse.created(SamplesJson.request(view), "/samples/" + view.request().requestId());
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
