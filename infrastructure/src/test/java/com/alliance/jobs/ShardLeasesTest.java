package com.alliance.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.testing.LocalStores;
import com.alliance.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A job's shard is worked by one worker at a time, whatever SQS delivers: on DynamoDB Local, with the lease clock
 * driven by hand. The job here is a test's own: a shard has {@code due} items, and working it counts them off.
 */
class ShardLeasesTest {

    private static final LocalStores STORES = LocalStores.get();

    private final MutableClock wall = new MutableClock(Instant.now());
    private final ShardLeases leases = new ShardLeases(STORES.dynamoDb(), wall);
    private final String job = JobCatalog.TRUST;      // a name of the catalog; the shards are of this test's job
    private final int shard = Math.floorMod(UUID.randomUUID().hashCode(), 1_000) + 100;

    /** Work items of one shard, as its queue would hold them. */
    private WorkItem first(String token) {
        return new WorkItem(job, shard, token, 0, Optional.empty(), wall.instant(), Duration.ofSeconds(30));
    }

    @Test
    void aDuplicateDeliveryOfAWorkItemFindsItsStepMovedAndIsDropped() {
        assertThat(leases.lease(job, shard, "t1")).isTrue();
        WorkItem item = first("t1");

        Optional<ShardLeases.Taken> taken = leases.take(item, Duration.ofMinutes(1));
        Optional<ShardLeases.Taken> again = leases.take(item, Duration.ofMinutes(1));

        assertThat(taken).isPresent();
        assertThat(again).as("the same message delivered twice").isEmpty();
        assertThat(leases.release(taken.get(), Progress.finished(3, 0, Optional.empty()))).isTrue();
        assertThat(stateOfShard().doneTotal()).isEqualTo(3);
        assertThat(stateOfShard().leased()).isFalse();
    }

    @Test
    void aShardWhoseLeaseHoldsIsNotLeasedAgainUntilItRunsOutAndTheOldItemIsThenStale() {
        assertThat(leases.lease(job, shard, "queued")).isTrue();
        assertThat(leases.lease(job, shard, "second")).as("its item waits in the queue").isFalse();

        wall.advance(ShardLeases.QUEUED.plusSeconds(1));
        assertThat(leases.lease(job, shard, "second")).as("the queued item was lost: the lease ran out").isTrue();

        assertThat(leases.take(first("queued"), Duration.ofMinutes(1))).as("the lost item comes back after all").isEmpty();
        assertThat(leases.take(first("second"), Duration.ofMinutes(1))).isPresent();
    }

    @Test
    void aTakenLeaseHoldsForTheBudgetAndItsMarginAndNoLonger() {
        assertThat(leases.lease(job, shard, "t")).isTrue();
        assertThat(leases.take(first("t"), Duration.ofSeconds(90))).isPresent();

        wall.advance(Duration.ofSeconds(89));
        assertThat(leases.lease(job, shard, "other")).as("its worker is still within its deadline").isFalse();
        wall.advance(Duration.ofSeconds(2));
        assertThat(leases.lease(job, shard, "other")).as("a worker that died mid-item holds it no longer").isTrue();
    }

    @Test
    void anItemHandedOnIsTakenAtItsNextStepAndTheFinishingWritesCountOnceWhenSentAgain() {
        assertThat(leases.lease(job, shard, "t")).isTrue();
        WorkItem item = first("t");
        ShardLeases.Taken taken = leases.take(item, Duration.ofMinutes(1)).orElseThrow();
        WorkItem next = item.handedOn(Optional.of("cursor"));
        Progress progress = Progress.stoppedAt(5, 1, Optional.of("cursor"), Optional.of("one failed"));

        assertThat(leases.handOn(taken, next, progress)).isTrue();
        assertThat(leases.handOn(taken, next, progress)).as("sent again after its answer was lost").isTrue();
        assertThat(stateOfShard().doneTotal()).isEqualTo(5);
        assertThat(stateOfShard().failedTotal()).isEqualTo(1);
        assertThat(stateOfShard().lastError()).contains("one failed");

        assertThat(leases.take(item, Duration.ofMinutes(1))).as("the first step again").isEmpty();
        ShardLeases.Taken second = leases.take(next, Duration.ofMinutes(1)).orElseThrow();
        assertThat(leases.release(second, Progress.finished(2, 0, Optional.empty()))).isTrue();
        assertThat(leases.release(second, Progress.finished(2, 0, Optional.empty()))).as("sent again").isTrue();
        assertThat(stateOfShard().doneTotal()).isEqualTo(7);
        assertThat(stateOfShard().workItems()).isEqualTo(2);
        assertThat(leases.handOn(taken, next, progress)).as("the first take may no longer write").isFalse();
    }

    @Test
    void aWorkerWorksAShardUntilItsDeadlineHandsTheRestOnAndAWorkThatThrowsReleasesTheShardWithItsError() {
        CountingJob counting = new CountingJob(shard + 1, 7, 3);
        JobDirectory directory = name -> Optional.<ShardedJob>of(counting).filter(j -> j.name().equals(name));
        JobWorker worker = new JobWorker(directory, leases);
        Deque<WorkItem> queue = new ArrayDeque<>();
        new JobDispatcher(leases).dispatch(counting, wall.instant(), queue::add);
        assertThat(queue).hasSize(1);

        List<JobWorker.Outcome> outcomes = new ArrayList<>();
        while (!queue.isEmpty()) {
            outcomes.add(worker.work(queue.poll(), wall.instant(), Deadline.after(Duration.ofMinutes(1)), queue::add).outcome());
        }
        assertThat(outcomes).containsExactly(JobWorker.Outcome.HANDED_ON, JobWorker.Outcome.HANDED_ON, JobWorker.Outcome.DONE);
        assertThat(counting.left.get()).isZero();

        counting.left.set(2);
        counting.throwNext = true;
        new JobDispatcher(leases).dispatch(counting, wall.instant(), queue::add);
        assertThat(worker.work(queue.poll(), wall.instant(), Deadline.after(Duration.ofMinutes(1)), queue::add).outcome())
                .isEqualTo(JobWorker.Outcome.FAILED);
        assertThat(leases.read(job).shards()).filteredOn(s -> s.shard() == counting.shard)
                .singleElement().satisfies(s -> assertThat(s.lastError()).get().asString().contains("the store is down"));
        assertThat(JobDrain.run(counting, leases, wall.instant())).as("the next dispatch tries it again").isEqualTo(2);
    }

    private ShardLeases.ShardState stateOfShard() {
        return leases.read(job).shards().stream().filter(s -> s.shard() == shard).findFirst().orElseThrow();
    }

    /** A job of one busy shard (its others idle) that counts its items off, {@code perItem} a work item. */
    private final class CountingJob implements ShardedJob {
        final int shard;
        final AtomicInteger left;
        final int perItem;
        boolean throwNext;

        CountingJob(int shard, int due, int perItem) {
            this.shard = shard;
            this.left = new AtomicInteger(due);
            this.perItem = perItem;
        }

        @Override
        public String name() {
            return job;
        }

        @Override
        public int shards() {
            return shard + 1;
        }

        @Override
        public Backlog backlog(int s, Instant now) {
            return s == shard ? Backlog.of(left.get(), Optional.of(now)) : Backlog.NONE;
        }

        @Override
        public Progress work(int s, Optional<String> cursor, Instant now, Deadline deadline) {
            if (throwNext) {
                throwNext = false;
                throw new IllegalStateException("the store is down");
            }
            int take = Math.min(perItem, left.get());
            left.addAndGet(-take);
            return left.get() > 0 ? Progress.stoppedAt(take, 0, Optional.of("after " + take), Optional.empty())
                    : Progress.finished(take, 0, Optional.empty());
        }
    }
}
