package com.alliance.risk;

import com.alliance.settings.Env;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * How {@link TrustScore} turns a service record into trust, each from the environment with a default:
 * <ul>
 *   <li>{@code TRUST_PRIOR_ORDERS} (100): how many orders of neutral record every party starts with, so a
 *       few orders move trust a little and a long record moves it fully (a brand with one order and one
 *       complaint is not at 0);</li>
 *   <li>{@code TRUST_PRIOR_SAMPLES} (2): how many closed sample promises a host's {@code samples} component starts
 *       with at the host's other record (its trust from {@code refunds} and {@code holds}): kept promises score 1,
 *       lapsed 0, so value = (fulfilled + prior × other record) / (closed + prior). A host has far fewer promises
 *       than orders, so one moves the component visibly, and always in its own direction: a kept promise never
 *       lowers trust and a lapse never raises it, the first one included;</li>
 *   <li>{@code TRUST_ZERO_AT_LATE_RATE_BPS} (2000 = 20%), {@code TRUST_ZERO_AT_COMPLAINTS_PER_THOUSAND} (50),
 *       {@code TRUST_ZERO_AT_REFUND_RATE_BPS} (3000 = 30%, the refund rate the fake-order rules also flag),
 *       {@code TRUST_ZERO_AT_HOLD_RATE_BPS} (1000 = 10%): the rate at which an order component reaches 0; none
 *       of it scores 1, half of it 0.5 (neutral);</li>
 *   <li>{@code TRUST_BRAND_WEIGHTS} ({@code onTime=0.4,complaints=0.35,refunds=0.25}) and
 *       {@code TRUST_HOST_WEIGHTS} ({@code refunds=0.5,holds=0.5,samples=0.25}): the weights of the components;
 *       names left out keep their default. The weights are used relative to the sum of the weights of the
 *       components a party's trust has: a host's {@code samples} component exists only once it has closed a
 *       sample promise, so a host without one is scored by {@code refunds} and {@code holds} alone, exactly as
 *       before samples counted, and with one {@code samples} is 0.25 / 1.25 = 20% of its trust. Since every
 *       host has {@code refunds} and {@code holds}, their weights may not both be 0.</li>
 * </ul>
 */
public record TrustSettings(double priorOrders, int zeroAtLateRateBps, int zeroAtComplaintsPerThousand,
                            int zeroAtRefundRateBps, int zeroAtHoldRateBps, double priorSamples,
                            Map<String, Double> brandWeights, Map<String, Double> hostWeights) {

    public static final String ON_TIME = "onTime";
    public static final String COMPLAINTS = "complaints";
    public static final String REFUNDS = "refunds";
    public static final String HOLDS = "holds";
    /** The host component of its sample promises, present once it has closed one (kept or lapsed). */
    public static final String SAMPLES = "samples";

    private static final Map<String, Double> BRAND_DEFAULTS = ordered(ON_TIME, 0.4, COMPLAINTS, 0.35, REFUNDS, 0.25);
    private static final Map<String, Double> HOST_DEFAULTS = ordered(REFUNDS, 0.5, HOLDS, 0.5, SAMPLES, 0.25);
    /** The host components every host has, whatever its record. */
    private static final Set<String> HOST_ALWAYS = Set.of(REFUNDS, HOLDS);

    public TrustSettings {
        brandWeights = Map.copyOf(brandWeights);
        hostWeights = Map.copyOf(hostWeights);
        if (!(priorOrders > 0) || !rate(zeroAtLateRateBps) || !rate(zeroAtRefundRateBps) || !rate(zeroAtHoldRateBps)
                || zeroAtComplaintsPerThousand < 1 || !(priorSamples > 0) || !Double.isFinite(priorSamples)
                || !weights(brandWeights, BRAND_DEFAULTS.keySet(), BRAND_DEFAULTS.keySet())
                || !weights(hostWeights, HOST_DEFAULTS.keySet(), HOST_ALWAYS)) {
            throw new IllegalArgumentException("trust settings out of range: " + brandWeights + " " + hostWeights);
        }
    }

    public static TrustSettings defaults() {
        return fromEnvironment(Map.of());
    }

    public static TrustSettings fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    public static TrustSettings fromEnvironment(Map<String, String> env) {
        return new TrustSettings(
                Env.read(env::get, "TRUST_PRIOR_ORDERS", Double::parseDouble, 100.0),
                Env.read(env::get, "TRUST_ZERO_AT_LATE_RATE_BPS", Integer::parseInt, 2_000),
                Env.read(env::get, "TRUST_ZERO_AT_COMPLAINTS_PER_THOUSAND", Integer::parseInt, 50),
                Env.read(env::get, "TRUST_ZERO_AT_REFUND_RATE_BPS", Integer::parseInt, 3_000),
                Env.read(env::get, "TRUST_ZERO_AT_HOLD_RATE_BPS", Integer::parseInt, 1_000),
                Env.read(env::get, "TRUST_PRIOR_SAMPLES", Double::parseDouble, 2.0),
                weights(env, "TRUST_BRAND_WEIGHTS", BRAND_DEFAULTS),
                weights(env, "TRUST_HOST_WEIGHTS", HOST_DEFAULTS));
    }

    /** A brand component's weight relative to the brand's weights' sum. */
    public double brandWeight(String component) {
        return brandWeights.get(component) / brandWeights.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /**
     * A host component's weight relative to the sum of the weights of the components {@code present} (those the
     * host's trust has: {@code refunds} and {@code holds} always, {@code samples} once it closed a sample promise).
     */
    public double hostWeight(String component, Collection<String> present) {
        if (!present.contains(component)) {
            throw new IllegalArgumentException(component + " is not among " + present);
        }
        return hostWeights.get(component) / present.stream().mapToDouble(hostWeights::get).sum();
    }

    private static boolean rate(int bps) {
        return bps >= 1 && bps <= 10_000;
    }

    /** Every name weighed from 0 to 1000, and the components every party has ({@code always}) not all at 0. */
    private static boolean weights(Map<String, Double> weights, Set<String> names, Set<String> always) {
        return weights.keySet().equals(names) && weights.values().stream().allMatch(w -> w >= 0 && w <= 1000)
                && always.stream().mapToDouble(weights::get).sum() > 0;
    }

    private static Map<String, Double> weights(Map<String, String> env, String name, Map<String, Double> defaults) {
        Map<String, Double> weights = new LinkedHashMap<>(defaults);
        String spec = env.get(name);
        if (spec == null || spec.isBlank()) {
            return weights;
        }
        for (String pair : spec.split(",")) {
            String[] parts = pair.split("=", 2);
            String component = parts[0].strip();
            if (parts.length != 2 || !defaults.containsKey(component)) {
                throw new IllegalArgumentException(name + ": expected name=weight with names " + defaults.keySet()
                        + ", got " + pair);
            }
            try {
                weights.put(component, Double.parseDouble(parts[1].strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + ": " + component + " is not a number: " + parts[1]);
            }
        }
        return weights;
    }

    private static Map<String, Double> ordered(Object... pairs) {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (Double) pairs[i + 1]);
        }
        return map;
    }
}
