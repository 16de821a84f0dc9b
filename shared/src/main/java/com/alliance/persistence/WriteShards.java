package com.alliance.persistence;

/**
 * Write sharding: a partition key that many writers need gets a suffix computed from the writer's own id
 * ({@code PARTY#platform#17}), so its writes spread over {@code count} partitions and a read fans out over
 * them. The shard of an id never changes, so every write of one order lands on the same shard.
 */
public final class WriteShards {

    private WriteShards() {
    }

    /** The shard, 0 to {@code count - 1}, that {@code writerId} writes to. */
    public static int of(String writerId, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("a key needs at least one shard, not " + count);
        }
        return Math.floorMod(writerId.hashCode(), count);
    }

    /** {@code key#shard}: the sharded partition key that {@code writerId} writes to. */
    public static String key(String key, String writerId, int count) {
        return key + "#" + of(writerId, count);
    }
}
