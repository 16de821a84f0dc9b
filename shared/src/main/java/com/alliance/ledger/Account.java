package com.alliance.ledger;

import java.util.Comparator;
import java.util.Objects;

/**
 * One ledger account: a type from the chart of accounts and the party that holds it.
 *
 * @param type  the kind of account, see {@link AccountType}
 * @param party who holds it: a brand, host, lead or buyer id; {@value #PLATFORM} for platform revenue;
 *              the order id for {@link AccountType#ORDER_CLEARING}, so each order clears on its own
 */
public record Account(AccountType type, String party) implements Comparable<Account> {

    public static final String PLATFORM = "platform";

    private static final Comparator<Account> ORDER =
            Comparator.comparing(Account::type).thenComparing(Account::party);

    public Account {
        Objects.requireNonNull(type, "type");
        if (party == null || party.isBlank()) {
            throw new IllegalArgumentException("account party must not be blank");
        }
        if (type.isPlatformRevenue() != PLATFORM.equals(party)) {
            throw new IllegalArgumentException(type + " is held by the platform alone, not " + party);
        }
    }

    public static Account orderClearing(String orderId) {
        return new Account(AccountType.ORDER_CLEARING, orderId);
    }

    public static Account brand(String brandId) {
        return new Account(AccountType.BRAND, brandId);
    }

    public static Account host(String hostId) {
        return new Account(AccountType.HOST, hostId);
    }

    public static Account lead(String leadId) {
        return new Account(AccountType.LEAD, leadId);
    }

    /** What the marketplace owes a buyer for late shipments, charged to the brands (credit). */
    public static Account buyerCompensation(String buyerId) {
        return new Account(AccountType.BUYER_COMPENSATION, buyerId);
    }

    public static Account platformSalesFee() {
        return new Account(AccountType.PLATFORM_SALES_FEE, PLATFORM);
    }

    public static Account platformServiceFee() {
        return new Account(AccountType.PLATFORM_SERVICE_FEE, PLATFORM);
    }

    @Override
    public int compareTo(Account other) {
        return ORDER.compare(this, other);
    }
}
