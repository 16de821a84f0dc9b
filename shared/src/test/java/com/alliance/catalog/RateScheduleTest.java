package com.alliance.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class RateScheduleTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final Duration NOTICE = Duration.ofHours(24);
    private static final String HOST = "h_alice";

    private final RateSchedule listed = RateSchedule.listed(2_000,
            List.of(new RateSchedule.TargetedRate("h_bob", 3_000)), T0);

    @Test
    void aTargetedRateBeatsTheOpenRate() {
        assertThat(listed.rateFor("h_bob", T0)).isEqualTo(3_000);
        assertThat(listed.rateFor(HOST, T0)).isEqualTo(2_000);
    }

    @Test
    void aDecreaseTakesEffectOnlyAfterTheNoticePeriod() {
        Instant at = T0.plus(Duration.ofHours(1));
        RateSchedule lowered = listed.change(Optional.empty(), 1_000, at, NOTICE);
        assertThat(lowered.rateFor(HOST, at.plus(NOTICE).minusSeconds(1))).isEqualTo(2_000);
        assertThat(lowered.rateFor(HOST, at.plus(NOTICE))).isEqualTo(1_000);
        assertThat(lowered.upcoming(at)).extracting(RateChange::rateBps).containsExactly(1_000);
    }

    @Test
    void anIncreaseTakesEffectAtOnce() {
        Instant at = T0.plus(Duration.ofHours(1));
        RateSchedule raised = listed.change(Optional.empty(), 2_500, at, NOTICE);
        assertThat(raised.rateFor(HOST, at)).isEqualTo(2_500);
        assertThat(raised.upcoming(at)).isEmpty();
    }

    @Test
    void aNewChangeReplacesThePendingDecreaseOfTheSameScope() {
        Instant first = T0.plus(Duration.ofHours(1));
        Instant second = first.plus(Duration.ofHours(2));
        RateSchedule schedule = listed.change(Optional.empty(), 1_000, first, NOTICE)
                .change(Optional.empty(), 2_200, second, NOTICE);
        assertThat(schedule.upcoming(second)).isEmpty();
        assertThat(schedule.rateFor(HOST, second.plus(Duration.ofDays(3)))).isEqualTo(2_200);
    }

    @Test
    void aTargetedRateBelowTheOpenRateAlsoWaitsTheNoticePeriod() {
        RateSchedule schedule = listed.change(Optional.of(HOST), 500, T0, NOTICE);
        assertThat(schedule.rateFor(HOST, T0.plus(Duration.ofHours(23)))).isEqualTo(2_000);
        assertThat(schedule.rateFor(HOST, T0.plus(NOTICE))).isEqualTo(500);
    }

    @Test
    void thePlanRateIsTheHighestTargetedRateOnceEveryAnnouncedChangeIsInForce() {
        RateSchedule plan = RateSchedule.listed(2_000, List.of(new RateSchedule.TargetedRate("h_bob", 3_000),
                new RateSchedule.TargetedRate("h_carol", 2_500)), T0);
        assertThat(plan.planRateAhead()).contains(3_000);

        // bob's cut is announced, not yet in force: the plan already offers what it will pay
        RateSchedule lowered = plan.change(Optional.of("h_bob"), 1_000, T0.plusSeconds(60), NOTICE);
        assertThat(lowered.rateFor("h_bob", T0.plusSeconds(60))).isEqualTo(3_000);
        assertThat(lowered.planRateAhead()).contains(2_500);

        // a raise is in force at once, and counts at once
        assertThat(lowered.change(Optional.of("h_carol"), 4_000, T0.plusSeconds(120), NOTICE).planRateAhead()).contains(4_000);
    }

    @Test
    void aScheduleThatTargetsNoHostHasNoPlanRate() {
        assertThat(RateSchedule.listed(2_000, List.of(), T0).planRateAhead()).isEmpty();
        assertThat(RateSchedule.listed(2_000, List.of(), T0).change(Optional.empty(), 5_000, T0, NOTICE).planRateAhead())
                .isEmpty();
    }

    record Request(long minutesLater, boolean targeted, int rateBps) {
    }

    /**
     * Hosts are never surprised: within the notice period after any change, a host earns at least
     * what the schedule promised it just before that change.
     */
    @Property(tries = 1000)
    void noHostEarnsLessThanPromisedWithinTheNoticePeriod(@ForAll("requests") List<Request> requests) {
        RateSchedule schedule = listed;
        Instant now = T0;
        List<RateSchedule> before = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        for (Request request : requests) {
            now = now.plus(Duration.ofMinutes(request.minutesLater()));
            before.add(schedule);
            times.add(now);
            schedule = schedule.change(request.targeted() ? Optional.of(HOST) : Optional.empty(),
                    request.rateBps(), now, NOTICE);
        }
        for (int i = 0; i < times.size(); i++) {
            for (long minutes = 0; minutes < NOTICE.toMinutes(); minutes += 97) {
                Instant moment = times.get(i).plus(Duration.ofMinutes(minutes));
                assertThat(schedule.rateFor(HOST, moment)).isGreaterThanOrEqualTo(before.get(i).rateFor(HOST, moment));
                assertThat(schedule.rateFor("h_carol", moment))
                        .isGreaterThanOrEqualTo(before.get(i).rateFor("h_carol", moment));
            }
        }
    }

    @Provide
    Arbitrary<List<Request>> requests() {
        return Combinators.combine(Arbitraries.longs().between(0, 3 * 24 * 60), Arbitraries.of(true, false),
                        Arbitraries.integers().between(RateChange.MIN_RATE_BPS, RateChange.MAX_RATE_BPS))
                .as(Request::new).list().ofMaxSize(8);
    }
}
