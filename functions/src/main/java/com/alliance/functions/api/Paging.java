package com.alliance.functions.api;

import com.alliance.persistence.Page;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** How a paged list answers: its items, and {@code next} (the token for {@code ?next=}, or null at the end). */
public final class Paging {

    private Paging() {
    }

    public static ObjectNode next(ObjectNode json, Page<?> page) {
        page.next().ifPresentOrElse(token -> json.put("next", token), () -> json.putNull("next"));
        return json;
    }
}
