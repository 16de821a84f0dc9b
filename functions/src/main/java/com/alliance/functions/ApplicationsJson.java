package com.alliance.functions;

import com.alliance.applications.Application;
import com.alliance.applications.ApplicationView;
import com.alliance.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Applications to targeted plans as the API writes them (docs/samples.md). */
final class ApplicationsJson {

    private ApplicationsJson() {
    }

    static ObjectNode application(Application application) {
        ObjectNode json = Json.object().put("applicationId", application.applicationId())
                .put("productId", application.productId()).put("brandId", application.brandId())
                .put("hostId", application.hostId()).put("message", application.message())
                .put("status", application.status().name()).put("createdAt", application.createdAt().toString())
                .put("reviewDeadline", application.reviewDeadline().toString());
        application.decidedAt().ifPresent(at -> json.put("decidedAt", at.toString()));
        application.reason().ifPresent(reason -> json.put("reason", reason));
        application.rateBps().ifPresent(rate -> json.put("rateBps", rate));
        application.reapplyAfter().ifPresent(at -> json.put("reapplyAfter", at.toString()));
        return json;
    }

    static ObjectNode view(ApplicationView view) {
        ObjectNode json = application(view.application());
        view.hostRecord().ifPresent(record -> json.set("hostRecord", SamplesJson.hostRecord(record)));
        return json;
    }
}
