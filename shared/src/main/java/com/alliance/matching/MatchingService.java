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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
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
 * Reads that do not depend on each other are in flight together, so a request costs two round trips
 * (three when brands' trust must be read), whatever the number of categories.
 */
public final class MatchingService {

    private final HostRepository hosts;
    private final ProductRepository products;
    private final ShowcaseRepository showcases;
    private final BrandTrustCache brandTrust;
    private final MatchScoring scoring;
    private final Clock clock;
    /** Threads that wait on DynamoDB for a request's independent reads; idle ones end after a minute. */
    private final ExecutorService reads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "matching-read");
        thread.setDaemon(true);
        return thread;
    });

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
        List<CompletableFuture<List<Product>>> found = new ArrayList<>();
        if (host.isSelfBroadcast()) {
            found.add(read(() -> products.listByBrand(host.brandId().orElseThrow(), perPartition, units)));
        } else {
            for (Category category : host.categories()) {
                found.add(read(() -> products.listByCategory(category, perPartition, units)));
            }
        }
        CompletableFuture<Set<String>> showcase = read(() -> showcases.productIds(hostId, units));
        List<Product> candidates = new ArrayList<>();
        found.forEach(partition -> candidates.addAll(join(partition)));
        Set<String> inShowcase = join(showcase);
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
        List<CompletableFuture<List<HostCard>>> found = new ArrayList<>();
        if (product.listing().exclusive()) {
            found.add(read(() -> hosts.findCards(product.rates().targetedHosts(), units)));
        } else {
            found.add(read(() -> hosts.cardsInCategory(product.category(), Optional.empty(), perPartition, units)));
            found.add(read(() -> hosts.cardsInCategory(product.category(), Optional.of(product.brandId()), perPartition, units)));
        }
        CompletableFuture<Map<String, Trust>> brand = read(() -> brandTrust.of(List.of(product.brandId()), units));
        List<HostCard> candidates = new ArrayList<>();
        found.forEach(partition -> candidates.addAll(join(partition)));
        Trust trust = join(brand).get(product.brandId());
        Instant now = clock.instant();
        List<HostMatch> ranked = candidates.stream()
                .filter(card -> PickRules.mayCarry(card.host(), product))
                .map(card -> {
                    int rate = EarnedRate.now(card.host(), product, now);
                    return new HostMatch(card, rate, scoring.hostMatch(card, product, rate, trust));
                })
                .sorted(Comparator.comparingDouble((HostMatch m) -> -m.score().total())
                        .thenComparing(m -> m.host().hostId()))
                .limit(limit).toList();
        return new Recommendations<>(ranked, candidates.size(), units.total());
    }

    private <T> CompletableFuture<T> read(Supplier<T> read) {
        return CompletableFuture.supplyAsync(read, reads);
    }

    /** The value of a read, or what it threw, as if it had been made on this thread. */
    private static <T> T join(CompletableFuture<T> read) {
        try {
            return read.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
