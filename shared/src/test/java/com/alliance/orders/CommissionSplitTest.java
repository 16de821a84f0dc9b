package com.alliance.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alliance.money.Bps;
import com.alliance.money.Money;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class CommissionSplitTest {

    @Test
    void distributionOrderPaysHostCommissionLessServiceFeeAndBrandTheRest() {
        CommissionSplit split = CommissionSplit.of(10_000, CommissionTerms.distribution("brand-1", Bps.of(2_000)));

        assertThat(split).isEqualTo(new CommissionSplit(10_000, 1_800, 0, 200, 500, 7_500));
    }

    @Test
    void leadEarnsItsRateOfPaidChargedToTheBrandLessTheSameServiceFee() {
        CommissionSplit split = CommissionSplit.of(10_000,
                CommissionTerms.distribution("brand-1", Bps.of(2_000)).withLead("lead-1", Bps.of(300)));

        // lead fee 300 of which the platform takes 30; brand pays commission 2000 + lead 300 + sales 500
        assertThat(split).isEqualTo(new CommissionSplit(10_000, 1_800, 270, 230, 500, 7_200));
    }

    @Test
    void selfBroadcastOrderPaysOnlyTheInternalRateAndTheSalesFee() {
        assertThat(CommissionSplit.of(10_000, CommissionTerms.selfBroadcast("brand-1", Bps.ZERO)))
                .isEqualTo(new CommissionSplit(10_000, 0, 0, 0, 500, 9_500));
        assertThat(CommissionSplit.of(10_000, CommissionTerms.selfBroadcast("brand-1", Bps.of(300))))
                .isEqualTo(new CommissionSplit(10_000, 300, 0, 0, 500, 9_200));
    }

    @Test
    void eachChargeRoundsHalfEvenAndTheBrandAbsorbsTheRounding() {
        // paid 1010 at 25%: commission 252.5 -> 252 (even); service fee 25.2 -> 25; sales fee 50.5 -> 50
        CommissionSplit split = CommissionSplit.of(1_010, CommissionTerms.distribution("brand-1", Bps.of(2_500)));

        assertThat(split).isEqualTo(new CommissionSplit(1_010, 227, 0, 25, 50, 708));
        // paid 1030: commission 257.5 -> 258 (even); service fee 25.8 -> 26; sales fee 51.5 -> 52
        assertThat(CommissionSplit.of(1_030, CommissionTerms.distribution("brand-1", Bps.of(2_500))))
                .isEqualTo(new CommissionSplit(1_030, 232, 0, 26, 52, 720));
    }

    @Test
    void termsThatChargeMoreThanPaidAreRefused() {
        // 3 fen at 50% + 16.67% + 16.67%: 1.5 -> 2, 0.5001 -> 1, 0.5001 -> 1 = 4 fen of 3
        CommissionTerms terms = CommissionTerms.distribution("brand-1", Bps.of(5_000))
                .withLead("lead-1", Bps.of(1_667)).withSalesFeeRate(Bps.of(1_667));

        assertThatThrownBy(() -> CommissionSplit.of(3, terms))
                .isInstanceOf(ChargesExceedPaidException.class)
                .hasMessageContaining("4 fen").hasMessageContaining("3 fen");
    }

    @Test
    void ratesAboveOneHundredPercentOfPaidAreRefusedUpFront() {
        assertThatIllegalArgumentException().isThrownBy(() ->
                CommissionTerms.distribution("brand-1", Bps.of(9_600)).withLead("lead-1", Bps.of(300)));
    }

    @Test
    void aLeadRateNeedsALead() {
        assertThatIllegalArgumentException().isThrownBy(() -> new CommissionTerms(Leg.DISTRIBUTION, "brand-1",
                Bps.of(2_000), Bps.of(1_000), Optional.empty(), Bps.of(300), Bps.of(500)));
    }

    @Test
    void legFollowsTheSellingHostsKind() {
        assertThat(Leg.forHostKind("BRAND_SELF")).isEqualTo(Leg.SELF_BROADCAST);
        assertThat(Leg.forHostKind("INDEPENDENT")).isEqualTo(Leg.DISTRIBUTION);
        assertThatIllegalArgumentException().isThrownBy(() -> Leg.forHostKind("OFFICIAL_STORE"));
    }

    @Test
    void scalingASplitShrinksEveryShareProRata() {
        CommissionSplit split = new CommissionSplit(10_000, 1_800, 270, 230, 500, 7_200);

        assertThat(split.scaledTo(5_000)).isEqualTo(new CommissionSplit(5_000, 900, 135, 115, 250, 3_600));
        assertThat(split.scaledTo(0)).isEqualTo(new CommissionSplit(0, 0, 0, 0, 0, 0));
        assertThat(split.scaledTo(10_000)).isEqualTo(split);
    }

    @Test
    void scalingLeftoverFenGoesToTheBrandFirstOnEqualRemainders() {
        // shares 1,1,0,0,1 of 3 scaled to 2: each exact share is 2/3, the brand is first in party order
        CommissionSplit split = new CommissionSplit(3, 1, 0, 0, 1, 1);

        assertThat(split.scaledTo(2)).isEqualTo(new CommissionSplit(2, 1, 0, 0, 0, 1));
    }

    @Property(tries = 1_000)
    void sharesSumExactlyToPaidForAnyAmountAndRates(
            @ForAll @LongRange(min = 1, max = 10_000_000_000L) long paidFen,
            @ForAll("terms") CommissionTerms terms) {
        CommissionSplit split;
        try {
            split = CommissionSplit.of(paidFen, terms);
        } catch (ChargesExceedPaidException refused) {
            // only rounding on tiny orders can push charges past paid
            assertThat(paidFen).isLessThan(15_000);
            return;
        }
        assertThat(split.hostFen() + split.leadFen() + split.platformServiceFeeFen()
                + split.platformSalesFeeFen() + split.brandFen()).isEqualTo(paidFen);
        assertThat(split.brandFen()).isNotNegative();
        long commissionAndLeadFee = Money.percentOf(paidFen, terms.hostRate()) + Money.percentOf(paidFen, terms.leadRate());
        assertThat(split.hostFen() + split.leadFen() + split.platformServiceFeeFen()).isEqualTo(commissionAndLeadFee);
        assertThat(split.platformSalesFeeFen()).isEqualTo(Money.percentOf(paidFen, terms.salesFeeRate()));
    }

    @Property(tries = 500)
    void scaledSharesSumExactlyAndNeverGrow(
            @ForAll @LongRange(min = 1, max = 10_000_000_000L) long paidFen,
            @ForAll("terms") CommissionTerms terms,
            @ForAll @LongRange(min = 0, max = 10_000) long keptPerTenThousand) {
        if (paidFen < 15_000) {
            return;
        }
        CommissionSplit split = CommissionSplit.of(paidFen, terms);
        long kept = paidFen / 10_000 * keptPerTenThousand;

        CommissionSplit scaled = split.scaledTo(kept);

        assertThat(scaled.paidFen()).isEqualTo(kept);
        assertThat(scaled.hostFen()).isLessThanOrEqualTo(split.hostFen());
        assertThat(scaled.leadFen()).isLessThanOrEqualTo(split.leadFen());
        assertThat(scaled.platformServiceFeeFen()).isLessThanOrEqualTo(split.platformServiceFeeFen());
        assertThat(scaled.platformSalesFeeFen()).isLessThanOrEqualTo(split.platformSalesFeeFen());
        assertThat(scaled.brandFen()).isLessThanOrEqualTo(split.brandFen());
    }

    @Provide
    Arbitrary<CommissionTerms> terms() {
        Arbitrary<Integer> host = Arbitraries.integers().between(0, 10_000);
        Arbitrary<Integer> lead = Arbitraries.integers().between(0, 10_000);
        Arbitrary<Integer> sales = Arbitraries.integers().between(0, 10_000);
        Arbitrary<Integer> service = Arbitraries.integers().between(0, 10_000);
        Arbitrary<Leg> leg = Arbitraries.of(Leg.class);
        return Combinators.combine(leg, host, lead, sales, service)
                .filter((l, h, ld, s, sv) -> h + ld + s <= 10_000)
                .as((l, h, ld, s, sv) -> {
                    CommissionTerms terms = new CommissionTerms(l, "brand-1", Bps.of(h), Bps.of(sv),
                            Optional.empty(), Bps.ZERO, Bps.of(s));
                    return ld == 0 ? terms : terms.withLead("lead-1", Bps.of(ld));
                });
    }
}
