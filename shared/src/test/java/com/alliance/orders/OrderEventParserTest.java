package com.alliance.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class OrderEventParserTest {

    static final String PAID = """
            {"eventId":"evt-1","type":"ORDER_PAID","orderId":"order-1","occurredAt":"2025-06-18T20:00:00+08:00",
             "productId":"product-1","hostId":"host-1","buyerId":"buyer-1","quantity":2,"paidFen":19900,
             "activityLeadId":"lead-1"}""";
    static final String REFUNDED = """
            {"eventId":"evt-2","type":"ORDER_REFUNDED","orderId":"order-1","occurredAt":"2025-06-19T12:00:00Z",
             "refundFen":500}""";
    static final String STATS = """
            {"eventId":"evt-3","type":"LIVE_SESSION_STATS","orderId":"order-1","occurredAt":"2025-06-19T12:00:00Z",
             "hostId":"host-1","sessionId":"s-1","privateUv":120,"publicUv":3400,"watchMinutes":9000,
             "startedAt":"2025-06-19T10:00:00Z","endedAt":"2025-06-19T12:00:00Z"}""";
    static final String COMPLAINT = """
            {"eventId":"evt-4","type":"COMPLAINT_FILED","orderId":"order-1","occurredAt":"2025-06-19T12:00:00Z",
             "brandId":"brand-1","reason":"arrived broken"}""";
    static final String SHIPPED = """
            {"eventId":"evt-5","type":"ORDER_SHIPPED","orderId":"order-1","occurredAt":"2025-06-19T12:00:00Z"}""";

    @Test
    void aPaymentIsReadWithItsOptionalLeadAndOffsetTime() throws InvalidEventException {
        OrderEvent event = OrderEventParser.parse(PAID);

        assertThat(event).isEqualTo(new OrderPaid("evt-1", "order-1", Instant.parse("2025-06-18T12:00:00Z"),
                "product-1", "host-1", "buyer-1", 2, 19_900, Optional.of("lead-1")));
    }

    @Test
    void aPaymentWithoutLeadHasNone() throws InvalidEventException {
        OrderPaid withoutLead = (OrderPaid) OrderEventParser.parse(PAID.replace(",\n \"activityLeadId\":\"lead-1\"", ""));
        OrderPaid nullLead = (OrderPaid) OrderEventParser.parse(PAID.replace("\"lead-1\"", "null"));

        assertThat(withoutLead.activityLeadId()).isEmpty();
        assertThat(nullLead.activityLeadId()).isEmpty();
    }

    @Test
    void everyEventTypeIsRead() throws InvalidEventException {
        assertThat(OrderEventParser.parse(REFUNDED)).isEqualTo(
                new OrderRefunded("evt-2", "order-1", Instant.parse("2025-06-19T12:00:00Z"), 500));
        assertThat(OrderEventParser.parse(STATS)).isInstanceOf(LiveSessionStats.class)
                .extracting(e -> ((LiveSessionStats) e).publicUv()).isEqualTo(3_400L);
        assertThat(OrderEventParser.parse(COMPLAINT)).isInstanceOf(ComplaintFiled.class);
        assertThat(OrderEventParser.parse(SHIPPED)).isEqualTo(
                new OrderShipped("evt-5", "order-1", Instant.parse("2025-06-19T12:00:00Z")));
        for (String type : List.of("ORDER_RECEIVED", "ORDER_CANCELLED")) {
            assertThat(OrderEventParser.parse(SHIPPED.replace("ORDER_SHIPPED", type)).type().name()).isEqualTo(type);
        }
    }

    @Test
    void fieldsOfOtherTypesAreIgnored() throws InvalidEventException {
        assertThat(OrderEventParser.parse(SHIPPED.replace("}", ",\"refundFen\":-3,\"note\":{\"x\":[1]}}")))
                .isInstanceOf(OrderShipped.class);
    }

    @Test
    void aMissingFieldIsNamed() {
        assertInvalid(PAID.replace("\"paidFen\":19900,", ""), "paidFen", "missing");
        assertInvalid(PAID.replace("\"hostId\":\"host-1\",", "\"hostId\":null,"), "hostId", "missing");
    }

    @Test
    void aBlankOrMistypedFieldIsNamed() {
        assertInvalid(PAID.replace("\"buyer-1\"", "\"  \""), "buyerId", "blank");
        assertInvalid(PAID.replace("19900", "\"19900\""), "paidFen", "whole number");
        assertInvalid(PAID.replace("19900", "199.00"), "paidFen", "whole number");
        assertInvalid(PAID.replace("19900", "1.99e4"), "paidFen", "whole number");
        assertInvalid(PAID.replace("\"host-1\"", "42"), "hostId", "string");
        assertInvalid(PAID.replace("\"lead-1\"", "\"\""), "activityLeadId", "blank");
    }

    @Test
    void amountsMustBePositiveAndQuantityAtLeastOne() {
        assertInvalid(PAID.replace("19900", "0"), "paidFen", "positive");
        assertInvalid(PAID.replace("19900", "-1"), "paidFen", "positive");
        assertInvalid(REFUNDED.replace("500", "0"), "refundFen", "positive");
        assertInvalid(PAID.replace("\"quantity\":2", "\"quantity\":0"), "quantity", "positive");
        assertInvalid(PAID.replace("\"quantity\":2", "\"quantity\":3000000000"), "quantity", "too large");
        assertInvalid(STATS.replace("\"privateUv\":120", "\"privateUv\":-1"), "privateUv", "negative");
    }

    @Test
    void numbersBeyondALongAreRefusedNotWrapped() {
        assertInvalid(PAID.replace("19900", "9223372036854775808"), "paidFen", "64-bit");
        assertInvalid(REFUNDED.replace("500", "99999999999999999999999"), "refundFen", "64-bit");
    }

    @Test
    void datesMustBeIsoInstantsWithAnOffset() {
        assertInvalid(SHIPPED.replace("2025-06-19T12:00:00Z", "2025-06-19 12:00"), "occurredAt", "ISO-8601");
        assertInvalid(SHIPPED.replace("2025-06-19T12:00:00Z", "2025-06-19T12:00:00"), "occurredAt", "ISO-8601");
        assertInvalid(SHIPPED.replace("2025-06-19T12:00:00Z", "2025-02-30T12:00:00Z"), "occurredAt", "ISO-8601");
        assertInvalid(STATS.replace("\"startedAt\":\"2025-06-19T10:00:00Z\"", "\"startedAt\":1718791200"),
                "startedAt", "string");
    }

    @Test
    void aSessionCannotEndBeforeItStarts() {
        assertInvalid(STATS.replace("2025-06-19T10:00:00Z", "2025-06-19T13:00:00Z"), "endedAt", "before startedAt");
    }

    @Test
    void anUnknownOrMissingTypeIsRefused() {
        assertInvalid(SHIPPED.replace("ORDER_SHIPPED", "ORDER_LOST"), "type", "ORDER_LOST");
        assertInvalid(SHIPPED.replace("ORDER_SHIPPED", "order_shipped"), "type", "unknown");
        assertInvalid(SHIPPED.replace("\"type\":\"ORDER_SHIPPED\",", ""), "type", "missing");
    }

    @Test
    void producersCannotSendTheMarketplacesOwnEventsOrUseTheirIds() {
        assertInvalid(SHIPPED.replace("ORDER_SHIPPED", "ORDER_MATURED"), "type", "ORDER_MATURED");
        assertInvalid(SHIPPED.replace("evt-5", "alliance:mature:order-1"), "eventId", "reserved");
    }

    @Test
    void somethingThatIsNotOneJsonObjectIsRefused() {
        for (String junk : List.of("", "   ", "null", "[]", "42", "\"x\"", "{", "{\"a\":1}{\"b\":2}",
                SHIPPED + " trailing", "{\"eventId\":\"a\",\"eventId\":\"b\"}")) {
            Throwable thrown = catchThrowable(() -> OrderEventParser.parse(junk));
            assertThat(thrown).as(junk).isInstanceOf(InvalidEventException.class);
            assertThat(((InvalidEventException) thrown).field()).as(junk).isEmpty();
        }
        assertThatThrownBy(() -> OrderEventParser.parse(null)).isInstanceOf(InvalidEventException.class);
    }

    @Test
    void pathologicalInputIsRefusedAsInvalidToo() {
        for (String hostile : List.of("[".repeat(10_000), "{\"a\":".repeat(5_000),
                PAID.replace("19900", "9".repeat(5_000)), PAID.replace("19900", "1e999999999"))) {
            Throwable thrown = catchThrowable(() -> OrderEventParser.parse(hostile));
            assertThat(thrown).as(hostile.substring(0, Math.min(80, hostile.length()))).isInstanceOf(InvalidEventException.class);
        }
    }

    @Test
    void textThatIsNotValidUnicodeIsRefused() throws InvalidEventException {
        assertInvalid(PAID.replace("\"buyer-1\"", "\"buyer-\\ud800\""), "buyerId", "Unicode");
        assertInvalid(PAID.replace("\"buyer-1\"", "\"\\udc00buyer\""), "buyerId", "Unicode");
        OrderPaid emoji = (OrderPaid) OrderEventParser.parse(PAID.replace("\"buyer-1\"", "\"买家-\\ud83d\\ude00\""));
        assertThat(emoji.buyerId()).isEqualTo("买家-\uD83D\uDE00");
    }

    @Property(tries = 1_000)
    void junkNeverThrowsAnythingButInvalidEvent(@ForAll("junk") String junk) {
        assertParsesOrIsInvalid(junk);
    }

    @Property(tries = 2_000)
    void mutatedValidMessagesNeverThrowAnythingButInvalidEvent(
            @ForAll("validMessages") String valid, @ForAll long seed, @ForAll("mutationCounts") int mutations) {
        Random random = new Random(seed);
        String mutated = valid;
        for (int i = 0; i < mutations; i++) {
            mutated = mutate(mutated, random);
        }
        assertParsesOrIsInvalid(mutated);
    }

    @Provide
    Arbitrary<String> junk() {
        Arbitrary<String> anyChars = Arbitraries.strings().all().ofMaxLength(60);
        Arbitrary<String> jsonish = Arbitraries.strings().withChars("{}[]\":,0123456789-+.eEtrufalsn \\")
                .ofMaxLength(60);
        return Arbitraries.oneOf(anyChars, jsonish);
    }

    @Provide
    Arbitrary<String> validMessages() {
        return Arbitraries.of(PAID, REFUNDED, STATS, COMPLAINT, SHIPPED);
    }

    @Provide
    Arbitrary<Integer> mutationCounts() {
        return Arbitraries.integers().between(1, 4);
    }

    private static final List<String> REPLACEMENTS = List.of("null", "0", "-1", "\"\"", "\" \"", "[]", "{}",
            "true", "1.5", "1e400", "99999999999999999999", "-9223372036854775808", "\"2025-13-01T00:00:00Z\"",
            "\"ORDER_PAID\"", "\"ORDER_REFUNDED\"", "\"LIVE_SESSION_STATS\"", "\"COMPLAINT_FILED\"", "\"\\u0000\"");

    /** Deletes, duplicates or swaps a character, or replaces a value with a troublesome one. */
    private static String mutate(String json, Random random) {
        if (json.isEmpty()) {
            return REPLACEMENTS.get(random.nextInt(REPLACEMENTS.size()));
        }
        int at = random.nextInt(json.length());
        switch (random.nextInt(4)) {
            case 0:
                return json.substring(0, at) + json.substring(at + 1);
            case 1:
                return json.substring(0, at) + json.charAt(at) + json.substring(at);
            case 2:
                return json.substring(0, at) + (char) random.nextInt(128) + json.substring(at + 1);
            default:
                int colon = json.indexOf(':', at);
                if (colon < 0) {
                    return json;
                }
                int end = colon + 1;
                while (end < json.length() && json.charAt(end) != ',' && json.charAt(end) != '}') {
                    end++;
                }
                return json.substring(0, colon + 1) + REPLACEMENTS.get(random.nextInt(REPLACEMENTS.size()))
                        + json.substring(end);
        }
    }

    private static void assertParsesOrIsInvalid(String message) {
        Throwable thrown = catchThrowable(() -> assertThat(OrderEventParser.parse(message)).isNotNull());
        if (thrown != null) {
            assertThat(thrown).as(message).isInstanceOf(InvalidEventException.class);
            assertThat(thrown.getMessage()).isNotBlank();
        }
    }

    private static void assertInvalid(String json, String field, String reasonPart) {
        Throwable thrown = catchThrowable(() -> OrderEventParser.parse(json));
        assertThat(thrown).as(json).isInstanceOf(InvalidEventException.class);
        InvalidEventException invalid = (InvalidEventException) thrown;
        assertThat(invalid.field()).as(invalid.getMessage()).contains(field);
        assertThat(invalid.getMessage()).contains(field).contains(reasonPart);
    }
}
