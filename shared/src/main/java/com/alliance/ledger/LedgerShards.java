package com.alliance.ledger;

import com.alliance.persistence.WriteShards;

/**
 * How many partitions each kind of account's postings spread over, and which one a posting goes to:
 * the shard of its order id ({@link Posting#orderId}: an order, a run, a JBP agreement), so every
 * posting of one order on one account lands on one shard, in time order there. DynamoDB gives a
 * partition 1 000 write units a second and a transactional write of a posting costs 2.
 */
public final class LedgerShards {

    /**
     * The platform's revenue accounts take two postings of nearly every order (sales fee, service fee):
     * 50 000 orders/s × 2 postings × 2 WU ÷ 1 000 WU/s = 200 partitions; 256 leaves headroom.
     */
    public static final int PLATFORM_SHARDS = 256;

    /**
     * A payee's account (brand, host, lead, JBP rebate) takes one posting per order of its own:
     * 16 × 1 000 WU/s ÷ 2 WU = 8 000 orders/s for one brand or host, above a live room's 5 000.
     */
    public static final int PAYEE_SHARDS = 16;

    /** A buyer's compensation and an order's clearing account are written by that buyer's or order's events only. */
    public static final int UNSHARDED = 1;

    private LedgerShards() {
    }

    /** The shard count of an account kind. */
    public static int countOf(AccountType type) {
        if (type.isPlatformRevenue()) {
            return PLATFORM_SHARDS;
        }
        return type.isPayee() ? PAYEE_SHARDS : UNSHARDED;
    }

    /** The shard a posting is written to under its party. */
    public static int of(Posting posting) {
        return WriteShards.of(posting.orderId(), countOf(posting.account().type()));
    }

    /**
     * The shards a read of a party's postings fans out over. A party id does not say which accounts it
     * holds, so every party but the platform reads the payee shards; an unsharded account writes shard 0,
     * which is among them.
     */
    public static int readShardsOf(String party) {
        return Account.PLATFORM.equals(party) ? PLATFORM_SHARDS : PAYEE_SHARDS;
    }

    /** The partition key of a party's shard: {@code PARTY#{party}#{shard}}. */
    public static String partyKey(String party, int shard) {
        return "PARTY#" + party + "#" + shard;
    }
}
