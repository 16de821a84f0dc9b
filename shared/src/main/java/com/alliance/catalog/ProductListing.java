package com.alliance.catalog;

import com.alliance.errors.InvalidInputException;
import com.alliance.ids.Ids;
import com.alliance.json.Fields;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The body of {@code POST /brands/{brandId}/products}, validated field by field. */
public record ProductListing(String sku, String title, Category category, long priceFen, long stock,
                             int shipWithinHours, int openRateBps, List<RateSchedule.TargetedRate> targeted,
                             boolean exclusive, Certificates certificates) {

    public static final long MAX_PRICE_FEN = 10_000_000_000L;   // 100 million yuan
    public static final long MAX_STOCK = 100_000_000L;
    public static final Set<Integer> SHIPPING_PROMISES_HOURS = Set.of(24, 48, 72);
    public static final int MAX_TARGETED = 500;
    private static final Pattern SKU = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public ProductListing {
        targeted = List.copyOf(targeted);
        if (!SKU.matcher(sku).matches()) {
            throw InvalidInputException.field("sku", "sku must be 1 to 64 letters, digits, dots, dashes or underscores");
        }
        if (title.isBlank() || title.strip().length() > 200) {
            throw InvalidInputException.field("title", "title must be 1 to 200 characters");
        }
        title = title.strip();
        if (priceFen < 1 || priceFen > MAX_PRICE_FEN) {
            throw InvalidInputException.field("priceFen", "priceFen must be between 1 and " + MAX_PRICE_FEN);
        }
        if (stock < 0 || stock > MAX_STOCK) {
            throw InvalidInputException.field("stock", "stock must be between 0 and " + MAX_STOCK);
        }
        if (!SHIPPING_PROMISES_HOURS.contains(shipWithinHours)) {
            throw InvalidInputException.field("shipWithinHours", "shipWithinHours must be 24, 48 or 72");
        }
        RateChange.checkRate(openRateBps, "openRateBps");
        if (exclusive && targeted.isEmpty()) {
            throw new InvalidInputException("EXCLUSIVE_NEEDS_TARGETS",
                    "an exclusive product must name the hosts it is exclusive to in targeted", "targeted");
        }
        certificates.requireFor(category);
    }

    public static ProductListing fromJson(JsonNode body) {
        return new ProductListing(
                Fields.text(body, "sku"),
                Fields.text(body, "title"),
                Category.parse(Fields.text(body, "category"), "category"),
                Fields.integer(body, "priceFen"),
                Fields.integer(body, "stock"),
                Fields.smallInteger(body, "shipWithinHours"),
                RateChange.checkRate(Fields.integer(body, "openRateBps"), "openRateBps"),
                targetedFromJson(Fields.array(body, "targeted"), "targeted"),
                Fields.optionalBoolean(body, "exclusive").orElse(false),
                certificatesFromJson(Fields.object(body, "certificates")));
    }

    /** Reads {@code [{hostId, rateBps}]}: distinct host ids, each rate in range. */
    static List<RateSchedule.TargetedRate> targetedFromJson(JsonNode array, String field) {
        if (array.size() > MAX_TARGETED) {
            throw InvalidInputException.field(field, field + " may name at most " + MAX_TARGETED + " hosts");
        }
        List<RateSchedule.TargetedRate> rates = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode entry = array.get(i);
            String at = field + "[" + i + "]";
            if (!entry.isObject()) {
                throw InvalidInputException.field(at, at + " must be an object {hostId, rateBps}");
            }
            String hostId = Fields.text(entry, "hostId");
            if (!Ids.isKind(hostId, Ids.HOST)) {
                throw InvalidInputException.field(at + ".hostId", "hostId must be a host id (h_...)");
            }
            if (!seen.add(hostId)) {
                throw InvalidInputException.field(at + ".hostId", "host " + hostId + " is named twice");
            }
            rates.add(new RateSchedule.TargetedRate(hostId,
                    RateChange.checkRate(Fields.integer(entry, "rateBps"), at + ".rateBps")));
        }
        return rates;
    }

    static Certificates certificatesFromJson(JsonNode object) {
        Map<CertificateKind, String> numbers = new EnumMap<>(CertificateKind.class);
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> entry = fields.next();
            String field = "certificates." + entry.getKey();
            CertificateKind kind;
            try {
                kind = CertificateKind.valueOf(entry.getKey());
            } catch (IllegalArgumentException e) {
                throw InvalidInputException.field(field, "certificate kinds are QUALITY_INSPECTION and QUALITY_REPORT");
            }
            if (!entry.getValue().isTextual()) {
                throw InvalidInputException.field(field, field + " must be a string");
            }
            numbers.put(kind, entry.getValue().asText());
        }
        return new Certificates(numbers);
    }
}
