package com.alliance.samples;

import com.alliance.risk.Trust;

/**
 * What a brand reads about a host before it answers the host's application or sample request: how many of its
 * sample promises it kept ({@code fulfilled}: sold in a session in time) and let lapse ({@code unfulfilled}), and the
 * trust matching uses for it.
 */
public record SampleRecord(long fulfilled, long unfulfilled, Trust trust) {

    public static final SampleRecord NONE = new SampleRecord(0, 0, Trust.NEUTRAL);

    public SampleRecord {
        if (fulfilled < 0 || unfulfilled < 0) {
            throw new IllegalArgumentException("counts are never negative");
        }
    }

    /** Promises closed either way. */
    public long closed() {
        return fulfilled + unfulfilled;
    }
}
