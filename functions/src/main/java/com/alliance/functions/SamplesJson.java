package com.alliance.functions;

import com.alliance.json.Json;
import com.alliance.samples.SampleQuota;
import com.alliance.samples.SampleRecord;
import com.alliance.samples.SampleService;
import com.alliance.samples.SampleRequest;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Sample requests, quotas and host records as the API writes them (docs/samples.md). */
final class SamplesJson {

    private SamplesJson() {
    }

    static ObjectNode request(SampleService.View view) {
        SampleRequest request = view.request();
        ObjectNode json = Json.object().put("requestId", request.requestId()).put("productId", request.productId())
                .put("brandId", request.brandId()).put("hostId", request.hostId()).put("status", request.status().name());
        json.putObject("address").put("name", view.address().name()).put("phone", view.address().phone())
                .put("line", view.address().line());
        json.put("requestedAt", request.requestedAt().toString());
        request.deadline().ifPresent(d -> json.put("deadline", d.at().toString()).put("deadlineKind", d.kind().name()));
        request.decidedAt().ifPresent(at -> json.put("decidedAt", at.toString()));
        request.reason().ifPresent(reason -> json.put("reason", reason));
        request.shipment().ifPresent(s -> json.put("carrier", s.carrier()).put("trackingNumber", s.trackingNumber())
                .put("shippedAt", s.shippedAt().toString()));
        request.receivedAt().ifPresent(at -> json.put("receivedAt", at.toString()));
        request.receivedBy().ifPresent(by -> json.put("receivedBy", by.name()));
        request.promiseDeadline().ifPresent(at -> json.put("promiseDeadline", at.toString()));
        request.fulfilledAt().ifPresent(at -> json.put("fulfilledAt", at.toString()));
        request.orderId().ifPresent(id -> json.put("orderId", id));
        view.hostRecord().ifPresent(record -> json.set("hostRecord", hostRecord(record)));
        return json;
    }

    static ObjectNode hostRecord(SampleRecord record) {
        return Json.object().put("samplesFulfilled", record.fulfilled()).put("samplesUnfulfilled", record.unfulfilled())
                .put("trust", record.trust().value());
    }

    static ObjectNode quota(SampleQuota.Standing standing) {
        return Json.object().put("tier", standing.tier()).put("gmv30dFen", standing.gmv30dFen())
                .put("tierCap", standing.tierCap()).put("cap", standing.cap()).put("open", standing.open());
    }
}
