package com.alliance.settlement;

/** A run line: claimed and owed, paid with a payment reference, or released by a cancelled run. */
public enum LineStatus {
    UNPAID, PAID, RELEASED
}
