package com.alliance.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alliance.catalog.Category;
import com.alliance.errors.InvalidInputException;
import com.alliance.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HostRegistrationTest {

    static ObjectNode valid() {
        ObjectNode body = Json.object().put("personaName", "Xiao Mei Tea Talk").put("privateFans", 120_000)
                .put("publicFans", 800_000);
        body.putArray("categories").add("FOOD").add("HOME");
        return body;
    }

    @Test
    void anIndependentHostNeedsNoKindAndNoBrand() {
        HostRegistration registration = HostRegistration.fromJson(valid());
        assertThat(registration.kind()).isEqualTo(HostKind.INDEPENDENT);
        assertThat(registration.categories()).containsExactly(Category.FOOD, Category.HOME);
        assertThat(registration.brandId()).isEmpty();
    }

    @Test
    void aSelfBroadcastHostNamesItsBrand() {
        HostRegistration registration = HostRegistration.fromJson(valid().put("kind", "BRAND_SELF").put("brandId", "b_westlake"));
        assertThat(registration.kind()).isEqualTo(HostKind.BRAND_SELF);
        assertThat(registration.brandId()).contains("b_westlake");
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of((Consumer<ObjectNode>) b -> b.remove("personaName"), "FIELD_REQUIRED", "personaName"),
                Arguments.of((Consumer<ObjectNode>) b -> b.put("personaName", "  "), "INVALID_FIELD", "personaName"),
                Arguments.of((Consumer<ObjectNode>) b -> b.remove("categories"), "FIELD_REQUIRED", "categories"),
                Arguments.of((Consumer<ObjectNode>) b -> b.putArray("categories"), "INVALID_FIELD", "categories"),
                Arguments.of((Consumer<ObjectNode>) b -> b.put("categories", "FOOD"), "INVALID_FIELD", "categories"),
                Arguments.of((Consumer<ObjectNode>) b -> b.putArray("categories").add("FOOD").add("WEAPONS"),
                        "UNKNOWN_CATEGORY", "categories[1]"),
                Arguments.of((Consumer<ObjectNode>) b -> b.putArray("categories").add("FOOD").add("FOOD"),
                        "INVALID_FIELD", "categories[1]"),
                Arguments.of((Consumer<ObjectNode>) b -> b.putArray("categories").add(3), "INVALID_FIELD", "categories[0]"),
                Arguments.of((Consumer<ObjectNode>) b -> b.remove("privateFans"), "FIELD_REQUIRED", "privateFans"),
                Arguments.of((Consumer<ObjectNode>) b -> b.put("privateFans", -1), "INVALID_FIELD", "privateFans"),
                Arguments.of((Consumer<ObjectNode>) b -> b.put("publicFans", 1.5), "INVALID_FIELD", "publicFans"),
                Arguments.of((Consumer<ObjectNode>) b -> b.put("kind", "AGENCY"), "INVALID_FIELD", "kind"),
                Arguments.of((Consumer<ObjectNode>) b -> b.put("kind", "BRAND_SELF"), "FIELD_REQUIRED", "brandId"),
                Arguments.of((Consumer<ObjectNode>) b -> b.put("brandId", "b_westlake"), "INVALID_FIELD", "brandId"),
                Arguments.of((Consumer<ObjectNode>) b -> b.put("kind", "BRAND_SELF").put("brandId", "h_notabrand"),
                        "INVALID_FIELD", "brandId"));
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void eachInvalidFieldIsRefusedByName(Consumer<ObjectNode> breakIt, String code, String field) {
        ObjectNode body = valid();
        breakIt.accept(body);
        assertThatThrownBy(() -> HostRegistration.fromJson(body))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> {
                    InvalidInputException refusal = (InvalidInputException) e;
                    assertThat(refusal.code()).isEqualTo(code);
                    assertThat(refusal.field()).contains(field);
                });
    }
}
