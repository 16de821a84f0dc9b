package com.alliance.matching;

import java.util.List;
import java.util.NoSuchElementException;

/** A match score, the sum of its weighted components: between 0 and 1, higher is a better match. */
public record MatchScore(List<ScoreComponent> components) {

    public MatchScore {
        components = List.copyOf(components);
    }

    public double total() {
        return components.stream().mapToDouble(ScoreComponent::contribution).sum();
    }

    public ScoreComponent component(String name) {
        return components.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no component " + name));
    }
}
