package com.alliance.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alliance.errors.InvalidInputException;
import com.alliance.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ProductListingTest {

    static ObjectNode valid() {
        return Json.object().put("sku", "TEA-1").put("title", "Green tea").put("category", "FOOD")
                .put("priceFen", 9_900).put("stock", 10).put("shipWithinHours", 48).put("openRateBps", 2_000);
    }

    @Test
    void aCompleteListingIsAccepted() {
        ProductListing listing = ProductListing.fromJson(valid());
        assertThat(listing.category()).isEqualTo(Category.FOOD);
        assertThat(listing.exclusive()).isFalse();
        assertThat(listing.targeted()).isEmpty();
    }

    @Test
    void goldAndSilverNeedTheirQualityInspectionCertificate() {
        ObjectNode gold = valid().put("category", "GOLD_SILVER");
        assertRefused(gold, "CERTIFICATE_REQUIRED", "certificates.QUALITY_INSPECTION");
        gold.putObject("certificates").put("QUALITY_INSPECTION", "NGTC-123456");
        assertThat(ProductListing.fromJson(gold).certificates().number(CertificateKind.QUALITY_INSPECTION))
                .contains("NGTC-123456");
    }

    @Test
    void secondHandPhonesNeedTheirQualityReport() {
        assertRefused(valid().put("category", "SECOND_HAND_PHONE"), "CERTIFICATE_REQUIRED",
                "certificates.QUALITY_REPORT");
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of((Consumer<ObjectNode>) b -> b.remove("sku"), "FIELD_REQUIRED", "sku"),
                Arguments.of((Consumer<ObjectNode>) b -> b.put("sku", "has space"), "INVALID_FIELD", "sku"),
                Arguments.of((Consumer<ObjectNode>) b -> b.put("title", " "), "INVALID_FIELD", "title"),
                Arguments.of((Consumer<ObjectNode>) b -> b.put("category", "WEAPONS"), "UNKNOWN_CATEGORY", "category"),
                Arguments.of((Consumer<ObjectNode>) b -> b.put("priceFen", 0), "INVALID_FIELD", "priceFen"),
                Arguments.of((Consumer<ObjectNode>) b -> b.put("priceFen", 12.5), "INVALID_FIELD", "priceFen"),
                Arguments.of((Consumer<ObjectNode>) b -> b.put("priceFen", "100"), "INVALID_FIELD", "priceFen"),
                Arguments.of((Consumer<ObjectNode>) b -> b.put("stock", -1), "INVALID_FIELD", "stock"),
                Arguments.of((Consumer<ObjectNode>) b -> b.put("shipWithinHours", 36), "INVALID_FIELD", "shipWithinHours"),
                Arguments.of((Consumer<ObjectNode>) b -> b.put("openRateBps", 0), "RATE_OUT_OF_RANGE", "openRateBps"),
                Arguments.of((Consumer<ObjectNode>) b -> b.put("openRateBps", 9_001), "RATE_OUT_OF_RANGE", "openRateBps"),
                Arguments.of((Consumer<ObjectNode>) b -> b.put("exclusive", true), "EXCLUSIVE_NEEDS_TARGETS", "targeted"),
                Arguments.of((Consumer<ObjectNode>) b -> b.putArray("targeted").addObject().put("hostId", "b_x").put("rateBps", 100),
                        "INVALID_FIELD", "targeted[0].hostId"),
                Arguments.of((Consumer<ObjectNode>) b -> {
                    var targeted = b.putArray("targeted");
                    targeted.addObject().put("hostId", "h_a").put("rateBps", 100);
                    targeted.addObject().put("hostId", "h_a").put("rateBps", 200);
                }, "INVALID_FIELD", "targeted[1].hostId"),
                Arguments.of((Consumer<ObjectNode>) b -> b.putObject("certificates").put("PASSPORT", "123456"),
                        "INVALID_FIELD", "certificates.PASSPORT"));
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void eachInvalidFieldIsRefusedByName(Consumer<ObjectNode> breakIt, String code, String field) {
        ObjectNode body = valid();
        breakIt.accept(body);
        assertRefused(body, code, field);
    }

    private static void assertRefused(ObjectNode body, String code, String field) {
        assertThatThrownBy(() -> ProductListing.fromJson(body))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.field()).contains(field);
                });
    }
}
