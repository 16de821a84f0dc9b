package com.alliance.functions;

import com.alliance.jbp.JbpAgreement;
import com.alliance.jbp.LegResult;
import com.alliance.json.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** JSON shapes of JBP agreements and their measured legs. */
final class JbpJson {

    private JbpJson() {
    }

    static ObjectNode agreement(JbpAgreement agreement, String status) {
        ObjectNode json = Json.object();
        json.put("jbpId", agreement.jbpId());
        json.put("brandId", agreement.brandId());
        json.put("status", status);
        json.put("periodStart", agreement.periodStart().toString());
        json.put("periodEnd", agreement.periodEnd().toString());
        json.put("periodZone", JbpAgreement.PERIOD_ZONE.getId());
        ObjectNode targets = json.putObject("targets");
        targets.put("selfBroadcastGmvFen", agreement.selfBroadcastTargetFen());
        targets.put("distributionGmvFen", agreement.distributionTargetFen());
        ArrayNode tiers = json.putArray("rebateTiers");
        agreement.tiers().forEach(t -> tiers.addObject().put("reachedBps", t.reached().value())
                .put("rebateBps", t.rebate().value()));
        ArrayNode hosts = json.putArray("selfBroadcastHostIds");
        agreement.selfBroadcastHostIds().forEach(hosts::add);
        return json;
    }

    static ArrayNode legs(List<LegResult> legs) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (LegResult leg : legs) {
            ObjectNode json = array.addObject();
            json.put("leg", leg.leg().name());
            json.put("gmvFen", leg.gmvFen());
            json.put("targetFen", leg.targetFen());
            json.put("reachedBps", leg.reachedBps());
            json.put("salesFeeFen", leg.salesFeeFen());
            leg.tier().ifPresentOrElse(t -> json.putObject("tier").put("reachedBps", t.reached().value())
                    .put("rebateBps", t.rebate().value()), () -> json.putNull("tier"));
            json.put("rebateFen", leg.rebateFen());
        }
        return array;
    }
}
