package com.alliance.matching;

import com.alliance.catalog.Category;
import com.alliance.catalog.Product;
import com.alliance.hosts.Host;
import com.alliance.hosts.HostCard;
import com.alliance.hosts.HostStats;
import com.alliance.risk.Trust;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scores how well a host and a product fit each other, the same number whichever side asks:
 * <pre>
 * score = Σ weight × component, each component from 0 to 1:
 *   categoryFit  1 if the product's category is the host's main one, secondaryCategoryFit if another of its
 *                categories, 0 otherwise
 *   audience     log(reach / audienceFloor) / log(audienceSaturation / audienceFloor), clamped to 0..1:
 *                each tenfold reach counts the same; reach = privateFanFactor × private-domain + public-domain fans
 *   conversion   r / (r + prior), r = (orders + prior × priorHours) / (watch hours + priorHours):
 *                a host without history sits at 0.5, and history moves it only as it accumulates
 *   trust        the mean of the host's and the brand's trust ({@link com.alliance.risk.TrustScore}: 0.5 until
 *                they have a record; the trust job keeps it current)
 *   commission   the rate the host earns / commissionSaturationBps, at most 1
 * </pre>
 * A brand's host matches ({@link #hostMatch}) also show {@code sampleFulfilment}, the host's sample promises kept
 * per promise closed (0.5 before any closed), with weight 0: it weighs through the host's trust already, so the
 * score is the same number as the product side's.
 * Pure: no I/O, so every rule of the ranking is a unit test.
 */
public final class MatchScoring {

    private final MatchingSettings settings;

    public MatchScoring(MatchingSettings settings) {
        this.settings = settings;
    }

    public MatchingSettings settings() {
        return settings;
    }

    /** The score of {@code host} carrying {@code product} at {@code rateBps}, with the product's brand's trust. */
    public MatchScore score(HostCard card, Product product, int rateBps, Trust brandTrust) {
        Host host = card.host();
        MatchingWeights w = settings.weights();
        return new MatchScore(List.of(
                categoryFit(host, product.category(), w.categoryFit()),
                audience(host, w.audience()),
                conversion(card.stats(), w.conversion()),
                trust(host.trust(), brandTrust, w.trust()),
                commission(rateBps, w.commission())));
    }

    /**
     * The score of {@code host} carrying {@code product} as the product's brand sees it among its host matches:
     * {@link #score} and, shown with weight 0 so the total is unchanged, the host's {@code sampleFulfilment}.
     */
    public MatchScore hostMatch(HostCard card, Product product, int rateBps, Trust brandTrust) {
        List<ScoreComponent> components = new ArrayList<>(score(card, product, rateBps, brandTrust).components());
        components.add(sampleFulfilment(card.stats()));
        return new MatchScore(components);
    }

    /**
     * The part of a host's score that does not depend on the product (audience, conversion, its own trust),
     * weighted and scaled to 0..1: the order of host cards in the category index.
     */
    public double hostStrength(HostCard card) {
        MatchingWeights w = settings.weights();
        double weights = w.audience() + w.conversion() + w.trust();
        double audience = audience(card.host(), 1).value();
        if (weights == 0) {
            return audience;
        }
        return (w.audience() * audience + w.conversion() * conversion(card.stats(), 1).value()
                + w.trust() * card.host().trust().value()) / weights;
    }

    ScoreComponent categoryFit(Host host, Category category, double weight) {
        if (host.mainCategory() == category) {
            return new ScoreComponent(ScoreComponent.CATEGORY_FIT, 1.0, weight, category + " is the host's main category");
        }
        if (host.categories().contains(category)) {
            return new ScoreComponent(ScoreComponent.CATEGORY_FIT, settings.secondaryCategoryFit(), weight,
                    category + " is one of the host's other categories");
        }
        return new ScoreComponent(ScoreComponent.CATEGORY_FIT, 0.0, weight, "the host does not sell " + category);
    }

    ScoreComponent audience(Host host, double weight) {
        double factor = settings.privateFanFactor();
        double reach = factor * host.privateFans() + host.publicFans();
        double floor = settings.audienceFloor();
        double value = reach <= floor ? 0.0
                : Math.min(1.0, Math.log(reach / floor) / Math.log(settings.audienceSaturation() / floor));
        return new ScoreComponent(ScoreComponent.AUDIENCE, value, weight, String.format(Locale.ROOT,
                "reach %,.0f: %,d private-domain fans × %s + %,d public-domain fans (%,d scores 0, %,d scores 1)",
                reach, host.privateFans(), trim(factor), host.publicFans(), settings.audienceFloor(),
                settings.audienceSaturation()));
    }

    ScoreComponent conversion(HostStats stats, double weight) {
        double prior = settings.priorOrdersPerWatchHour();
        double priorHours = settings.priorWatchHours();
        double hours = stats.watchMinutes() / 60.0;
        double smoothed = (stats.ordersCount() + prior * priorHours) / (hours + priorHours);
        double value = smoothed / (smoothed + prior);
        String detail = stats.ordersPerWatchHour().map(observed -> String.format(Locale.ROOT,
                        "%,d orders in %,.1f watch hours (%.2f/h), with the prior %.2f/h", stats.ordersCount(), hours,
                        observed, smoothed))
                .orElse(String.format(Locale.ROOT, "no sales history yet: prior of %s orders per watch hour", trim(prior)));
        return new ScoreComponent(ScoreComponent.CONVERSION, value, weight, detail);
    }

    /**
     * The host's sample promises kept (a paid order sold the sample in time) per promise closed, 0.5 with none
     * closed; weight 0, since the same record weighs through the host's trust.
     */
    ScoreComponent sampleFulfilment(HostStats stats) {
        long closed = stats.samplesClosed();
        if (closed == 0) {
            return new ScoreComponent(ScoreComponent.SAMPLE_FULFILMENT, 0.5, 0.0, "no sample promise closed yet");
        }
        return new ScoreComponent(ScoreComponent.SAMPLE_FULFILMENT, (double) stats.samplesFulfilled() / closed, 0.0,
                String.format(Locale.ROOT, "%,d of %,d sample promises kept (sold in a session in time); it weighs "
                        + "through the host's trust", stats.samplesFulfilled(), closed));
    }

    ScoreComponent trust(Trust host, Trust brand, double weight) {
        return new ScoreComponent(ScoreComponent.TRUST, (host.value() + brand.value()) / 2, weight,
                String.format(Locale.ROOT, "host %.2f%s (its refund rate, risk holds and sample promises), brand "
                                + "%.2f%s (its on-time shipping, complaints per 1 000 orders and refund rate); "
                                + "0.5 is neutral",
                        host.value(), side(host), brand.value(), side(brand)));
    }

    private static String side(Trust trust) {
        double delta = trust.value() - Trust.NEUTRAL.value();
        return Math.abs(delta) < 0.005 ? "" : delta < 0 ? " below neutral" : " above neutral";
    }

    ScoreComponent commission(int rateBps, double weight) {
        double value = Math.min(1.0, rateBps / (double) settings.commissionSaturationBps());
        return new ScoreComponent(ScoreComponent.COMMISSION, value, weight, String.format(Locale.ROOT,
                "the host earns %.2f%% of paid (%.2f%% or more scores 1)", rateBps / 100.0,
                settings.commissionSaturationBps() / 100.0));
    }

    private static String trim(double number) {
        return number == Math.rint(number) ? Long.toString((long) number) : Double.toString(number);
    }
}
