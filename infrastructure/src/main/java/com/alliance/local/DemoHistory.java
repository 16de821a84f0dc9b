package com.alliance.local;

import com.alliance.auth.Caller;
import com.alliance.auth.Role;
import com.alliance.brands.BrandRepository;
import com.alliance.catalog.ProductRepository;
import com.alliance.hosts.HostRepository;
import com.alliance.matching.MatchScoring;
import com.alliance.matching.MatchingSettings;
import com.alliance.orders.CountersRepository;
import com.alliance.orders.ReportHoursRepository;
import com.alliance.parties.KnownParties;
import com.alliance.persistence.CapacityMeter;
import com.alliance.samples.SampleAddress;
import com.alliance.samples.SampleRecords;
import com.alliance.samples.SampleRepository;
import com.alliance.samples.SampleService;
import com.alliance.samples.SampleSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.locks.Lock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The part of the demo that happened before it started: a host's sample promise that lapsed. The API's clock is now,
 * so these steps go through the real {@link SampleService} on clocks fixed in the past. The runtime's own parts do
 * the rest: the sample-deadlines job closes the request {@code UNFULFILLED}, the orders stream counts it, and the
 * trust job lowers the host's trust with a {@code samples} component.
 */
final class DemoHistory {

    /**
     * When each step was taken, in days before the demo starts. The 14-day promise lapses 21 days ago. The demo's
     * orders start 19 days ago, so no order of the host falls within the promise and fulfils it.
     */
    static final int ASKED_DAYS_AGO = 40;
    static final int APPROVED_DAYS_AGO = 39;
    static final int SHIPPED_DAYS_AGO = 38;
    static final int RECEIVED_DAYS_AGO = 35;

    private final DynamoDbClient dynamoDb;
    private final SampleSettings settings;
    /** Held while the steps are written: no job dispatches work meanwhile, so none sees a request half way. */
    private final Lock jobsHeld;

    DemoHistory(DynamoDbClient dynamoDb, SampleSettings settings, Lock jobsHeld) {
        this.dynamoDb = dynamoDb;
        this.settings = settings;
        this.jobsHeld = jobsHeld;
    }

    /**
     * The host asked for a sample of the product {@value #ASKED_DAYS_AGO} days ago; the brand approved and shipped
     * it, and the host confirmed receipt {@value #RECEIVED_DAYS_AGO} days ago. Answers the request's id.
     */
    String lapsedPromise(String brandId, String hostId, String productId) {
        Instant now = Instant.now();
        Caller host = new Caller(hostId + "@hosts.example", Role.HOST, hostId);
        Caller brand = new Caller("owner@westlake.example", Role.BRAND, brandId);
        // each step's deadline has passed by now: the jobs wait until the last step is written
        jobsHeld.lock();
        try {
            String requestId = at(now, ASKED_DAYS_AGO).request(host, productId, hostId,
                    SampleAddress.entered("王家和", "13900139000", "杭州市上城区河坊街 88 号")).request().requestId();
            at(now, APPROVED_DAYS_AGO).approve(brand, requestId);
            at(now, SHIPPED_DAYS_AGO).ship(brand, requestId, "SF Express", "SF7700112233");
            at(now, RECEIVED_DAYS_AGO).receive(host, requestId);
            return requestId;
        } finally {
            jobsHeld.unlock();
        }
    }

    /** The sample service as the API builds it, on a clock fixed {@code daysAgo} days before {@code now}. */
    private SampleService at(Instant now, int daysAgo) {
        Clock clock = Clock.fixed(now.minus(Duration.ofDays(daysAgo)), ZoneOffset.UTC);
        HostRepository hosts = new HostRepository(dynamoDb, new MatchScoring(MatchingSettings.fromEnvironment())::hostStrength);
        return new SampleService(new SampleRepository(dynamoDb), new ProductRepository(dynamoDb),
                new KnownParties(hosts, new BrandRepository(dynamoDb), clock),
                new SampleRecords(new CountersRepository(dynamoDb), hosts),
                new ReportHoursRepository(dynamoDb, new CapacityMeter()), settings, clock);
    }
}
