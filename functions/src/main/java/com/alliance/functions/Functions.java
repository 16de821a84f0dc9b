package com.alliance.functions;

import com.alliance.functions.api.ApiFunction;
import java.util.List;
import java.util.function.Function;

/**
 * Every HTTP API function, by the logical id template.yaml gives it. The local gateway builds these
 * to serve the same routes; a test holds template.yaml to the route keys each one registers.
 */
public final class Functions {

    /** One HTTP API function: its template logical id, its class, and how to build it with clients. */
    public record HttpFunction(String logicalId, Class<? extends ApiFunction> type, Function<Clients, ApiFunction> factory) {
    }

    public static final List<HttpFunction> HTTP = List.of(
            new HttpFunction("CatalogFunction", CatalogFunction.class, CatalogFunction::new),
            new HttpFunction("HostsFunction", HostsFunction.class, HostsFunction::new),
            new HttpFunction("MatchingFunction", MatchingFunction.class, MatchingFunction::new),
            new HttpFunction("FinanceFunction", FinanceFunction.class, FinanceFunction::new),
            new HttpFunction("RiskFunction", RiskFunction.class, RiskFunction::new),
            new HttpFunction("AnalyticsFunction", AnalyticsFunction.class, AnalyticsFunction::new),
            new HttpFunction("OrderListsFunction", OrderListsFunction.class, OrderListsFunction::new),
            new HttpFunction("CollaborationFunction", CollaborationFunction.class, CollaborationFunction::new),
            new HttpFunction("OpsFunction", OpsFunction.class, OpsFunction::new));

    /** The order-events consumer, as template.yaml names it. */
    public static final String ORDER_EVENTS_ID = "OrderEventsFunction";

    /** The orders table's stream consumer that folds the running counts, as template.yaml names it. */
    public static final String RUNNING_COUNTS_ID = "RunningCountsFunction";

    /** The ledger table's stream consumer that writes the day log, as template.yaml names it. */
    public static final String LEDGER_DAY_LOG_ID = "LedgerDayLogFunction";

    /** The jobs' dispatcher, which each job's schedule invokes, as template.yaml names it. */
    public static final String JOB_DISPATCH_ID = "JobDispatchFunction";

    /** The jobs' worker, which every job's work queue feeds, as template.yaml names it. */
    public static final String JOB_WORKER_ID = "JobWorkerFunction";

    private Functions() {
    }
}
