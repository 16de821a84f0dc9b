package com.alliance.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.catalog.Category;
import com.alliance.ledger.LedgerRepository;
import com.alliance.ledger.Posting;
import com.alliance.ledger.PostingState;
import com.alliance.orders.AfterSaleWindow;
import com.alliance.jobs.Deadline;
import com.alliance.jobs.JobDispatcher;
import com.alliance.jobs.JobDrain;
import com.alliance.jobs.JobWorker;
import com.alliance.jobs.ShardLeases;
import com.alliance.jobs.WorkItem;
import com.alliance.orders.MaturationJob;
import com.alliance.orders.OrderRepository;
import com.alliance.persistence.CapacityMeter;
import com.alliance.persistence.Items;
import com.alliance.persistence.Tables;
import com.alliance.testing.FinanceDesk;
import com.alliance.testing.LocalStores;
import com.alliance.testing.MutableClock;
import com.alliance.testing.OrderEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/** The maturation job against DynamoDB Local: due orders found by index, matured once, by posting. */
class MaturationTest {

    private final LocalStores stores = LocalStores.get();
    private final MutableClock clock = FinanceDesk.nextClock();
    private final FinanceDesk desk = new FinanceDesk(stores, clock, Settings.defaults());
    private final LedgerRepository ledger = new LedgerRepository(stores.dynamoDb());
    private final String brandId = desk.marketplace.brand();
    private final String productId = desk.marketplace.product(brandId, 2_000);
    private final String hostId = desk.marketplace.independentHost();

    {
        desk.marketplace.pick(hostId, productId);    // a host picks a product before it sells it
    }

    private Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> orderItem(String orderId) {
        return stores.dynamoDb().getItem(GetItemRequest.builder().tableName(Tables.ORDERS.tableName())
                .key(Items.key("ORDER#" + orderId, "STATE")).consistentRead(true).build()).item();
    }

    private long hostFen(PostingState state) {
        return ledger.postingsOf(hostId).stream().filter(p -> p.state() == state).mapToLong(Posting::amountFen).sum();
    }

    private void paidAndReceived(String order, Instant receivedAt) {
        paidAndReceived(desk, order, receivedAt);
    }

    private void paidAndReceived(FinanceDesk through, String order, Instant receivedAt) {
        through.deliver(OrderEvents.paid(order, receivedAt.minus(Duration.ofDays(2)), productId, hostId, 10_000),
                OrderEvents.milestone("ORDER_SHIPPED", order, receivedAt.minus(Duration.ofDays(1))),
                OrderEvents.milestone("ORDER_RECEIVED", order, receivedAt));
    }

    @Test
    void anOrderMaturesSevenDaysAfterReceiptOnceAndByPosting() {
        String order = FinanceDesk.orderId();
        paidAndReceived(order, clock.instant().minus(Duration.ofDays(5)));
        assertThat(orderItem(order)).containsKey("gsi2pk");

        desk.runJobs();
        assertThat(hostFen(PostingState.PENDING)).isEqualTo(1_800);

        clock.advance(Duration.ofDays(2));
        desk.runJobs();
        int postings = ledger.postingsOfOrder(order).size();
        desk.runJobs();

        assertThat(hostFen(PostingState.PENDING)).isZero();
        assertThat(hostFen(PostingState.SETTLEABLE)).isEqualTo(1_800);
        assertThat(ledger.postingsOfOrder(order)).hasSize(postings);
        assertThat(ledger.postingsOf(hostId)).extracting(Posting::reason).contains("host commission settleable: order matured");
        assertThat(orderItem(order)).doesNotContainKey("gsi2pk").containsKey("matured");
        assertThat(orderItem(order).get("status").s()).isEqualTo("MATURED");
    }

    @Test
    void anOrderNeverConfirmedReceivedMaturesAfterAutoReceiveAndTheWindow() {
        String order = FinanceDesk.orderId();
        desk.deliver(OrderEvents.paid(order, clock.instant().minus(Duration.ofDays(17)), productId, hostId, 10_000),
                OrderEvents.milestone("ORDER_SHIPPED", order, clock.instant().minus(Duration.ofDays(16))));

        desk.runJobs();
        assertThat(hostFen(PostingState.SETTLEABLE)).isZero();
        clock.advance(Duration.ofDays(1));
        desk.runJobs();

        assertThat(hostFen(PostingState.SETTLEABLE)).isEqualTo(1_800);
    }

    @Test
    void aCategoryWithItsOwnWindowMaturesOnItsOwnSchedule() {
        AfterSaleWindow foodInADay = new AfterSaleWindow(Duration.ofDays(7), Map.of(Category.FOOD, Duration.ofDays(1)),
                AfterSaleWindow.DEFAULT_AUTO_RECEIVE);
        FinanceDesk food = new FinanceDesk(stores, clock, Settings.defaults().withAfterSale(foodInADay));
        String order = FinanceDesk.orderId();
        paidAndReceived(food, order, clock.instant().minus(Duration.ofDays(2)));   // the fixture product is FOOD

        food.runJobs();

        assertThat(hostFen(PostingState.SETTLEABLE)).isEqualTo(1_800);
    }

    @Test
    void aRefundAfterMaturationClawsBackAndNothingMaturesTwice() {
        String order = desk.maturedOrder(productId, hostId, 10_000);

        desk.deliver(OrderEvents.refunded(order, clock.instant(), 10_000));
        desk.runJobs();

        assertThat(hostFen(PostingState.SETTLEABLE)).isZero();
        assertThat(ledger.postingsOf(hostId)).extracting(Posting::reason).contains("clawback of host commission: order refunded");
        assertThat(orderItem(order)).doesNotContainKey("gsi2pk");
    }

    @Test
    void aLongBacklogIsWorkedOffPageByPageAcrossWorkItemsEachHandingOnTheRest() {
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String order = FinanceDesk.orderId();
            paidAndReceived(order, clock.instant().minus(Duration.ofDays(8)));
            orders.add(order);
        }
        CapacityMeter capacity = new CapacityMeter();
        var clients = stores.clients(clock);
        OrderRepository repository = new OrderRepository(stores.dynamoDb(), new LedgerRepository(stores.dynamoDb()),
                capacity, AfterSaleWindow.defaults());
        MaturationJob job = new MaturationJob(repository, Wiring.orderEvents(clients, repository), 2, 2, 1);
        ShardLeases leases = new ShardLeases(stores.dynamoDb());
        JobWorker worker = new JobWorker(name -> Optional.of(job), leases);
        Deque<WorkItem> queue = new ArrayDeque<>();

        new JobDispatcher(leases).dispatch(job, clock.instant(), queue::add);
        List<Long> perItem = new ArrayList<>();
        while (!queue.isEmpty()) {
            perItem.add(worker.work(queue.poll(), clock.instant(), Deadline.after(Duration.ofMinutes(1)), queue::add)
                    .progress().done());
        }

        assertThat(perItem).allMatch(matured -> matured <= 2).hasSizeGreaterThanOrEqualTo(3);
        assertThat(orders).allMatch(o -> orderItem(o).containsKey("matured"));
        assertThat(hostFen(PostingState.SETTLEABLE)).isEqualTo(5 * 1_800);
        assertThat(JobDrain.run(job, leases, clock.instant())).isZero();
    }

    @Test
    void aCancelledOrFullyRefundedOrderHasNothingToMature() {
        String refunded = FinanceDesk.orderId();
        paidAndReceived(refunded, clock.instant().minus(Duration.ofDays(8)));
        desk.deliver(OrderEvents.refunded(refunded, clock.instant().minus(Duration.ofDays(7)), 10_000));
        String cancelled = FinanceDesk.orderId();
        desk.deliver(OrderEvents.paid(cancelled, clock.instant().minus(Duration.ofDays(30)), productId, hostId, 10_000),
                OrderEvents.milestone("ORDER_CANCELLED", cancelled, clock.instant().minus(Duration.ofDays(29))));

        desk.runJobs();

        assertThat(orderItem(refunded)).doesNotContainKeys("gsi2pk", "matured");
        assertThat(orderItem(cancelled)).doesNotContainKeys("gsi2pk", "matured");
        assertThat(ledger.postingsOf(hostId)).noneMatch(p -> p.state() == PostingState.SETTLEABLE);
    }
}
