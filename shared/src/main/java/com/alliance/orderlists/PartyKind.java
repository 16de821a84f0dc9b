package com.alliance.orderlists;

/** Whose order list: a host's (the orders it sold) or a brand's (the orders of its goods). */
public enum PartyKind {
    HOST, BRAND
}
