package com.alliance.risk;

import com.alliance.brands.BrandRepository;
import com.alliance.hosts.HostRepository;
import com.alliance.hosts.HostStats;
import com.alliance.jobs.Backlog;
import com.alliance.jobs.Deadline;
import com.alliance.jobs.JobCatalog;
import com.alliance.jobs.Progress;
import com.alliance.jobs.ShardedJob;
import com.alliance.orders.CountersRepository;
import com.alliance.orders.CountersRepository.Dirty;
import com.alliance.orders.OrderCounts;
import com.alliance.orders.OrderCounts.Scope;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Keeps trust current: for every host and brand whose counters changed since the last run (the trust marks
 * each fold puts, see {@link CountersRepository}), reads the counters, computes trust with
 * {@link TrustScore} and writes it where matching reads it: the brand item, and the host's profile and
 * cards together with its stats snapshot (sales and watch minutes for matching's conversion, sample promises kept
 * and lapsed for its sample fulfilment).
 *
 * <p>Its shards are the marks' {@value CountersRepository#DIRTY_SHARDS} partitions: a host's or brand's mark always
 * lands in the same one, so one shard's worker is the only one writing that host's or brand's trust.
 *
 * <p>Trust is derived from the counters, so recomputing is idempotent; it is written only over a trust from
 * an older revision of the counters, and a mark is deleted only if no change came after it was read. Trust
 * is therefore at most one dispatch behind the counters (a minute in AWS, seconds locally), plus the few minutes
 * matching caches a brand's trust.
 */
public final class TrustJob implements ShardedJob {

    private static final Logger LOG = LogManager.getLogger(TrustJob.class);
    /** Marks a backlog counts per shard at most. */
    static final int BACKLOG_COUNT = 250;

    private final CountersRepository counters;
    private final BrandRepository brands;
    private final HostRepository hosts;
    private final TrustScore score;
    private final int pageSize;

    public TrustJob(CountersRepository counters, BrandRepository brands, HostRepository hosts, TrustScore score,
                    int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("page size is at least 1");
        }
        this.counters = counters;
        this.brands = brands;
        this.hosts = hosts;
        this.score = score;
        this.pageSize = pageSize;
    }

    public TrustJob(CountersRepository counters, BrandRepository brands, HostRepository hosts, TrustScore score) {
        this(counters, brands, hosts, score, 100);
    }

    @Override
    public String name() {
        return JobCatalog.TRUST;
    }

    @Override
    public int shards() {
        return CountersRepository.DIRTY_SHARDS;
    }

    @Override
    public Backlog backlog(int shard, Instant now) {
        return counters.dirtyBacklog(shard, BACKLOG_COUNT);
    }

    /** Recomputes every marked host and brand of the shard, page by page, until none is left or the deadline passes. */
    @Override
    public Progress work(int shard, Optional<String> cursor, Instant now, Deadline deadline) {
        long refreshed = 0;
        long failed = 0;
        Optional<String> lastError = Optional.empty();
        List<Dirty> page;
        do {
            page = counters.dirty(shard, pageSize);
            int cleared = 0;
            for (Dirty dirty : page) {
                if (deadline.hasPassed()) {
                    return Progress.stoppedAt(refreshed, failed, Optional.empty(), lastError);
                }
                try {
                    refresh(dirty);
                    refreshed++;
                    cleared += counters.clear(dirty) ? 1 : 0;
                } catch (RuntimeException e) {
                    // the mark stays: a later work item tries again, the others go on
                    LOG.warn("trust of {} {} not refreshed now: {}", dirty.scope(), dirty.id(), e.toString());
                    failed++;
                    lastError = Optional.of(dirty.scope() + " " + dirty.id() + ": " + e);
                }
            }
            if (cleared == 0) {
                break;      // what is left changes faster than this item: the next dispatch goes on
            }
        } while (page.size() == pageSize);
        return Progress.finished(refreshed, failed, lastError);
    }

    private void refresh(Dirty dirty) {
        Map<String, Long> read = counters.read(dirty.scope(), dirty.id());
        long revision = read.getOrDefault(CountersRepository.REVISION, 0L);
        if (dirty.scope() == Scope.BRAND_SERVICE) {
            brands.updateTrust(dirty.id(), score.brand(TrustScore.BrandRecord.of(read)).trust(), revision);
        } else {
            HostStats stats = new HostStats(Math.max(0, read.getOrDefault(OrderCounts.ORDERS_COUNT, 0L)),
                    Math.max(0, read.getOrDefault(OrderCounts.WATCH_MINUTES, 0L)),
                    Math.max(0, read.getOrDefault(OrderCounts.SAMPLES_FULFILLED, 0L)),
                    Math.max(0, read.getOrDefault(OrderCounts.SAMPLES_UNFULFILLED, 0L)));
            hosts.updateTrustAndStats(dirty.id(), score.host(TrustScore.HostRecord.of(read)).trust(), stats, revision);
        }
    }
}
