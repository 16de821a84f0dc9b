package com.alliance.matching;

import java.util.List;

/**
 * Ranked matches, best first, with what finding them took: how many candidates the indexes returned
 * and the DynamoDB read capacity units consumed.
 */
public record Recommendations<T>(List<T> items, int candidates, double readUnits) {

    public Recommendations {
        items = List.copyOf(items);
    }
}
