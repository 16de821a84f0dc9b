package com.alliance.persistence;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Instants in sort keys: fixed-width UTC with nine fraction digits, so string order is time order
 * (Instant.toString drops zero fractions, and "00Z" sorts after "00.5Z").
 */
public final class SortableTime {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private SortableTime() {
    }

    public static String of(Instant instant) {
        return FORMAT.format(instant);
    }

    /** The instant a sort key starts with ({@code of(instant) + "#…"}). */
    public static Instant parse(String sortKey) {
        int end = sortKey.indexOf('Z');
        if (end < 0) {
            throw new IllegalArgumentException("no sortable time at the start of " + sortKey);
        }
        return Instant.from(FORMAT.parse(sortKey.substring(0, end + 1)));
    }
}
