package com.alliance.matching;

import static com.alliance.hosts.Examples.independent;
import static com.alliance.hosts.Examples.product;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.alliance.catalog.Category;
import com.alliance.catalog.Product;
import com.alliance.hosts.Host;
import com.alliance.hosts.HostCard;
import com.alliance.hosts.HostStats;
import com.alliance.risk.Trust;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatchScoringTest {

    private final MatchScoring scoring = new MatchScoring(MatchingSettings.defaults());
    private final HostCard alice = card(independent("h_alice", 100_000, 500_000, Category.FOOD, Category.HOME));

    private static HostCard card(Host host) {
        return new HostCard(host, HostStats.NONE);
    }

    private MatchScore score(HostCard host, Product product) {
        return scoring.score(host, product, product.rates().rateFor(host.hostId(), product.listedAt()), Trust.NEUTRAL);
    }

    @Test
    void productsForAHostRankByCategoryFitAndWhatTheyPay() {
        List<Product> goods = List.of(
                product("p_lip", "b_1", Category.BEAUTY, 3_000),
                product("p_cheap", "b_1", Category.FOOD, 500),
                product("p_set", "b_1", Category.HOME, 2_500),
                product("p_tea", "b_1", Category.FOOD, 2_000));
        List<String> ranked = goods.stream()
                .sorted(Comparator.comparingDouble((Product p) -> -score(alice, p).total()))
                .map(Product::productId).toList();
        // tea: main category at 20%; set: other category at 25%; cheap: main at 5%; lip: not her category
        assertThat(ranked).containsExactly("p_tea", "p_set", "p_cheap", "p_lip");
    }

    @Test
    void hostsForAProductRankMainCategoryAndAudienceFirst() {
        Product tea = product("p_tea", "b_1", Category.FOOD, 2_000);
        HostCard big = card(independent("h_big", 200_000, 1_000_000, Category.FOOD));
        HostCard sideline = card(independent("h_sideline", 200_000, 1_000_000, Category.HOME, Category.FOOD));
        HostCard small = card(independent("h_small", 1_000, 20_000, Category.FOOD));
        List<String> ranked = List.of(small, sideline, big).stream()
                .sorted(Comparator.comparingDouble((HostCard h) -> -score(h, tea).total()))
                .map(HostCard::hostId).toList();
        assertThat(ranked).containsExactly("h_big", "h_sideline", "h_small");
    }

    @Test
    void aPrivateDomainFanWeighsMoreThanAPublicDomainFan() {
        Product tea = product("p_tea", "b_1", Category.FOOD, 2_000);
        HostCard privateFans = card(independent("h_private", 300_000, 0, Category.FOOD));
        HostCard publicFans = card(independent("h_public", 0, 300_000, Category.FOOD));
        assertThat(score(privateFans, tea).component(ScoreComponent.AUDIENCE).value())
                .isGreaterThan(score(publicFans, tea).component(ScoreComponent.AUDIENCE).value());
        assertThat(score(privateFans, tea).total()).isGreaterThan(score(publicFans, tea).total());
    }

    @Test
    void aHostWithoutHistorySitsAtTheConversionPriorAndHistoryMovesIt() {
        Product tea = product("p_tea", "b_1", Category.FOOD, 2_000);
        ScoreComponent prior = score(alice, tea).component(ScoreComponent.CONVERSION);
        assertThat(prior.value()).isCloseTo(0.5, within(1e-9));
        assertThat(prior.detail()).contains("prior");

        // 100 orders in 50 watch hours (2 per hour) with a prior of 0.5/h worth 50 h: smoothed 1.25/h
        HostCard seller = new HostCard(alice.host(), new HostStats(100, 50 * 60));
        assertThat(score(seller, tea).component(ScoreComponent.CONVERSION).value()).isCloseTo(1.25 / 1.75, within(1e-9));
        HostCard idle = new HostCard(alice.host(), new HostStats(0, 50 * 60));
        assertThat(score(idle, tea).component(ScoreComponent.CONVERSION).value()).isLessThan(0.5);
    }

    @Test
    void trustIsNeutralUntilRiskScoresThePartiesAndThenCounts() {
        Product tea = product("p_tea", "b_1", Category.FOOD, 2_000);
        int rate = 2_000;
        assertThat(scoring.score(alice, tea, rate, Trust.NEUTRAL).component(ScoreComponent.TRUST).value()).isEqualTo(0.5);
        MatchScore trusted = scoring.score(new HostCard(alice.host().withTrust(new Trust(0.9)), HostStats.NONE), tea, rate,
                new Trust(0.7));
        assertThat(trusted.component(ScoreComponent.TRUST).value()).isCloseTo(0.8, within(1e-9));
        assertThat(trusted.total()).isGreaterThan(scoring.score(alice, tea, rate, Trust.NEUTRAL).total());
    }

    @Test
    void commissionScoresTheRateTheHostEarnsUpToTheSaturationRate() {
        assertThat(scoring.commission(1_500, 1).value()).isCloseTo(0.5, within(1e-9));
        assertThat(scoring.commission(3_000, 1).value()).isEqualTo(1.0);
        assertThat(scoring.commission(9_000, 1).value()).isEqualTo(1.0);
        assertThat(scoring.commission(0, 1).value()).isZero();
    }

    @Test
    void theScoreIsTheSumOfWeightedComponentsEachExplained() {
        MatchScore score = score(alice, product("p_tea", "b_1", Category.FOOD, 2_000));
        assertThat(score.components()).extracting(ScoreComponent::name).containsExactly(
                "categoryFit", "audience", "conversion", "trust", "commission");
        assertThat(score.components()).allSatisfy(c -> {
            assertThat(c.value()).isBetween(0.0, 1.0);
            assertThat(c.detail()).isNotBlank();
        });
        assertThat(score.components().stream().mapToDouble(ScoreComponent::weight).sum()).isCloseTo(1.0, within(1e-9));
        assertThat(score.total()).isCloseTo(score.components().stream().mapToDouble(c -> c.value() * c.weight()).sum(),
                within(1e-12)).isBetween(0.0, 1.0);
    }

    @Test
    void aBrandsHostMatchShowsSampleFulfilmentWithWeightZeroSoTheScoreIsTheSame() {
        Product tea = product("p_tea", "b_1", Category.FOOD, 2_000);
        HostCard kept = new HostCard(alice.host(), new HostStats(100, 50 * 60, 3, 1));

        MatchScore match = scoring.hostMatch(kept, tea, 2_000, Trust.NEUTRAL);
        MatchScore plain = scoring.score(kept, tea, 2_000, Trust.NEUTRAL);

        assertThat(match.components()).extracting(ScoreComponent::name).containsExactly(
                "categoryFit", "audience", "conversion", "trust", "commission", "sampleFulfilment");
        assertThat(match.components().subList(0, 5)).isEqualTo(plain.components());
        assertThat(match.total()).isEqualTo(plain.total());
        ScoreComponent fulfilment = match.component(ScoreComponent.SAMPLE_FULFILMENT);
        assertThat(fulfilment.weight()).isZero();
        assertThat(fulfilment.value()).isEqualTo(0.75);
        assertThat(fulfilment.detail()).isEqualTo(
                "3 of 4 sample promises kept (sold in a session in time); it weighs through the host's trust");

        ScoreComponent none = scoring.hostMatch(alice, tea, 2_000, Trust.NEUTRAL)
                .component(ScoreComponent.SAMPLE_FULFILMENT);
        assertThat(none.value()).isEqualTo(0.5);
        assertThat(none.detail()).isEqualTo("no sample promise closed yet");
        assertThat(scoring.hostStrength(kept)).as("the card order does not move either")
                .isEqualTo(scoring.hostStrength(new HostCard(alice.host(), new HostStats(100, 50 * 60))));
    }

    @Test
    void hostStrengthOrdersHostsByWhatTheyBringToAnyProduct() {
        HostCard big = card(independent("h_big", 200_000, 1_000_000, Category.FOOD));
        HostCard small = card(independent("h_small", 1_000, 20_000, Category.FOOD));
        assertThat(scoring.hostStrength(big)).isGreaterThan(scoring.hostStrength(small)).isLessThanOrEqualTo(1.0);
        HostCard provenSmall = new HostCard(small.host().withTrust(new Trust(1.0)), new HostStats(2_000, 100 * 60));
        assertThat(scoring.hostStrength(provenSmall)).isGreaterThan(scoring.hostStrength(small));
    }

    @Test
    void theWeightsDecideBetweenAFocusedHostAndABigOne() {
        Product tea = product("p_tea", "b_1", Category.FOOD, 500);
        HostCard sideline = card(independent("h_sideline", 0, 5_000_000, Category.HOME, Category.FOOD));
        HostCard focused = card(independent("h_focused", 0, 5_000, Category.FOOD));
        MatchScoring categoryFirst = new MatchScoring(MatchingSettings.defaults()
                .withWeights(MatchingWeights.parse("categoryFit=0.8,audience=0.05")));
        assertThat(categoryFirst.score(focused, tea, 500, Trust.NEUTRAL).total())
                .isGreaterThan(categoryFirst.score(sideline, tea, 500, Trust.NEUTRAL).total());
        MatchScoring audienceFirst = new MatchScoring(MatchingSettings.defaults()
                .withWeights(MatchingWeights.parse("categoryFit=0.05,audience=0.8")));
        assertThat(audienceFirst.score(sideline, tea, 500, Trust.NEUTRAL).total())
                .isGreaterThan(audienceFirst.score(focused, tea, 500, Trust.NEUTRAL).total());
    }

    @Test
    void eachTenfoldReachAddsTheSameAudienceBetweenFloorAndSaturation() {
        double thousand = scoring.audience(independent("h_a", 0, 1_000, Category.FOOD), 1).value();
        double tenThousand = scoring.audience(independent("h_b", 0, 10_000, Category.FOOD), 1).value();
        double million = scoring.audience(independent("h_c", 0, 1_000_000, Category.FOOD), 1).value();
        double huge = scoring.audience(independent("h_d", 0, 50_000_000, Category.FOOD), 1).value();
        assertThat(thousand).isZero();
        assertThat(tenThousand).isCloseTo(0.25, within(1e-9));
        assertThat(million).isCloseTo(0.75, within(1e-9));
        assertThat(huge).isEqualTo(1.0);
    }
}
