package com.alliance.json;

import com.alliance.errors.InvalidInputException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.io.IOException;
import java.util.Optional;

/**
 * Reads typed fields out of a JSON request body, refusing wrong types and absent fields with a 400
 * that names the field. Numbers must be integers that fit a long: money never arrives as a fraction.
 */
public final class Fields {

    private Fields() {
    }

    /** Parses a request body that must be a JSON object. */
    public static JsonNode objectBody(String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidInputException("BODY_REQUIRED", "a JSON object body is required", null);
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new InvalidInputException("MALFORMED_JSON", "the body is not valid JSON", null);
        }
        if (node == null || !node.isObject()) {
            throw new InvalidInputException("MALFORMED_JSON", "the body must be a JSON object", null);
        }
        return node;
    }

    public static String text(JsonNode node, String field) {
        return optionalText(node, field).orElseThrow(() -> missing(field));
    }

    public static Optional<String> optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw InvalidInputException.field(field, field + " must be a string");
        }
        return Optional.of(value.asText());
    }

    public static long integer(JsonNode node, String field) {
        return optionalInteger(node, field).orElseThrow(() -> missing(field));
    }

    public static Optional<Long> optionalInteger(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw InvalidInputException.field(field, field + " must be a whole number within range");
        }
        return Optional.of(value.longValue());
    }

    /** An integer that must fit an int, e.g. basis points or hours. */
    public static int smallInteger(JsonNode node, String field) {
        long value = integer(node, field);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw InvalidInputException.field(field, field + " is out of range");
        }
        return (int) value;
    }

    public static Optional<Boolean> optionalBoolean(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            throw InvalidInputException.field(field, field + " must be true or false");
        }
        return Optional.of(value.booleanValue());
    }

    /** An optional array; absent means empty. */
    public static JsonNode array(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Json.MAPPER.createArrayNode();
        }
        if (value.getNodeType() != JsonNodeType.ARRAY) {
            throw InvalidInputException.field(field, field + " must be an array");
        }
        return value;
    }

    /** An optional object; absent means empty. */
    public static JsonNode object(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Json.MAPPER.createObjectNode();
        }
        if (!value.isObject()) {
            throw InvalidInputException.field(field, field + " must be an object");
        }
        return value;
    }

    private static InvalidInputException missing(String field) {
        return new InvalidInputException("FIELD_REQUIRED", field + " is required", field);
    }
}
