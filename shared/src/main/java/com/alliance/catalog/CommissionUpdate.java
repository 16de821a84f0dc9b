package com.alliance.catalog;

import com.alliance.errors.InvalidInputException;
import com.alliance.json.Fields;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/** The body of {@code PATCH /products/{productId}/commission}: a new open rate, targeted rates, or both. */
public record CommissionUpdate(Optional<Integer> openRateBps, List<RateSchedule.TargetedRate> targeted) {

    public CommissionUpdate {
        targeted = List.copyOf(targeted);
        if (openRateBps.isEmpty() && targeted.isEmpty()) {
            throw new InvalidInputException("NOTHING_TO_CHANGE", "give openRateBps, targeted, or both", null);
        }
    }

    public static CommissionUpdate fromJson(JsonNode body) {
        Optional<Integer> open = Fields.optionalInteger(body, "openRateBps")
                .map(rate -> RateChange.checkRate(rate, "openRateBps"));
        return new CommissionUpdate(open, ProductListing.targetedFromJson(Fields.array(body, "targeted"), "targeted"));
    }
}
