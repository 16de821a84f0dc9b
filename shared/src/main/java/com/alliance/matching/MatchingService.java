package com.alliance.matching;

import com.alliance.auth.Caller;
import com.alliance.auth.Role;
import com.alliance.catalog.Category;
import com.alliance.catalog.Product;
import com.alliance.catalog.ProductRepository;
import com.alliance.errors.NotFoundException;
import com.alliance.hosts.EarnedRate;
import com.alliance.hosts.Host;
import com.alliance.hosts.HostCard;
import com.alliance.hosts.HostRepository;
import com.alliance.hosts.PickRules;
import com.alliance.hosts.ShowcaseRepository;
import com.alliance.persistence.ReadUnits;
import com.alliance.risk.Trust;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Both directions of matching, each from a few index reads, never a scan:
 * <ul>
 *   <li>products for a host: per category of the host, the best-paying goods any host may pick (gsi2
 *       {@code CATEGORY#c}, a Query with a Limit); a self-broadcast host, its brand's goods (gsi1); minus
 *       what is already in its showcase and what it may not pick;</li>
 *   <li>hosts for a product: the strongest independent hosts of its category (gsi2 {@code HOSTCAT#c}) and
 *       the brand's own self-broadcast accounts there; for an exclusive product, the hosts it targets.</li>
 * </ul>
 * Every candidate is then scored in full by {@link MatchScoring} and the best {@code limit} returned.
 */
public final class MatchingService {

    private final HostRepository hosts;
    private final ProductRepository products;
    private final ShowcaseRepository showcases;
    private final BrandTrustCache brandTrust;
    private final MatchScoring scoring;
    private final Clock clock;

    public MatchingService(HostRepository hosts, ProductRepository products, ShowcaseRepository showcases,
                           BrandTrustCache brandTrust, MatchScoring scoring, Clock clock) {
        this.hosts = hosts;
        this.products = products;
        this.showcases = showcases;
        this.brandTrust = brandTrust;
        this.scoring = scoring;
        this.clock = clock;
    }

    public MatchingWeights weights() {
        return scoring.settings().weights();
    }

    /** The products most worth picking for the host, best first. */
    public Recommendations<ProductMatch> productsFor(Caller caller, String hostId, int limit) {
        caller.requireRole(Role.HOST, Role.OPERATOR);
        caller.requireParty(hostId, "host", hostId);
        ReadUnits units = new ReadUnits();
        HostCard card = hosts.findCard(hostId, units).orElseThrow(() -> NotFoundException.of("host", hostId));
        Host host = card.host();
        int perPartition = scoring.settings().candidatesFor(limit);
        List<Product> candidates = new ArrayList<>();
        if (host.isSelfBroadcast()) {
            candidates.addAll(products.listByBrand(host.brandId().orElseThrow(), perPartition, units));
        } else {
            for (Category category : host.categories()) {
                candidates.addAll(products.listByCategory(category, perPartition, units));
            }
        }
        Set<String> inShowcase = showcases.productIds(hostId, units);
        List<Product> pickable = candidates.stream()
                .filter(p -> PickRules.mayPick(host, p) && !inShowcase.contains(p.productId())).toList();
        Map<String, Trust> trust = brandTrust.of(pickable.stream().map(Product::brandId).collect(Collectors.toSet()), units);
        Instant now = clock.instant();
        List<ProductMatch> ranked = pickable.stream().map(product -> {
                    int rate = EarnedRate.now(host, product, now);
                    return new ProductMatch(product, rate, scoring.score(card, product, rate, trust.get(product.brandId())));
                })
                .sorted(Comparator.comparingDouble((ProductMatch m) -> -m.score().total())
                        .thenComparing(m -> m.product().productId()))
                .limit(limit).toList();
        return new Recommendations<>(ranked, candidates.size(), units.total());
    }

    /** The hosts most likely to sell the brand's product, best first. */
    public Recommendations<HostMatch> hostsFor(Caller caller, String productId, int limit) {
        caller.requireRole(Role.BRAND, Role.OPERATOR);
        ReadUnits units = new ReadUnits();
        Product product = products.find(productId, units).orElseThrow(() -> NotFoundException.of("product", productId));
        caller.requireParty(product.brandId(), "product", productId);
        int perPartition = scoring.settings().candidatesFor(limit);
        List<HostCard> candidates = new ArrayList<>();
        if (product.listing().exclusive()) {
            candidates.addAll(hosts.findCards(product.rates().targetedHosts(), units));
        } else {
            candidates.addAll(hosts.cardsInCategory(product.category(), Optional.empty(), perPartition, units));
            candidates.addAll(hosts.cardsInCategory(product.category(), Optional.of(product.brandId()), perPartition, units));
        }
        Trust trust = brandTrust.of(List.of(product.brandId()), units).get(product.brandId());
        Instant now = clock.instant();
        List<HostMatch> ranked = candidates.stream()
                .filter(card -> PickRules.mayCarry(card.host(), product))
                .map(card -> {
                    int rate = EarnedRate.now(card.host(), product, now);
                    return new HostMatch(card, rate, scoring.score(card, product, rate, trust));
                })
                .sorted(Comparator.comparingDouble((HostMatch m) -> -m.score().total())
                        .thenComparing(m -> m.host().hostId()))
                .limit(limit).toList();
        return new Recommendations<>(ranked, candidates.size(), units.total());
    }
}
