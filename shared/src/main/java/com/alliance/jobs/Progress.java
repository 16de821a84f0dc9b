package com.alliance.jobs;

import java.util.Optional;

/**
 * What one work item did in its shard: items done (changed), items that failed and stay due for a later item, and
 * whether work is left because the deadline came first ({@code more}), with the cursor to go on from.
 *
 * @param next where the next work item of the shard goes on from; empty to start from the shard's beginning
 */
public record Progress(long done, long failed, boolean more, Optional<String> next, Optional<String> lastError) {

    public static final Progress NOTHING = new Progress(0, 0, false, Optional.empty(), Optional.empty());

    public Progress {
        if (done < 0 || failed < 0) {
            throw new IllegalArgumentException("done and failed count items: " + done + ", " + failed);
        }
        if (next.isPresent() && !more) {
            throw new IllegalArgumentException("a cursor is handed on only when work is left");
        }
    }

    /** The shard is done for now: {@code done} items changed, {@code failed} left for a later dispatch. */
    public static Progress finished(long done, long failed, Optional<String> lastError) {
        return new Progress(done, failed, false, Optional.empty(), lastError);
    }

    /** The deadline came first: the next work item goes on from {@code next} (or the shard's start). */
    public static Progress stoppedAt(long done, long failed, Optional<String> next, Optional<String> lastError) {
        return new Progress(done, failed, true, next, lastError);
    }
}
