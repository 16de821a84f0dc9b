package com.alliance.samples;

import com.alliance.hosts.Host;
import com.alliance.hosts.HostRepository;
import com.alliance.orders.CountersRepository;
import com.alliance.orders.OrderCounts;
import com.alliance.orders.OrderCounts.Counter;
import com.alliance.orders.OrderCounts.Scope;
import com.alliance.persistence.ReadUnits;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the {@link SampleRecord} of the hosts a page of requests or applications names: two batch reads per page. */
public final class SampleRecords {

    private final CountersRepository counters;
    private final HostRepository hosts;

    public SampleRecords(CountersRepository counters, HostRepository hosts) {
        this.counters = counters;
        this.hosts = hosts;
    }

    /** Each host's record; a host without counters or profile reads as {@link SampleRecord#NONE}'s figures. */
    public Map<String, SampleRecord> of(List<String> hostIds) {
        Set<String> distinct = new LinkedHashSet<>(hostIds);
        Map<String, SampleRecord> records = new LinkedHashMap<>();
        if (distinct.isEmpty()) {
            return records;
        }
        List<Counter> wanted = new ArrayList<>();
        for (String hostId : distinct) {
            wanted.add(new Counter(Scope.HOST_STATS, hostId, OrderCounts.SAMPLES_FULFILLED));
            wanted.add(new Counter(Scope.HOST_STATS, hostId, OrderCounts.SAMPLES_UNFULFILLED));
        }
        Map<Counter, Long> read = counters.readAll(wanted);
        Map<String, Host> profiles = hosts.findAll(distinct, new ReadUnits());
        for (String hostId : distinct) {
            long fulfilled = Math.max(0, read.getOrDefault(new Counter(Scope.HOST_STATS, hostId, OrderCounts.SAMPLES_FULFILLED), 0L));
            long unfulfilled = Math.max(0, read.getOrDefault(new Counter(Scope.HOST_STATS, hostId, OrderCounts.SAMPLES_UNFULFILLED), 0L));
            Host host = profiles.get(hostId);
            records.put(hostId, new SampleRecord(fulfilled, unfulfilled, host == null ? SampleRecord.NONE.trust() : host.trust()));
        }
        return records;
    }
}
