package com.alliance.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import org.junit.jupiter.api.Test;

class PostingSetTest {

    private static Posting posting(int index, Account account, long amountFen) {
        return new Posting(Posting.idOf("evt-1", index), "order-1", "evt-1", account, amountFen,
                PostingState.PENDING, "test");
    }

    @Test
    void aBalancedSetIsAccepted() {
        PostingSet set = new PostingSet("evt-1", "order-1", List.of(
                posting(0, Account.orderClearing("order-1"), -100),
                posting(1, Account.brand("brand-1"), 95),
                posting(2, Account.platformSalesFee(), 5)));

        assertThat(set.postings()).hasSize(3);
        assertThat(Positions.total(Positions.of(set.postings()))).isZero();
    }

    @Test
    void anUnbalancedSetIsRefusedWithItsImbalance() {
        assertThatThrownBy(() -> new PostingSet("evt-1", "order-1", List.of(
                posting(0, Account.orderClearing("order-1"), -100),
                posting(1, Account.brand("brand-1"), 99))))
                .isInstanceOf(UnbalancedPostingsException.class)
                .hasMessageContaining("-1")
                .satisfies(e -> assertThat(((UnbalancedPostingsException) e).imbalanceFen()).isEqualTo(-1));
    }

    @Test
    void anEmptySetIsBalanced() {
        assertThat(PostingSet.empty("evt-1", "order-1").isEmpty()).isTrue();
    }

    @Test
    void postingsAreNumberedFromTheEventIdInOrder() {
        assertThatIllegalArgumentException().isThrownBy(() -> new PostingSet("evt-1", "order-1", List.of(
                posting(1, Account.orderClearing("order-1"), -100),
                posting(0, Account.brand("brand-1"), 100))));
    }

    @Test
    void aPostingOfAnotherEventIsRefused() {
        Posting foreign = new Posting("evt-2#0", "order-1", "evt-2", Account.brand("brand-1"), 100,
                PostingState.PENDING, "test");
        assertThatIllegalArgumentException().isThrownBy(() -> new PostingSet("evt-1", "order-1", List.of(foreign)));
    }

    @Test
    void aPostingMovesMoneyAndIsIdentifiedByItsEvent() {
        assertThatIllegalArgumentException().isThrownBy(() -> posting(0, Account.brand("brand-1"), 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new Posting("other#0", "order-1", "evt-1",
                Account.brand("brand-1"), 1, PostingState.PENDING, "test"));
        assertThatIllegalArgumentException().isThrownBy(() -> new Posting("evt-1#x", "order-1", "evt-1",
                Account.brand("brand-1"), 1, PostingState.PENDING, "test"));
        assertThatIllegalArgumentException().isThrownBy(() -> new Posting("evt-1#0", "order-1", "evt-1",
                Account.brand("brand-1"), 1, PostingState.PENDING, " "));
    }

    @Test
    void aPositionSumsPostingsPerAccountAndStateAndDropsZeros() {
        Posting credit = posting(0, Account.brand("brand-1"), 100);
        Posting reversal = new Posting("evt-2#0", "order-1", "evt-2", Account.brand("brand-1"), -100,
                PostingState.PENDING, "test");
        Posting held = new Posting("evt-2#1", "order-1", "evt-2", Account.brand("brand-1"), 30,
                PostingState.HELD, "test");

        assertThat(Positions.of(List.of(credit, reversal, held)))
                .containsExactly(entry(
                        PositionKey.of(Account.brand("brand-1"), PostingState.HELD), 30L));
    }
}
