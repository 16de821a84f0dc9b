package com.alliance.orderlists;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The masked buyer reference a host or a brand sees in its order list (PIPL: the buyer's id stays with the
 * marketplace): {@code u_} and 12 hex digits of HMAC-SHA256({@code key}, party + "|" + buyer). The same buyer has the
 * same reference on every order of one party's list, so a host can tell a repeat buyer, and a different one in every
 * other party's list, so two parties cannot join their lists on it; without the key it cannot be turned back into the
 * id. The key is the {@code BUYER_REF_KEY} setting; changing it changes every reference.
 */
public final class BuyerRefs {

    private final SecretKeySpec key;

    public BuyerRefs(String key) {
        if (key == null || key.length() < 16) {
            throw new IllegalArgumentException("a buyer reference key needs at least 16 characters");
        }
        this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** The reference of {@code buyerId} as {@code party} sees it. */
    public String of(String party, String buyerId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal((party + "|" + buyerId).getBytes(StandardCharsets.UTF_8));
            return "u_" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
