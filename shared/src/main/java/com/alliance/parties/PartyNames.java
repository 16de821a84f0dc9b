package com.alliance.parties;

import com.alliance.auth.Caller;
import com.alliance.auth.Role;
import com.alliance.brands.BrandRepository;
import com.alliance.errors.InvalidInputException;
import com.alliance.hosts.HostCard;
import com.alliance.hosts.HostRepository;
import com.alliance.ids.Ids;
import com.alliance.persistence.ReadUnits;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The names people read in place of ids (a host's persona name, a brand's name), many at once, so a screen of
 * 50 rows resolves its names in one request and two batch reads.
 *
 * <p>Who sees which name: a host's persona name is its public face (brands already see it among recommended
 * hosts and carriers), so every role resolves host ids; a brand's name is shown to finance and operators, who act
 * across parties, and to the brand itself. An id that is unknown, not a host or brand id, or not visible to the
 * caller is simply left out of the answer, the same as one that does not exist.
 */
public final class PartyNames {

    /** The most ids one request may name: one batch read of each kind. */
    public static final int MAX_IDS = 100;

    private final HostRepository hosts;
    private final BrandRepository brands;

    public PartyNames(HostRepository hosts, BrandRepository brands) {
        this.hosts = hosts;
        this.brands = brands;
    }

    /** Names by id, sorted by id, for the visible ids among {@code ids}. */
    public Map<String, String> names(Caller caller, Collection<String> ids) {
        caller.requireRole(Role.BRAND, Role.HOST, Role.FINANCE, Role.OPERATOR);
        List<String> distinct = ids.stream().map(String::trim).filter(id -> !id.isEmpty()).distinct().toList();
        if (distinct.isEmpty()) {
            throw InvalidInputException.field("ids", "ids must name at least one host or brand id, comma separated");
        }
        if (distinct.size() > MAX_IDS) {
            throw InvalidInputException.field("ids", "ids may name at most " + MAX_IDS + " ids");
        }
        List<String> hostIds = new ArrayList<>();
        List<String> brandIds = new ArrayList<>();
        boolean allBrands = caller.is(Role.FINANCE) || caller.is(Role.OPERATOR);
        for (String id : distinct) {
            if (id.startsWith(Ids.HOST)) {
                hostIds.add(id);
            } else if (id.startsWith(Ids.BRAND) && (allBrands || (caller.is(Role.BRAND) && caller.party().equals(id)))) {
                brandIds.add(id);
            }
        }
        ReadUnits units = new ReadUnits();
        Map<String, String> names = new TreeMap<>();
        if (!hostIds.isEmpty()) {
            for (HostCard card : hosts.findCards(hostIds, units)) {
                names.put(card.host().hostId(), card.host().personaName());
            }
        }
        if (!brandIds.isEmpty()) {
            names.putAll(brands.namesOf(brandIds, units));
        }
        return names;
    }
}
