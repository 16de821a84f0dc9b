package com.alliance.risk;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a brand or host sees of its trust: the trust computed now from its record with the components,
 * the counts it came from, and the trust matching uses at the moment (which the trust job brings level
 * with the record within a run).
 */
public record TrustReport(TrustScore.Breakdown current, Map<String, Long> record, Trust inMatching) {

    public TrustReport {
        Objects.requireNonNull(current);
        Objects.requireNonNull(inMatching);
        record = Collections.unmodifiableMap(new LinkedHashMap<>(record));
    }
}
