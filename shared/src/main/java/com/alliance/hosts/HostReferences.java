package com.alliance.hosts;

import com.alliance.errors.InvalidInputException;
import com.alliance.persistence.ReadUnits;
import java.util.List;
import java.util.Map;

/**
 * Checks the host ids a request names before anything is written: that each exists and is a host the
 * request may name. Another brand's self-broadcast account is refused exactly as a missing host is, so
 * a brand learns nothing about other brands' accounts from the answer.
 */
public final class HostReferences {

    private final HostRepository hosts;

    public HostReferences(HostRepository hosts) {
        this.hosts = hosts;
    }

    /**
     * Hosts a product of {@code brandId} may target (a rate, or for an exclusive product who may carry it):
     * independent hosts and the brand's own self-broadcast accounts, the only ones that may ever carry its
     * goods ({@link SelfBroadcastRule}). {@code hostIds.get(i)} is refused as {@code field[i].hostId}.
     */
    public void requireCarriersOf(String brandId, List<String> hostIds, String field) {
        Map<String, Host> found = read(hostIds);
        for (int i = 0; i < hostIds.size(); i++) {
            Host host = found.get(hostIds.get(i));
            if (host == null || (host.isSelfBroadcast() && !host.isSelfBroadcastOf(brandId))) {
                throw new InvalidInputException("UNKNOWN_HOST", "there is no host " + hostIds.get(i)
                        + " that may carry this brand's goods", field + "[" + i + "].hostId");
            }
        }
    }

    /** Hosts that must be {@code brandId}'s own self-broadcast accounts; {@code hostIds.get(i)} is refused as {@code field[i]}. */
    public void requireSelfBroadcastOf(String brandId, List<String> hostIds, String field) {
        Map<String, Host> found = read(hostIds);
        for (int i = 0; i < hostIds.size(); i++) {
            Host host = found.get(hostIds.get(i));
            if (host == null || !host.isSelfBroadcastOf(brandId)) {
                throw new InvalidInputException("NOT_OWN_SELF_BROADCAST_HOST", hostIds.get(i)
                        + " is not a self-broadcast (BRAND_SELF) host of brand " + brandId, field + "[" + i + "]");
            }
        }
    }

    private Map<String, Host> read(List<String> hostIds) {
        return hostIds.isEmpty() ? Map.of() : hosts.findAll(hostIds, new ReadUnits());
    }
}
