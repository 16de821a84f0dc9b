package com.alliance.hosts;

import com.alliance.auth.Caller;
import com.alliance.auth.Role;
import com.alliance.catalog.Product;
import com.alliance.catalog.ProductRepository;
import com.alliance.errors.ConflictException;
import com.alliance.errors.NotFoundException;
import com.alliance.persistence.Page;
import com.alliance.persistence.ReadUnits;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A host picks products into its showcase, drops them and lists them; nobody touches another's showcase. */
public final class ShowcaseService {

    private final HostRepository hosts;
    private final ProductRepository products;
    private final ShowcaseRepository showcases;
    private final Clock clock;

    public ShowcaseService(HostRepository hosts, ProductRepository products, ShowcaseRepository showcases, Clock clock) {
        this.hosts = hosts;
        this.products = products;
        this.showcases = showcases;
        this.clock = clock;
    }

    public PickResult pick(Caller caller, String hostId, String productId) {
        Host host = ownHost(caller, hostId, Role.HOST);
        Product product = products.find(productId).orElseThrow(() -> NotFoundException.of("product", productId));
        PickRules.check(host, product);
        Instant now = clock.instant();
        ShowcaseEntry entry = new ShowcaseEntry(hostId, productId, product.brandId(), product.category(), now);
        switch (showcases.pick(entry, products.pickableCheck(productId))) {
            case ALREADY_IN_SHOWCASE -> throw new ConflictException("ALREADY_IN_SHOWCASE",
                    "product " + productId + " is already in the showcase", "productId");
            case PRODUCT_CHANGED -> {
                // suspended or sold out since it was read: name the reason from a fresh read
                products.find(productId).ifPresent(AvailabilityRule::check);
                throw new ConflictException("CONCURRENT_EDIT", "the product changed while picking; try again", null);
            }
            case PICKED -> {
                // recorded
            }
        }
        return new PickResult(entry, EarnedRate.now(host, product, now), EarnedRate.ahead(host, product, now));
    }

    public void drop(Caller caller, String hostId, String productId) {
        ownHost(caller, hostId, Role.HOST);
        if (!showcases.drop(hostId, productId, clock.instant())) {
            throw new NotFoundException("NOT_IN_SHOWCASE", "product " + productId + " is not in the showcase");
        }
    }

    /** The showcase, each product as it is now with the rate the host earns on it. */
    public List<ShowcaseItem> list(Caller caller, String hostId) {
        Host host = ownHost(caller, hostId, Role.HOST, Role.OPERATOR);
        List<ShowcaseEntry> entries = showcases.list(hostId);
        Map<String, Product> current = products.findAll(entries.stream().map(ShowcaseEntry::productId).toList(),
                new ReadUnits());
        Instant now = clock.instant();
        return entries.stream().map(entry -> {
            Optional<Product> product = Optional.ofNullable(current.get(entry.productId()));
            return new ShowcaseItem(entry, product, product.map(p -> EarnedRate.now(host, p, now)));
        }).toList();
    }

    /**
     * The hosts carrying the product now, most recently picked first: for its brand, operators and
     * finance. A host whose profile cannot be read is left out rather than shown half.
     */
    public Page<Carrier> carriers(Caller caller, String productId, int limit, Optional<String> next) {
        caller.requireRole(Role.BRAND, Role.OPERATOR, Role.FINANCE);
        Product product = products.find(productId).orElseThrow(() -> NotFoundException.of("product", productId));
        caller.requireParty(product.brandId(), "product", productId);
        Page<ShowcaseEntry> page = showcases.pageCarriers(productId, limit, next);
        Map<String, Host> found = new HashMap<>();
        hosts.findCards(page.items().stream().map(ShowcaseEntry::hostId).toList(), new ReadUnits())
                .forEach(card -> found.put(card.hostId(), card.host()));
        Instant now = clock.instant();
        List<Carrier> carriers = page.items().stream().filter(entry -> found.containsKey(entry.hostId()))
                .map(entry -> {
                    Host host = found.get(entry.hostId());
                    return new Carrier(entry, host, EarnedRate.now(host, product, now));
                }).toList();
        return new Page<>(carriers, page.next());
    }

    private Host ownHost(Caller caller, String hostId, Role... roles) {
        caller.requireRole(roles);
        caller.requireParty(hostId, "host", hostId);
        return hosts.find(hostId).orElseThrow(() -> NotFoundException.of("host", hostId));
    }
}
