/**
 * The append-only ledger's vocabulary: {@link com.alliance.ledger.AccountType the chart of accounts},
 * {@link com.alliance.ledger.Posting postings} signed from the holder's side (positive = owed to them),
 * and {@link com.alliance.ledger.PostingSet posting sets}, which cannot be built unbalanced. Balances
 * are summed from postings ({@link com.alliance.ledger.Positions}), never stored.
 */
package com.alliance.ledger;
