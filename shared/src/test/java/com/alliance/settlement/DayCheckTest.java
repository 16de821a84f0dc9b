package com.alliance.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.ledger.Account;
import com.alliance.ledger.AccountType;
import com.alliance.ledger.LedgerEntry;
import com.alliance.ledger.Posting;
import com.alliance.ledger.PostingState;
import com.alliance.persistence.ChangeRecord;
import com.alliance.persistence.Items;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DayCheckTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 30);
    private static final Instant AT = Instant.parse("2026-11-30T08:00:00Z");

    /** One event: postings of one cause that net to zero, as every transaction of the ledger writes them. */
    record Event(String cause, List<Long> amounts, List<PostingState> states, List<AccountType> types) {
    }

    @Provide
    Arbitrary<List<Event>> days() {
        Arbitrary<Event> event = Combinators.combine(Arbitraries.integers().between(0, 30).map(i -> "o-" + i),
                Arbitraries.longs().between(1, 5_000_000).list().ofMinSize(1).ofMaxSize(4),
                Arbitraries.of(PostingState.class).list().ofSize(5),
                Arbitraries.of(AccountType.BRAND, AccountType.HOST, AccountType.LEAD, AccountType.PLATFORM_SALES_FEE)
                        .list().ofSize(5)).as((cause, credits, states, types) -> {
                    List<Long> amounts = new ArrayList<>(credits);
                    amounts.add(-credits.stream().mapToLong(Long::longValue).sum()); // the clearing account's debit
                    return new Event(cause, amounts, states, types);
                });
        return event.list().ofMinSize(1).ofMaxSize(60);
    }

    private static List<LoggedPosting> postings(List<Event> events) {
        List<LoggedPosting> postings = new ArrayList<>();
        for (int e = 0; e < events.size(); e++) {
            Event event = events.get(e);
            for (int i = 0; i < event.amounts().size(); i++) {
                boolean clearing = i == event.amounts().size() - 1;
                AccountType type = clearing ? AccountType.ORDER_CLEARING : event.types().get(i);
                String party = clearing ? event.cause() : type.isPlatformRevenue() ? Account.PLATFORM : "p-" + i;
                postings.add(new LoggedPosting("ev" + e + "#" + i, event.cause(), "ev" + e, type, party,
                        event.states().get(i), event.amounts().get(i)));
            }
        }
        return postings;
    }

    private static Map<Integer, List<LoggedPosting>> bySlice(List<LoggedPosting> postings) {
        Map<Integer, List<LoggedPosting>> slices = new HashMap<>();
        for (int slice = 0; slice < LedgerDayLog.SLICES; slice++) {
            slices.put(slice, new ArrayList<>());
        }
        postings.forEach(p -> slices.get(LedgerDayLog.sliceOf(p.cause())).add(p));
        return slices;
    }

    private static DayCheck.Checkpoint close(List<LoggedPosting> postings, Optional<DayCheck.Checkpoint> previous) {
        List<DayCheck.Slice> slices = new ArrayList<>();
        bySlice(postings).forEach((slice, those) -> slices.add(DayCheck.slice(slice, those)));
        return DayCheck.close(DAY, slices, DayCheck.RunChecks.NONE, previous, AT);
    }

    @Property
    void aDayOfBalancedEventsAnswersWhatTheFullReconciliationAnswersOfTheSamePostings(@ForAll("days") List<Event> events) {
        List<LoggedPosting> postings = postings(events);
        DayCheck.Checkpoint day = close(postings, Optional.empty());

        Reconciliation full = new Reconciliation(List.of(), List.of(), List.of());
        postings.forEach(p -> full.add(new LedgerEntry(new Posting(p.postingId(), p.cause(), p.eventId(),
                new Account(p.accountType(), p.party()), p.amountFen(), p.state(), "r"), AT, "POST#" + p.postingId())));
        Reconciliation.Report report = full.report();

        assertThat(day.balanced()).isTrue();
        assertThat(report.balanced()).isTrue();
        assertThat(day.postings()).isEqualTo(report.postings());
        assertThat(day.debitsFen()).isEqualTo(report.debitsFen());
        assertThat(day.creditsFen()).isEqualTo(report.creditsFen());
        assertThat(day.byState()).isEqualTo(report.totalsByState());
        assertThat(day.owedToPayees()).isEqualTo(report.owedToPayeesByState());
        assertThat(day.causes()).isEqualTo(report.ordersChecked());
        assertThat(day.closingByState()).isEqualTo(day.byState());
    }

    @Property
    void aTamperedPostingUnbalancesItsDayAndIsNamedWithItsCause(@ForAll("days") List<Event> events,
                                                                  @ForAll @IntRange(min = 0, max = 1_000) int which,
                                                                  @ForAll @IntRange(min = 1, max = 999) int byFen) {
        List<LoggedPosting> postings = new ArrayList<>(postings(events));
        int index = which % postings.size();
        LoggedPosting p = postings.get(index);
        postings.set(index, new LoggedPosting(p.postingId(), p.cause(), p.eventId(), p.accountType(), p.party(), p.state(),
                p.amountFen() + byFen));

        DayCheck.Checkpoint day = close(postings, Optional.empty());

        assertThat(day.balanced()).isFalse();
        assertThat(day.creditsFen() - day.debitsFen()).isEqualTo(byFen);
        assertThat(day.unbalancedCauseCount()).isEqualTo(1);
        assertThat(day.unbalancedCauses()).containsExactly(new Reconciliation.Imbalance(p.cause(), byFen));
        assertThat(day.unbalancedEvents()).isEqualTo(1);
    }

    @Property
    void eachDayContinuesTheClosingTotalsOfTheDayBefore(@ForAll("days") List<Event> first, @ForAll("days") List<Event> second) {
        DayCheck.Checkpoint one = close(postings(first), Optional.empty());
        DayCheck.Checkpoint two = DayCheck.close(DAY.plusDays(3), bySliceChecked(postings(second)), DayCheck.RunChecks.NONE,
                Optional.of(one), AT);

        SortedMap<PostingState, Long> expected = new TreeMap<>(one.closingByState());
        two.byState().forEach((state, fen) -> expected.merge(state, fen, Long::sum));
        assertThat(two.closingByState()).isEqualTo(expected);
        assertThat(two.previousDay()).contains(DAY);
        assertThat(DayCheck.continues(one, two)).isTrue();
    }

    private static List<DayCheck.Slice> bySliceChecked(List<LoggedPosting> postings) {
        List<DayCheck.Slice> slices = new ArrayList<>();
        bySlice(postings).forEach((slice, those) -> slices.add(DayCheck.slice(slice, those)));
        return slices;
    }

    private static ChangeRecord inserted(long sequence, Map<String, AttributeValue> item) {
        return new ChangeRecord("shard-1", Long.toString(sequence), AT, Map.of(), item);
    }

    private static Map<String, AttributeValue> posting(String postingId, String cause, String postedAt) {
        return Items.builder().s("pk", "PARTY#h_1#0").s("sk", "POST#" + postedAt + "#" + postingId)
                .s("postingId", postingId).s("orderId", cause).s("eventId", postingId.substring(0, postingId.indexOf('#')))
                .s("accountType", "HOST").s("party", "h_1").n("amountFen", 7).s("state", "PENDING").s("reason", "r")
                .s("postedAt", postedAt).build();
    }

    @Test
    void theLogCutsABatchByChinaStandardTimeDayAndByCauseAndLeavesOutWhatIsNoNewPosting() {
        List<ChangeRecord> batch = List.of(
                inserted(1, posting("a#0", "o-1", "2026-11-30T15:59:59Z")),
                inserted(2, posting("b#0", "o-1", "2026-11-30T16:00:00Z")),
                inserted(3, Items.builder().s("pk", "CHECKPOINT#h_1#0").s("sk", "AT#2026-11-30T15:45:00Z").n("postings", 1).build()),
                new ChangeRecord("shard-1", "4", AT, posting("c#0", "o-2", "2026-11-30T10:00:00Z"),
                        posting("c#0", "o-2", "2026-11-30T10:00:00Z")),
                inserted(5, posting("d#0", "o-1", "2026-11-30T01:00:00Z")));

        List<LedgerDayLog.Part> parts = LedgerDayLog.of(batch);

        assertThat(parts).extracting(LedgerDayLog.Part::day).containsExactly(DAY, DAY.plusDays(1));
        assertThat(parts.get(0).postings()).extracting(LoggedPosting::postingId).containsExactly("a#0", "d#0");
        assertThat(parts.get(0).slice()).isEqualTo(LedgerDayLog.sliceOf("o-1"));
        assertThat(parts.get(0).key()).isEqualTo("a#0");
        assertThat(parts.get(0).firstSequence()).isEqualTo(batch.get(0).sortableSequence());
        assertThat(parts.get(1).postings()).extracting(LoggedPosting::postingId).containsExactly("b#0");
    }
}
