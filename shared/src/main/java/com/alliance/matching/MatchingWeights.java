package com.alliance.matching;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How much each component counts in a match score. Configuration ({@code MATCH_WEIGHTS}, e.g.
 * {@code "categoryFit=0.25,audience=0.20,conversion=0.20,trust=0.10,commission=0.25"}); components not
 * named keep their default, and the weights are scaled to sum to 1 so a score stays between 0 and 1.
 */
public record MatchingWeights(double categoryFit, double audience, double conversion, double trust, double commission) {

    public static final MatchingWeights DEFAULTS = new MatchingWeights(0.25, 0.20, 0.20, 0.10, 0.25);

    public MatchingWeights {
        for (double weight : new double[] {categoryFit, audience, conversion, trust, commission}) {
            if (!(weight >= 0 && weight <= 1_000)) {
                throw new IllegalArgumentException("a matching weight is a number from 0 to 1000, got " + weight);
            }
        }
        double sum = categoryFit + audience + conversion + trust + commission;
        if (sum <= 0) {
            throw new IllegalArgumentException("at least one matching weight must be above 0");
        }
        categoryFit /= sum;
        audience /= sum;
        conversion /= sum;
        trust /= sum;
        commission /= sum;
    }

    /** Parses {@code name=weight} pairs separated by commas; a blank spec means the defaults. */
    public static MatchingWeights parse(String spec) {
        Map<String, Double> weights = DEFAULTS.byName();
        if (spec != null && !spec.isBlank()) {
            for (String pair : spec.split(",")) {
                String[] parts = pair.split("=", 2);
                String name = parts[0].strip();
                if (parts.length != 2 || !weights.containsKey(name)) {
                    throw new IllegalArgumentException("MATCH_WEIGHTS: expected name=weight with a name among "
                            + weights.keySet() + ", got '" + pair.strip() + "'");
                }
                try {
                    weights.put(name, Double.parseDouble(parts[1].strip()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("MATCH_WEIGHTS: " + name + " is not a number: " + parts[1].strip());
                }
            }
        }
        return new MatchingWeights(weights.get(ScoreComponent.CATEGORY_FIT), weights.get(ScoreComponent.AUDIENCE),
                weights.get(ScoreComponent.CONVERSION), weights.get(ScoreComponent.TRUST),
                weights.get(ScoreComponent.COMMISSION));
    }

    /** The weights by component name, in the order components are shown. */
    public Map<String, Double> byName() {
        Map<String, Double> weights = new LinkedHashMap<>();
        weights.put(ScoreComponent.CATEGORY_FIT, categoryFit);
        weights.put(ScoreComponent.AUDIENCE, audience);
        weights.put(ScoreComponent.CONVERSION, conversion);
        weights.put(ScoreComponent.TRUST, trust);
        weights.put(ScoreComponent.COMMISSION, commission);
        return weights;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        byName().forEach((name, weight) -> text.append(text.isEmpty() ? "" : ",")
                .append(name).append('=').append(String.format(Locale.ROOT, "%.4f", weight)));
        return text.toString();
    }
}
