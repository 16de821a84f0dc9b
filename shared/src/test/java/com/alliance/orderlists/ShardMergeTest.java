package com.alliance.orderlists;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Paging a sharded list by {@link ShardMerge} visits every matching order once, newest first, whatever stops early. */
class ShardMergeTest {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    @Provide
    Arbitrary<List<Set<Integer>>> shards() {
        // up to 16 shards, each a set of distinct seconds; an order's key is its second and its shard
        return Arbitraries.integers().between(0, 400).set().ofMaxSize(40).list().ofMinSize(1).ofMaxSize(16);
    }

    @Property(tries = 300)
    void pagesTogetherAreTheWholeListNewestFirst(@ForAll("shards") List<Set<Integer>> shards,
                                                 @ForAll @IntRange(min = 1, max = 12) int limit,
                                                 @ForAll @IntRange(min = 1, max = 15) int perShardRead,
                                                 @ForAll @IntRange(min = 0, max = 3) int filterModulo) {
        List<List<OrderListQuery.Position>> stored = new ArrayList<>();
        List<OrderListQuery.Position> expected = new ArrayList<>();
        for (int s = 0; s < shards.size(); s++) {
            List<OrderListQuery.Position> positions = new ArrayList<>();
            for (int second : shards.get(s)) {
                OrderListQuery.Position p = new OrderListQuery.Position(T0.plusSeconds(second), "o-" + s + "-" + second);
                positions.add(p);
                if (matches(p, filterModulo)) {
                    expected.add(p);
                }
            }
            positions.sort(Comparator.comparing(OrderListQuery.Position::key).reversed());
            stored.add(positions);
        }
        expected.sort(Comparator.comparing(OrderListQuery.Position::key).reversed());

        List<OrderListQuery.Position> seen = new ArrayList<>();
        Optional<OrderListQuery.Position> after = Optional.empty();
        for (int pages = 0; pages < 10_000; pages++) {
            List<ShardMerge.ShardRead> reads = new ArrayList<>();
            for (List<OrderListQuery.Position> shard : stored) {
                reads.add(read(shard, after, perShardRead, filterModulo));
            }
            ShardMerge.Page page = ShardMerge.page(reads, limit);
            assertThat(page.rows().size()).isLessThanOrEqualTo(limit);
            seen.addAll(page.rows());
            if (page.next().isEmpty()) {
                break;
            }
            assertThat(after.map(a -> page.next().get().key().compareTo(a.key()) < 0).orElse(true))
                    .as("each page goes on strictly below the last").isTrue();
            after = page.next();
        }
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(new TreeSet<>(seen.stream().map(OrderListQuery.Position::key).toList())).hasSize(seen.size());
    }

    private static boolean matches(OrderListQuery.Position p, int modulo) {
        return modulo == 0 || p.paidAt().getEpochSecond() % (modulo + 1) == 0;
    }

    /** A Query of one shard: below {@code after}, at most {@code evaluate} entries evaluated, the filter applied after. */
    private static ShardMerge.ShardRead read(List<OrderListQuery.Position> shard, Optional<OrderListQuery.Position> after,
                                             int evaluate, int filterModulo) {
        List<OrderListQuery.Position> below = shard.stream()
                .filter(p -> after.isEmpty() || p.key().compareTo(after.get().key()) < 0).toList();
        List<OrderListQuery.Position> evaluated = below.subList(0, Math.min(evaluate, below.size()));
        Optional<OrderListQuery.Position> stopped = below.size() > evaluate
                ? Optional.of(evaluated.get(evaluated.size() - 1)) : Optional.empty();
        return new ShardMerge.ShardRead(evaluated.stream().filter(p -> matches(p, filterModulo)).toList(), stopped);
    }
}
