package com.alliance.persistence;

import com.alliance.errors.InvalidInputException;
import com.alliance.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The key a query continues after, as an opaque base64url token for {@code ?next=}. A token only
 * continues the list it came from: one naming another partition is refused, never followed.
 */
public final class PageToken {

    private static final int MAX_TOKEN_LENGTH = 2_048;

    private PageToken() {
    }

    /** The token for continuing after {@code item}, from its string key attributes {@code keyNames}. */
    public static String after(Map<String, AttributeValue> item, List<String> keyNames) {
        ObjectNode json = Json.object();
        keyNames.forEach(name -> json.put(name, item.get(name).s()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(json).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The exclusive start key in {@code token}; it must carry exactly {@code keyNames} as strings and
     * satisfy {@code ofThisList} (the query's own key condition). Absent token, absent key.
     */
    public static Optional<Map<String, AttributeValue>> startKey(Optional<String> token, List<String> keyNames,
                                                                 Predicate<Map<String, String>> ofThisList) {
        if (token.isEmpty()) {
            return Optional.empty();
        }
        try {
            if (token.get().length() > MAX_TOKEN_LENGTH) {
                throw invalid();
            }
            JsonNode json = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(token.get()));
            if (json == null || !json.isObject() || json.size() != keyNames.size()) {
                throw invalid();
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (String name : keyNames) {
                JsonNode value = json.get(name);
                if (value == null || !value.isTextual() || value.asText().isEmpty()) {
                    throw invalid();
                }
                values.put(name, value.asText());
            }
            if (!ofThisList.test(values)) {
                throw invalid();
            }
            Map<String, AttributeValue> key = new LinkedHashMap<>();
            values.forEach((name, value) -> key.put(name, Items.s(value)));
            return Optional.of(key);
        } catch (IOException | IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static InvalidInputException invalid() {
        return InvalidInputException.field("next", "next must be the token of a previous page of this list");
    }
}
