package com.alliance.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class WorkItemTest {

    @Test
    void aWorkItemReadsBackAsWrittenAndItsHandedOnItemIsItsLeasesNextStep() {
        WorkItem item = new WorkItem("order-maturation", 7, "t-1", 0, Optional.empty(),
                Instant.parse("2026-12-07T10:00:00Z"), Duration.ofSeconds(60));
        WorkItem next = item.handedOn(Optional.of("{\"23\":\"2026-12-01T00:00:00.000000000Z#o-1\"}"));

        assertThat(WorkItem.parse(item.toJson())).isEqualTo(item);
        assertThat(WorkItem.parse(next.toJson())).isEqualTo(next);
        assertThat(next.step()).isEqualTo(1);
        assertThat(next.token()).isEqualTo(item.token());
        assertThat(next.budget()).isEqualTo(item.budget());
    }

    @Test
    void aMessageThatCanNeverBeAWorkItemSaysWhy() {
        assertThatThrownBy(() -> WorkItem.parse("not json")).isInstanceOf(WorkItem.InvalidWorkItemException.class);
        assertThatThrownBy(() -> WorkItem.parse("[]")).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> WorkItem.parse("{\"job\":\"trust\",\"shard\":1,\"token\":\"t\",\"step\":0}"))
                .hasMessageContaining("dispatchedAt");
        assertThatThrownBy(() -> WorkItem.parse("{\"job\":\"trust\",\"shard\":-1,\"token\":\"t\",\"step\":0,"
                + "\"dispatchedAt\":\"2026-12-07T10:00:00Z\",\"budgetSeconds\":60}")).hasMessageContaining("from 0");
        assertThatThrownBy(() -> WorkItem.parse("{\"job\":\"trust\",\"shard\":1,\"token\":\"t\",\"step\":0,"
                + "\"dispatchedAt\":\"yesterday\",\"budgetSeconds\":60}")).isInstanceOf(WorkItem.InvalidWorkItemException.class);
    }

    @Test
    void theCatalogNamesEachJobOnceWithABudgetWellInsideItsPeriodsWorker() {
        Set<String> names = JobCatalog.ALL.stream().map(JobSpec::name).collect(Collectors.toSet());
        assertThat(names).hasSameSizeAs(JobCatalog.ALL);
        assertThat(JobCatalog.ALL).allSatisfy(spec -> assertThat(spec.alarmAge()).isGreaterThan(spec.period()));
        assertThat(JobCatalog.get("order-maturation").logicalName()).isEqualTo("OrderMaturation");
        assertThat(JobCatalog.get("order-maturation").envName()).isEqualTo("ORDER_MATURATION");
    }

    @Test
    void aBacklogSumsItsShardsCountsAndKeepsTheOldestOfTheirOldest() {
        Instant early = Instant.parse("2026-12-07T08:00:00Z");
        Backlog sum = Backlog.sum(java.util.List.of(Backlog.of(3, Optional.of(early.plusSeconds(60))), Backlog.NONE,
                new Backlog(250, true, Optional.of(early))));
        assertThat(sum).isEqualTo(new Backlog(253, true, Optional.of(early)));
        assertThat(sum.oldestAge(early.plus(Duration.ofMinutes(5)))).isEqualTo(Duration.ofMinutes(5));
        assertThat(Backlog.NONE.hasWork()).isFalse();
    }
}
