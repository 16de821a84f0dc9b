package com.alliance.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alliance.errors.ConflictException;
import com.alliance.errors.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SampleRequestTest {

    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    private static final SampleSettings SETTINGS = SampleSettings.defaults();
    private static final SampleAddress ADDRESS = SampleAddress.entered("张小明", "138-0013-8000", "上海市浦东新区世纪大道 100 号");

    private final SampleRequest requested = SampleRequest.requested("smp_1", "p_tea", "b_leaf", "h_alice", ADDRESS, 0, T0,
            SETTINGS);

    private static SampleRequest.Shipment shipment(Instant at) {
        return new SampleRequest.Shipment("SF Express", "SF123", at);
    }

    private static String code(Runnable step) {
        try {
            step.run();
        } catch (ConflictException e) {
            return e.code();
        }
        throw new AssertionError("the step was not refused");
    }

    @Test
    void eachStepSetsTheNextDeadlineAndOneVersionMore() {
        assertThat(requested.deadline()).contains(new SampleDeadline(SampleDeadline.Kind.REVIEW, T0.plus(Duration.ofDays(3))));
        SampleRequest approved = requested.approve(T0.plusSeconds(60), SETTINGS);
        assertThat(approved.deadline().orElseThrow().kind()).isEqualTo(SampleDeadline.Kind.SHIP);
        SampleRequest shipped = approved.ship(shipment(T0.plus(Duration.ofDays(1))), SETTINGS);
        assertThat(shipped.deadline()).contains(new SampleDeadline(SampleDeadline.Kind.AUTO_RECEIVE, T0.plus(Duration.ofDays(8))));
        assertThat(shipped.promiseDeadline()).contains(T0.plus(Duration.ofDays(22)));
        SampleRequest received = shipped.receive(T0.plus(Duration.ofDays(2)), SampleRequest.Receipt.HOST, SETTINGS);
        assertThat(received.promiseDeadline()).contains(T0.plus(Duration.ofDays(16)));
        assertThat(received.dueAt()).contains(T0.plus(Duration.ofDays(16)).plus(SampleSettings.PROMISE_SETTLE));
        assertThat(received.version()).isEqualTo(requested.version() + 3);
        assertThat(received.slot()).isEqualTo(requested.slot());
    }

    @Test
    void stepsThatDoNotFitTheStateAreRefusedWithTheirReason() {
        assertThat(code(() -> requested.ship(shipment(T0), SETTINGS))).isEqualTo("NOT_APPROVED");
        assertThat(code(() -> requested.receive(T0, SampleRequest.Receipt.HOST, SETTINGS))).isEqualTo("NOT_SHIPPED");
        SampleRequest rejected = requested.reject(T0, "no samples this month");
        assertThat(rejected.deadline()).isEmpty();
        assertThat(code(() -> rejected.ship(shipment(T0), SETTINGS))).isEqualTo("NOT_APPROVED");
        assertThat(code(() -> rejected.approve(T0, SETTINGS))).isEqualTo("ALREADY_DECIDED");
        SampleRequest received = requested.approve(T0, SETTINGS).ship(shipment(T0), SETTINGS)
                .receive(T0, SampleRequest.Receipt.HOST, SETTINGS);
        assertThat(code(() -> received.receive(T0, SampleRequest.Receipt.HOST, SETTINGS))).isEqualTo("ALREADY_RECEIVED");
        assertThatThrownBy(() -> requested.reject(T0, " ")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new SampleRequest.Shipment("SF", "SF 12", T0)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void eachDeadlineLapsesIntoItsOwnOutcomeAndNothingLapsesEarly() {
        Instant review = T0.plus(SETTINGS.review());
        assertThat(requested.lapse(review.minusMillis(1), SETTINGS)).isEmpty();
        SampleRequest expired = requested.lapse(review, SETTINGS).orElseThrow();
        assertThat(expired.status()).isEqualTo(SampleStatus.EXPIRED);
        assertThat(expired.reason()).contains("not reviewed in time");

        SampleRequest approved = requested.approve(T0, SETTINGS);
        assertThat(approved.lapse(T0.plus(SETTINGS.ship()), SETTINGS).orElseThrow().reason()).contains("not shipped in time");

        SampleRequest shipped = approved.ship(shipment(T0), SETTINGS);
        SampleRequest autoReceived = shipped.lapse(T0.plus(Duration.ofDays(30)), SETTINGS).orElseThrow();
        assertThat(autoReceived.status()).isEqualTo(SampleStatus.RECEIVED);
        assertThat(autoReceived.receivedBy()).contains(SampleRequest.Receipt.AUTO);
        assertThat(autoReceived.receivedAt()).as("received at the deadline, not when the job ran")
                .contains(T0.plus(SETTINGS.autoReceive()));

        Instant promise = autoReceived.promiseDeadline().orElseThrow();
        assertThat(autoReceived.lapse(promise.plus(SampleSettings.PROMISE_SETTLE).minusMillis(1), SETTINGS)).isEmpty();
        SampleRequest unfulfilled = autoReceived.lapse(promise.plus(SampleSettings.PROMISE_SETTLE), SETTINGS).orElseThrow();
        assertThat(unfulfilled.status()).isEqualTo(SampleStatus.UNFULFILLED);
        assertThat(unfulfilled.lapse(promise.plus(Duration.ofDays(99)), SETTINGS)).as("closed: nothing more lapses").isEmpty();
    }

    @Test
    void onlyAnOrderPaidAfterTheShipmentAndByThePromiseFulfilsEvenOnceTheJobClosedIt() {
        Instant shippedAt = T0.plus(Duration.ofDays(1));
        SampleRequest shipped = requested.approve(T0, SETTINGS).ship(shipment(shippedAt), SETTINGS);
        assertThat(requested.fulfilledBy(shippedAt)).as("not shipped").isFalse();
        assertThat(shipped.fulfilledBy(shippedAt.minusMillis(1))).as("paid before the shipment").isFalse();
        SampleRequest shippedMidSecond = requested.approve(T0, SETTINGS).ship(shipment(shippedAt.plusMillis(268)), SETTINGS);
        assertThat(shippedMidSecond.fulfilledBy(shippedAt)).as("an order event's whole second of the shipment").isTrue();
        assertThat(shipped.fulfilledBy(shippedAt)).isTrue();
        Instant promise = shipped.promiseDeadline().orElseThrow();
        assertThat(shipped.fulfilledBy(promise.plusMillis(1))).isFalse();
        SampleRequest unfulfilled = shipped.lapse(promise.plus(Duration.ofDays(30)), SETTINGS).orElseThrow()
                .lapse(promise.plus(Duration.ofDays(60)), SETTINGS).orElseThrow();
        assertThat(unfulfilled.status()).isEqualTo(SampleStatus.UNFULFILLED);
        Instant receivedPromise = unfulfilled.promiseDeadline().orElseThrow();
        assertThat(unfulfilled.fulfilledBy(receivedPromise)).as("an order paid in time, folded late").isTrue();
        SampleRequest fulfilled = unfulfilled.fulfil("o-1", receivedPromise);
        assertThat(fulfilled.status()).isEqualTo(SampleStatus.FULFILLED);
        assertThat(fulfilled.orderId()).contains("o-1");
        assertThat(fulfilled.fulfilledBy(receivedPromise)).as("fulfilled once").isFalse();
    }

    @Test
    void theAddressIsWholeForTheShipperAndMaskedForEveryoneElse() {
        assertThat(requested.addressFor(true)).isEqualTo(ADDRESS);
        SampleAddress masked = requested.addressFor(false);
        assertThat(masked.name()).isEqualTo("张*");
        assertThat(masked.phone()).isEqualTo("138****8000");
        assertThat(masked.line()).isEqualTo("上海市浦东新****");
        assertThat(masked.line()).doesNotContain("100");
        assertThatThrownBy(() -> SampleAddress.entered("A", "call me", "x")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> SampleAddress.entered(" ", "13800138000", "x")).isInstanceOf(InvalidInputException.class);
    }
}
