package com.alliance.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FakeOrderRulesTest {

    private static final RiskSettings ALL = RiskSettings.defaults();
    private static final Instant FROM = Instant.parse("2026-11-20T09:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-20T11:10:00Z");

    private static FakeOrderRules.RoomFacts room(long classified, long fresh, long uv, long watchMinutes) {
        return new FakeOrderRules.RoomFacts(FROM, TO, classified, fresh, uv, watchMinutes, 0, 0, 0, 0);
    }

    private static FakeOrderRules.Facts facts(int buyerOrders, long paid, long refunded, FakeOrderRules.RoomFacts room,
                                              long unitPriceFen) {
        return new FakeOrderRules.Facts("buyer", "p-1", buyerOrders, paid, refunded, LocalDate.parse("2026-10-21"),
                LocalDate.parse("2026-11-20"), room, unitPriceFen);
    }

    @Test
    void anOrdinaryOrderFiresNothing() {
        assertThat(FakeOrderRules.atReview(facts(1, 20, 0, room(1, 1, 0, 0), 10_000), ALL)).isEmpty();
        assertThat(FakeOrderRules.atPayment("buyer", "host", "p-1", true, ALL)).isEmpty();
    }

    @Test
    void theRulesOfThePaymentAloneFireAtPaymentWithTheirReasons() {
        assertThat(FakeOrderRules.atPayment("host", "host", "p-1", false, ALL))
                .containsOnlyKeys("SELF_PURCHASE", "NOT_PICKED")
                .containsEntry("SELF_PURCHASE", "the buyer is the selling host host");
    }

    @Test
    void aPopularRoomExplainsItsFirstTimeBuyers() {
        // 200 000 viewers watching 20 minutes each; 5 000 first-time buyers in the hour
        assertThat(FakeOrderRules.atReview(facts(1, 5_000, 0, room(5_000, 5_000, 200_000, 4_000_000), 10_000), ALL))
                .isEmpty();
    }

    @Test
    void aTinyRoomCannotExplainItsFirstTimeBuyers() {
        Map<String, String> fired = FakeOrderRules.atReview(facts(1, 25, 0, room(25, 25, 30, 300), 10_000), ALL);
        assertThat(fired).containsOnlyKeys("NEW_BUYER_BURST");
        assertThat(fired.get("NEW_BUYER_BURST")).contains("25 of 25 orders", "audience of 30", "explains at most 3",
                "10.00% conversion");
    }

    @Test
    void viewersWhoNeverWatchExplainNoBuyers() {
        // 10 000 UV pumped in, 20 watch minutes between them: the audience is 20
        assertThat(FakeOrderRules.atReview(facts(1, 25, 0, room(25, 25, 10_000, 20), 10_000), ALL))
                .containsOnlyKeys("NEW_BUYER_BURST");
    }

    @Test
    void aRoomOfReturningCustomersIsARealAudience() {
        // 25 first-time buyers among 100 orders: 25%, below the 50% share the rule needs
        assertThat(FakeOrderRules.atReview(facts(1, 100, 0, room(100, 25, 30, 300), 10_000), ALL)).isEmpty();
    }

    @Test
    void aHostThatUsuallyConvertsHighlyMayConvertSoAgainAndACheapProductConvertsEasier() {
        FakeOrderRules.RoomFacts usual = new FakeOrderRules.RoomFacts(FROM, TO, 250, 250, 1_000, 10_000,
                2_000, 10_000, 2_000, 400);
        // usual 20% conversion × 3, capped at 30%: 300 of 1 000 viewers explained
        assertThat(FakeOrderRules.atReview(facts(1, 250, 0, usual, 10_000), ALL)).isEmpty();
        // at the default 10%, 100 are explained; a ¥5 product doubles it to 200: 150 are explained, 250 not
        FakeOrderRules.RoomFacts plain = room(150, 150, 1_000, 10_000);
        assertThat(FakeOrderRules.atReview(facts(1, 150, 0, plain, 10_000), ALL)).containsOnlyKeys("NEW_BUYER_BURST");
        assertThat(FakeOrderRules.atReview(facts(1, 150, 0, plain, 500), ALL)).isEmpty();
    }

    @Test
    void aHostWhoseBuyersAreUsuallyNewNeedsAllOfThemNewToFire() {
        FakeOrderRules.RoomFacts mostlyNew = new FakeOrderRules.RoomFacts(FROM, TO, 25, 22, 30, 300,
                100, 0, 100, 90);
        // usual share 90% + 20% margin, capped at 100%: 22 of 25 (88%) is within the host's usual mix
        assertThat(FakeOrderRules.atReview(facts(1, 25, 0, mostlyNew, 10_000), ALL)).isEmpty();
    }

    @Test
    void aFourthOrderOfOneProductByOneBuyerFiresRepeatBuyer() {
        assertThat(FakeOrderRules.atReview(facts(3, 20, 0, room(1, 1, 0, 0), 10_000), ALL)).isEmpty();
        assertThat(FakeOrderRules.atReview(facts(4, 20, 0, room(1, 1, 0, 0), 10_000), ALL))
                .containsOnlyKeys("REPEAT_BUYER");
    }

    @Test
    void aRefundRateAboveThirtyPercentFiresWithEnoughOrders() {
        assertThat(FakeOrderRules.atReview(facts(1, 11, 4, room(1, 1, 0, 0), 10_000), ALL))
                .containsEntry("HIGH_REFUND_RATE", "the host refunded 4 orders against 11 paid from 2026-10-21 to "
                        + "2026-11-20 (36.36%, above 30.00%)");
        assertThat(FakeOrderRules.atReview(facts(1, 9, 4, room(1, 1, 0, 0), 10_000), ALL)).isEmpty();
    }

    @Test
    void rulesThatAreOffNeverFire() {
        RiskSettings onlySelf = RiskSettings.fromEnvironment(Map.of("RISK_RULES", "self_purchase")::get);
        assertThat(FakeOrderRules.atReview(facts(9, 11, 9, room(25, 25, 0, 0), 10_000), onlySelf)).isEmpty();
        assertThat(onlySelf.anyDeferred()).isFalse();
        assertThat(FakeOrderRules.atPayment("host", "host", "p", false, RiskSettings.fromEnvironment(Map.of("RISK_RULES", "NONE")::get)))
                .isEmpty();
    }

    @Test
    void theRoomSettingsAndTheLatenessAreReadFromTheEnvironment() {
        RiskSettings read = RiskSettings.fromEnvironment(Map.of("RISK_BURST_CONVERSION_BPS", "500",
                "RISK_LATENESS_MINUTES", "30")::get);
        assertThat(read.room().conversionBps()).isEqualTo(500);
        assertThat(read.lateness()).hasMinutes(30);
        assertThat(RiskSettings.defaults().room()).isEqualTo(RiskSettings.Room.defaults());
    }
}
