package com.alliance.functions;

import com.alliance.brands.BrandRepository;
import com.alliance.jbp.JbpRepository;
import com.alliance.jbp.JbpService;
import com.alliance.ledger.LedgerRepository;
import com.alliance.orders.OrderRepository;
import com.alliance.persistence.CapacityMeter;

/** Builds services that several functions share, from the same clients. */
final class Wiring {

    private Wiring() {
    }

    static JbpService jbp(Clients clients) {
        LedgerRepository ledger = new LedgerRepository(clients.dynamoDb());
        return new JbpService(new JbpRepository(clients.dynamoDb(), ledger), new BrandRepository(clients.dynamoDb()),
                new OrderRepository(clients.dynamoDb(), ledger, new CapacityMeter()), clients.clock());
    }
}
