package com.alliance.orderlists;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Merges one page of a sharded list, newest first, from what each shard's Query answered (no I/O). A shard that
 * stopped early ({@code more}) has been read only down to its last evaluated key; below the highest such key some
 * shard is unread, so the page holds only the matches at or above it, and {@code next} continues strictly below the
 * page's last row, or below that key when the page is not full. A filtered page may so hold fewer rows than asked
 * for, never a row out of order, and never skips one.
 */
public final class ShardMerge {

    private ShardMerge() {
    }

    /** What one shard's Query answered: its matches, newest first, and where it stopped when it did early. */
    public record ShardRead(List<OrderListQuery.Position> matches, Optional<OrderListQuery.Position> stoppedAt) {
    }

    public record Page(List<OrderListQuery.Position> rows, Optional<OrderListQuery.Position> next) {
    }

    private static final Comparator<OrderListQuery.Position> NEWEST_FIRST =
            Comparator.comparing(OrderListQuery.Position::key).reversed();

    public static Page page(List<ShardRead> shards, int limit) {
        Optional<OrderListQuery.Position> cutoff = shards.stream().flatMap(s -> s.stoppedAt().stream())
                .max(Comparator.comparing(OrderListQuery.Position::key));
        List<OrderListQuery.Position> complete = new ArrayList<>();
        for (ShardRead shard : shards) {
            for (OrderListQuery.Position match : shard.matches()) {
                if (cutoff.isEmpty() || match.key().compareTo(cutoff.get().key()) >= 0) {
                    complete.add(match);
                }
            }
        }
        complete.sort(NEWEST_FIRST);
        if (complete.size() > limit) {
            List<OrderListQuery.Position> rows = List.copyOf(complete.subList(0, limit));
            return new Page(rows, Optional.of(rows.get(limit - 1)));
        }
        return new Page(List.copyOf(complete), cutoff);
    }
}
