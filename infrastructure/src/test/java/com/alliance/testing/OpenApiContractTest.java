package com.alliance.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The contract check every API test goes through refuses what breaks openapi.json, and only that. */
class OpenApiContractTest {

    private static final String BRAND = "{\"brandId\":\"b_1\",\"name\":\"Tea House\",\"creditCode\":\"91310000MA1FL0Q73F\","
            + "\"verified\":true,\"registeredAt\":\"2026-11-30T00:00:00Z\"}";
    private static final String ERROR = "{\"error\":{\"code\":\"NOT_FOUND\",\"message\":\"no brand b_x\",\"field\":null}}";

    @Test
    void aBodyOfTheDocumentedShapePasses() {
        assertThatCode(() -> OpenApiContract.checkRoute("POST /brands", 201, "application/json", BRAND)).doesNotThrowAnyException();
        assertThatCode(() -> OpenApiContract.checkHttp("GET", "/brands/b_x?x=1", 404, "application/json", ERROR))
                .doesNotThrowAnyException();
    }

    @Test
    void aMissingRequiredFieldOrAWrongTypeIsRefused() {
        assertThatThrownBy(() -> OpenApiContract.checkRoute("POST /brands", 201, "application/json",
                BRAND.replace("\"verified\":true,", ""))).isInstanceOf(AssertionError.class).hasMessageContaining("verified");
        assertThatThrownBy(() -> OpenApiContract.checkRoute("POST /brands", 201, "application/json",
                BRAND.replace("\"b_1\"", "1"))).isInstanceOf(AssertionError.class).hasMessageContaining("brandId");
    }

    @Test
    void anErrorWithoutItsFieldOrWithALowerCaseCodeIsRefused() {
        assertThatThrownBy(() -> OpenApiContract.checkHttp("GET", "/products/p_x", 401, "application/json",
                "{\"error\":{\"code\":\"UNAUTHENTICATED\",\"message\":\"a token\"}}")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("field");
        assertThatThrownBy(() -> OpenApiContract.checkHttp("GET", "/nowhere", 404, "application/json",
                ERROR.replace("NOT_FOUND", "not found"))).isInstanceOf(AssertionError.class);
    }

    @Test
    void anUndocumentedStatusOrMediaTypeIsRefused() {
        assertThatThrownBy(() -> OpenApiContract.checkRoute("DELETE /hosts/{hostId}/showcase/{productId}", 200,
                "application/json", "{}")).isInstanceOf(AssertionError.class).hasMessageContaining("200");
        assertThatThrownBy(() -> OpenApiContract.checkRoute("GET /brands/{brandId}", 200, "text/csv", "a,b"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("text/csv");
        assertThatThrownBy(() -> OpenApiContract.checkRoute("GET /no-such-route", 200, "application/json", "{}"))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void pathsAreMatchedAsApiGatewayMatchesThemLiteralSegmentsFirst() {
        assertThat(OpenApiContract.find("GET", "/products/p_1/host-recommendations")).get()
                .extracting(OpenApiContract.Operation::routeKey).isEqualTo("GET /products/{productId}/host-recommendations");
        assertThat(OpenApiContract.find("GET", "/products/p_1")).get()
                .extracting(OpenApiContract.Operation::routeKey).isEqualTo("GET /products/{productId}");
        assertThat(OpenApiContract.find("PUT", "/products/p_1")).isEmpty();
    }
}
