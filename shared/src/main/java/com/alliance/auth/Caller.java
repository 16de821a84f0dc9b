package com.alliance.auth;

import com.alliance.errors.ForbiddenException;
import com.alliance.errors.NotFoundException;
import java.util.Arrays;
import java.util.Objects;

/**
 * Who is calling, from the verified token: subject, role and the party (brand or host id) it acts for.
 * Parties only ever see their own data: {@link #requireParty} answers 404, not 403, for another's.
 */
public record Caller(String subject, Role role, String party) {

    public Caller {
        Objects.requireNonNull(subject);
        Objects.requireNonNull(role);
        Objects.requireNonNull(party);
    }

    public boolean is(Role other) {
        return role == other;
    }

    /** Refuses a caller whose role is none of {@code allowed}. */
    public void requireRole(Role... allowed) {
        if (Arrays.stream(allowed).noneMatch(this::is)) {
            throw new ForbiddenException("role " + role.claim() + " may not do this");
        }
    }

    /**
     * Refuses a caller acting for another party than {@code owner}, as if the resource did not exist.
     * Operators and finance act across parties.
     */
    public void requireParty(String owner, String what, String id) {
        if (role == Role.OPERATOR || role == Role.FINANCE) {
            return;
        }
        if (!party.equals(owner)) {
            throw NotFoundException.of(what, id);
        }
    }
}
