package com.alliance.matching;

import com.alliance.settings.Env;
import java.time.Duration;
import java.util.Map;

/**
 * Matching configuration, each from the environment with a default:
 * <ul>
 *   <li>{@code MATCH_WEIGHTS}: the component weights ({@link MatchingWeights});</li>
 *   <li>{@code MATCH_PRIVATE_FAN_FACTOR} (3): how many public-domain fans one private-domain fan is worth;</li>
 *   <li>{@code MATCH_AUDIENCE_FLOOR} (1 000) and {@code MATCH_AUDIENCE_SATURATION} (10 000 000): the reach that
 *       scores 0 and the reach that scores a full 1 for audience, on a log scale between them;</li>
 *   <li>{@code MATCH_PRIOR_ORDERS_PER_WATCH_HOUR} (0.5) and {@code MATCH_PRIOR_WATCH_HOURS} (50): the conversion a
 *       host is assumed to have before it has history, and how many watch hours of history that assumption is worth;</li>
 *   <li>{@code MATCH_COMMISSION_SATURATION_BPS} (3000): the rate that scores a full 1 for commission;</li>
 *   <li>{@code MATCH_SECONDARY_CATEGORY_FIT} (0.7): category fit of a host's other categories (its main one is 1);</li>
 *   <li>{@code MATCH_CANDIDATES} (60): candidates read per index partition, at least 3 × the limit asked;</li>
 *   <li>{@code MATCH_TRUST_CACHE_SECONDS} (300): how long a brand's trust is reused before it is read again.</li>
 * </ul>
 */
public record MatchingSettings(MatchingWeights weights, double privateFanFactor, long audienceFloor, long audienceSaturation,
                               double priorOrdersPerWatchHour, double priorWatchHours, int commissionSaturationBps,
                               double secondaryCategoryFit, int candidates, Duration trustCacheTtl) {

    public MatchingSettings {
        if (!(privateFanFactor >= 1) || audienceFloor < 1 || audienceSaturation <= audienceFloor || !(priorOrdersPerWatchHour > 0) || !(priorWatchHours > 0)
                || commissionSaturationBps < 1 || !(secondaryCategoryFit >= 0 && secondaryCategoryFit <= 1)
                || candidates < 1 || trustCacheTtl.isNegative()) {
            throw new IllegalArgumentException("matching settings out of range: " + this);
        }
    }

    public static MatchingSettings defaults() {
        return fromEnvironment(Map.of());
    }

    public static MatchingSettings fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    public static MatchingSettings fromEnvironment(Map<String, String> env) {
        return new MatchingSettings(
                MatchingWeights.parse(env.get("MATCH_WEIGHTS")),
                Env.read(env::get, "MATCH_PRIVATE_FAN_FACTOR", Double::parseDouble, 3.0),
                Env.read(env::get, "MATCH_AUDIENCE_FLOOR", Long::parseLong, 1_000L),
                Env.read(env::get, "MATCH_AUDIENCE_SATURATION", Long::parseLong, 10_000_000L),
                Env.read(env::get, "MATCH_PRIOR_ORDERS_PER_WATCH_HOUR", Double::parseDouble, 0.5),
                Env.read(env::get, "MATCH_PRIOR_WATCH_HOURS", Double::parseDouble, 50.0),
                Env.read(env::get, "MATCH_COMMISSION_SATURATION_BPS", Integer::parseInt, 3_000),
                Env.read(env::get, "MATCH_SECONDARY_CATEGORY_FIT", Double::parseDouble, 0.7),
                Env.read(env::get, "MATCH_CANDIDATES", Integer::parseInt, 60),
                Duration.ofSeconds(Env.read(env::get, "MATCH_TRUST_CACHE_SECONDS", Long::parseLong, 300L)));
    }

    public MatchingSettings withWeights(MatchingWeights newWeights) {
        return new MatchingSettings(newWeights, privateFanFactor, audienceFloor, audienceSaturation, priorOrdersPerWatchHour,
                priorWatchHours, commissionSaturationBps, secondaryCategoryFit, candidates, trustCacheTtl);
    }

    /** Candidates to read from each index partition for a request of {@code limit} results. */
    public int candidatesFor(int limit) {
        return Math.max(candidates, 3 * limit);
    }

}
