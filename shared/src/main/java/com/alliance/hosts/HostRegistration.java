package com.alliance.hosts;

import com.alliance.catalog.Category;
import com.alliance.errors.InvalidInputException;
import com.alliance.ids.Ids;
import com.alliance.json.Fields;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The body of {@code POST /hosts}: persona name, categories (main first), private- and public-domain
 * fans, kind ({@code INDEPENDENT} unless given) and, for a {@code BRAND_SELF} host only, its brandId.
 */
public record HostRegistration(String personaName, List<Category> categories, long privateFans, long publicFans,
                               HostKind kind, Optional<String> brandId) {

    static final int MAX_PERSONA_LENGTH = 60;
    /** Beyond ten billion a fan count is a typo, not an audience. */
    static final long MAX_FANS = 10_000_000_000L;

    public HostRegistration {
        categories = List.copyOf(categories);
    }

    /** Fields are checked in the order a form shows them, so the first error named is the first field. */
    public static HostRegistration fromJson(JsonNode body) {
        String persona = Fields.text(body, "personaName");
        if (persona.isBlank() || persona.strip().length() > MAX_PERSONA_LENGTH) {
            throw InvalidInputException.field("personaName", "personaName must be 1 to " + MAX_PERSONA_LENGTH + " characters");
        }
        List<Category> categories = categories(body);
        long privateFans = fans(body, "privateFans");
        long publicFans = fans(body, "publicFans");
        HostKind kind = Fields.optionalText(body, "kind").map(k -> HostKind.parse(k, "kind")).orElse(HostKind.INDEPENDENT);
        Optional<String> brandId = Fields.optionalText(body, "brandId");
        if (kind == HostKind.BRAND_SELF && brandId.isEmpty()) {
            throw new InvalidInputException("FIELD_REQUIRED", "a BRAND_SELF host names the brandId it belongs to", "brandId");
        }
        if (kind == HostKind.INDEPENDENT && brandId.isPresent()) {
            throw InvalidInputException.field("brandId", "only a BRAND_SELF host belongs to a brand");
        }
        if (brandId.isPresent() && !Ids.isKind(brandId.get(), Ids.BRAND)) {
            throw InvalidInputException.field("brandId", "brandId must be a brand id (b_...)");
        }
        return new HostRegistration(persona.strip(), categories, privateFans, publicFans, kind, brandId);
    }

    private static List<Category> categories(JsonNode body) {
        if (body.get("categories") == null || body.get("categories").isNull()) {
            throw new InvalidInputException("FIELD_REQUIRED", "categories is required", "categories");
        }
        JsonNode array = Fields.array(body, "categories");
        if (array.isEmpty() || array.size() > Category.values().length) {
            throw InvalidInputException.field("categories",
                    "categories names 1 to " + Category.values().length + " categories, the main one first");
        }
        List<Category> categories = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String field = "categories[" + i + "]";
            if (!array.get(i).isTextual()) {
                throw InvalidInputException.field(field, field + " must be a string");
            }
            Category category = Category.parse(array.get(i).asText(), field);
            if (categories.contains(category)) {
                throw InvalidInputException.field(field, category + " is named twice");
            }
            categories.add(category);
        }
        return categories;
    }

    private static long fans(JsonNode body, String field) {
        long fans = Fields.integer(body, field);
        if (fans < 0 || fans > MAX_FANS) {
            throw InvalidInputException.field(field, field + " must be between 0 and " + MAX_FANS);
        }
        return fans;
    }
}
