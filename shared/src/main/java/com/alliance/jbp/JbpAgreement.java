package com.alliance.jbp;

import com.alliance.errors.InvalidInputException;
import com.alliance.ids.Ids;
import com.alliance.json.Fields;
import com.alliance.money.Bps;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A brand's joint business plan for one period: a GMV target for each leg of the 1+1 model and tiers
 * of rebate on the platform sales fee. Periods are whole days in China Standard Time.
 */
public record JbpAgreement(String jbpId, String brandId, LocalDate periodStart, LocalDate periodEnd,
                           long selfBroadcastTargetFen, long distributionTargetFen, List<RebateTier> tiers,
                           List<String> selfBroadcastHostIds) {

    public static final ZoneId PERIOD_ZONE = ZoneId.of("Asia/Shanghai");
    static final long MAX_TARGET_FEN = 10_000_000_000_000L;
    static final int MAX_PERIOD_DAYS = 366;
    /** Each id costs a read when the agreement is made; a brand runs a handful of accounts, not hundreds. */
    public static final int MAX_SELF_BROADCAST_HOSTS = 100;

    public JbpAgreement {
        tiers = List.copyOf(tiers);
        selfBroadcastHostIds = List.copyOf(selfBroadcastHostIds);
    }

    /** The first instant of the period. */
    public Instant startsAt() {
        return periodStart.atStartOfDay(PERIOD_ZONE).toInstant();
    }

    /** The first instant after the period: the rebate is due from then on. */
    public Instant endsAt() {
        return periodEnd.plusDays(1).atStartOfDay(PERIOD_ZONE).toInstant();
    }

    /** Reads the body of {@code POST /brands/{brandId}/jbp}, checking every field. */
    public static JbpAgreement fromJson(String brandId, JsonNode body) {
        LocalDate start = date(body, "periodStart");
        LocalDate end = date(body, "periodEnd");
        if (end.isBefore(start) || start.plusDays(MAX_PERIOD_DAYS).isBefore(end)) {
            throw InvalidInputException.field("periodEnd", "periodEnd must be on or after periodStart, within "
                    + MAX_PERIOD_DAYS + " days");
        }
        JsonNode targets = Fields.object(body, "targets");
        long self = target(targets, "selfBroadcastGmvFen");
        long distribution = target(targets, "distributionGmvFen");
        JsonNode tiersJson = Fields.array(body, "rebateTiers");
        if (tiersJson.isEmpty() || tiersJson.size() > 10) {
            throw InvalidInputException.field("rebateTiers", "give 1 to 10 rebate tiers");
        }
        List<RebateTier> tiers = new ArrayList<>();
        Set<Long> reachedSeen = new HashSet<>();
        for (int i = 0; i < tiersJson.size(); i++) {
            String at = "rebateTiers[" + i + "]";
            JsonNode tier = tiersJson.get(i);
            if (!tier.isObject()) {
                throw InvalidInputException.field(at, at + " must be {reachedBps, rebateBps}");
            }
            long reached = Fields.integer(tier, "reachedBps");
            long rebate = Fields.integer(tier, "rebateBps");
            if (reached < 1 || reached > Bps.ONE_HUNDRED_PERCENT || !reachedSeen.add(reached)) {
                throw InvalidInputException.field(at + ".reachedBps", "reachedBps must be 1 to 10000 and distinct");
            }
            if (rebate < 1 || rebate > Bps.ONE_HUNDRED_PERCENT) {
                throw InvalidInputException.field(at + ".rebateBps", "rebateBps must be 1 to 10000");
            }
            tiers.add(new RebateTier(Bps.of((int) reached), Bps.of((int) rebate)));
        }
        List<String> hosts = new ArrayList<>();
        JsonNode hostsJson = Fields.array(body, "selfBroadcastHostIds");
        if (hostsJson.size() > MAX_SELF_BROADCAST_HOSTS) {
            throw InvalidInputException.field("selfBroadcastHostIds",
                    "selfBroadcastHostIds may name at most " + MAX_SELF_BROADCAST_HOSTS + " hosts");
        }
        for (int i = 0; i < hostsJson.size(); i++) {
            String host = hostsJson.get(i).asText();
            if (!hostsJson.get(i).isTextual() || !Ids.isKind(host, Ids.HOST)) {
                throw InvalidInputException.field("selfBroadcastHostIds[" + i + "]", "a host id (h_...) is expected");
            }
            if (hosts.contains(host)) {
                throw InvalidInputException.field("selfBroadcastHostIds[" + i + "]", "host " + host + " is named twice");
            }
            hosts.add(host);
        }
        return new JbpAgreement(Ids.next("jbp_"), brandId, start, end, self, distribution, tiers, hosts);
    }

    private static LocalDate date(JsonNode body, String field) {
        try {
            return LocalDate.parse(Fields.text(body, field));
        } catch (DateTimeParseException e) {
            throw InvalidInputException.field(field, field + " must be a date like 2026-11-01");
        }
    }

    private static long target(JsonNode targets, String field) {
        if (!targets.has(field)) {
            throw new InvalidInputException("FIELD_REQUIRED", "targets." + field + " is required", "targets." + field);
        }
        long value = Fields.integer(targets, field);
        if (value < 1 || value > MAX_TARGET_FEN) {
            throw InvalidInputException.field("targets." + field, "a GMV target is 1 to " + MAX_TARGET_FEN + " fen");
        }
        return value;
    }
}
