package com.alliance.bench;

import com.alliance.applications.Application;
import com.alliance.applications.ApplicationRepository;
import com.alliance.applications.ApplicationSettings;
import com.alliance.applications.ApplicationStatus;
import com.alliance.applications.ApplyGuard;
import com.alliance.samples.SampleAddress;
import com.alliance.samples.SampleRepository;
import com.alliance.samples.SampleRequest;
import com.alliance.samples.SampleSettings;
import com.alliance.samples.SampleStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The backlogs of the {@code sample-deadlines} and {@code application-expiry} jobs, written through their repositories
 * as the service's steps would have left them, at instants in the past: the same ids and times in every world (the
 * seeding's clock is read once, {@link #NOW}). And what those jobs leave, as facts ({@link #picture}).
 * <p>
 * Sample request {@code i} (of host {@code i % hosts}, in slot {@code i / hosts}, for a product of its own) is, by
 * {@code i % 10}:
 * <ul>
 *   <li>0, 1: {@code REQUESTED} past its review deadline (due: {@code EXPIRED}, decided at the deadline);</li>
 *   <li>2, 3: {@code APPROVED} past its ship deadline (due: {@code EXPIRED});</li>
 *   <li>4, 5: {@code SHIPPED} past auto-receive (due: {@code RECEIVED} by {@code AUTO}, its promise still ahead);</li>
 *   <li>6, 7: {@code RECEIVED} by the host, its promise 6 days past (due: {@code UNFULFILLED});</li>
 *   <li>8: not due, and must stay as it is: {@code REQUESTED}, {@code APPROVED}, {@code SHIPPED}, {@code RECEIVED} a
 *       day ago, or {@code REJECTED} (closed), by {@code (i / 10) % 5};</li>
 *   <li>9: {@code SHIPPED} 30 days ago: two steps due in one pass, received by {@code AUTO} and then
 *       {@code UNFULFILLED} (its promise ran out 9 days ago).</li>
 * </ul>
 * Application {@code i} is pending, opened four days and some hours ago (past its three-day review deadline: due to
 * expire), except every fourth, opened a day ago (not due).
 */
final class SampleBacklogs {

    /** The seeding's clock, read once: the other backlogs'. */
    private static final Instant NOW = JobBacklogs.NOW;
    /** Open requests per host at most: host slots 0 to 29. */
    private static final int PER_HOST = 30;
    private static final SampleSettings SETTINGS = SampleSettings.defaults();
    private static final SampleAddress ADDRESS = new SampleAddress("张小明", "138-0013-8000", "上海市浦东新区世纪大道 100 号");
    private static final Duration DAY = Duration.ofDays(1);

    private SampleBacklogs() {
    }

    static String requestId(int i) {
        return String.format("smp_fault-%07d", i);
    }

    static String applicationId(int i) {
        return String.format("app_fault-%07d", i);
    }

    /** The hosts {@code count} requests (or applications) are spread over: {@value #PER_HOST} each at most. */
    static int hosts(int count) {
        return Math.max(3, (count + PER_HOST - 1) / PER_HOST);
    }

    private static String sampleHost(int i, int hosts) {
        return String.format("h_smp%04d", i % hosts);
    }

    private static String sampleProduct(int i, int hosts) {
        return String.format("p_smp%04d", i / hosts);
    }

    /** Whether request {@code i} was seeded with no deadline due: it must be left as it was. */
    static boolean notDue(int i) {
        return i % 10 == 8;
    }

    /** {@code count} sample requests, most of them due, each in the state {@code i % 10} gives it (class comment). */
    static long samples(DynamoDbClient client, int count) {
        SampleRepository repository = new SampleRepository(client);
        int hosts = hosts(count);
        inParallel(count, i -> {
            Instant t = NOW.plusMillis(i);      // every request its own instants: a due order to keep
            int kind = i % 10;
            String stage = kind == 8 ? List.of("REQUESTED", "APPROVED", "SHIPPED", "RECEIVED", "REJECTED").get(i / 10 % 5)
                    : switch (kind) {
                        case 0, 1 -> "REQUESTED";
                        case 2, 3 -> "APPROVED";
                        case 4, 5, 9 -> "SHIPPED";
                        default -> "RECEIVED";
                    };
            // when it was asked for, approved, shipped and received, days back from now, by kind
            Duration[] ago = switch (kind) {
                case 0, 1 -> days(4);                        // review deadline a day past
                case 2, 3 -> days(12, 10);                   // ship deadline 3 days past
                case 4, 5 -> days(20, 19, 10);               // auto-receive 3 days past, promise 11 days ahead
                case 6, 7 -> days(40, 39, 38, 20);           // promise 6 days past
                case 9 -> days(40, 39, 30);                  // auto-receive 23 days past, then promise 9 days past
                default -> switch (stage) {                  // the last step a day ago: nothing due
                    case "REQUESTED" -> days(1);
                    case "REJECTED", "APPROVED" -> days(2, 1);
                    case "SHIPPED" -> days(3, 2, 1);
                    default -> days(4, 3, 2, 1);
                };
            };
            SampleRequest request = SampleRequest.requested(requestId(i), sampleProduct(i, hosts),
                    String.format("b_smp%02d", i / hosts % 10), sampleHost(i, hosts), ADDRESS, i / hosts,
                    t.minus(ago[0]), SETTINGS);
            SampleRepository.Created created = repository.create(request, request.requestedAt());
            if (created != SampleRepository.Created.CREATED) {
                throw new IllegalStateException("sample request " + request.requestId() + " not seeded: " + created);
            }
            int last = ago.length - 1;
            if (stage.equals("REQUESTED")) {
                return;
            }
            if (stage.equals("REJECTED")) {
                step(repository, request, request.reject(t.minus(ago[last]), "no samples left"));
                return;
            }
            request = step(repository, request, request.approve(t.minus(ago[1]), SETTINGS));
            if (stage.equals("APPROVED")) {
                return;
            }
            request = step(repository, request, request.ship(new SampleRequest.Shipment("SF", "SF" + (1_000_000 + i),
                    t.minus(ago[2])), SETTINGS));
            if (stage.equals("SHIPPED")) {
                return;
            }
            step(repository, request, request.receive(t.minus(ago[3]), SampleRequest.Receipt.HOST, SETTINGS));
        });
        return count;
    }

    private static Duration[] days(long... days) {
        return java.util.Arrays.stream(days).mapToObj(Duration::ofDays).toArray(Duration[]::new);
    }

    /** The step as the service writes it: over the version read, the guard's reapplyAfter as it computes it. */
    private static SampleRequest step(SampleRepository repository, SampleRequest previous, SampleRequest next) {
        Instant reapplyAfter = next.status() == SampleStatus.REJECTED
                ? next.decidedAt().orElseThrow().plus(SETTINGS.reapply()) : next.requestedAt();
        if (!repository.step(previous, next, reapplyAfter)) {
            throw new IllegalStateException("sample request " + next.requestId() + " not stepped to " + next.status());
        }
        return next;
    }

    /**
     * {@code count} pending applications, each of its own host and product; three in four opened four days ago and
     * some hours (past their review deadline), every fourth a day ago (not due).
     */
    static long applications(DynamoDbClient client, int count) {
        ApplicationRepository repository = new ApplicationRepository(client);
        int hosts = hosts(count);
        inParallel(count, i -> {
            Instant openedAt = NOW.plusMillis(i).minus(applicationNotDue(i) ? DAY
                    : DAY.multipliedBy(4).plusHours(i % 24));
            Application opened = Application.opened(String.format("p_app%04d", i / hosts),
                    String.format("b_app%02d", i / hosts % 10), String.format("h_app%04d", i % hosts),
                    "we sell this every week", openedAt, ApplicationSettings.defaults().reviewPeriod());
            // the same id in every world (opened() draws a random one)
            Application application = new Application(applicationId(i), opened.productId(), opened.brandId(),
                    opened.hostId(), opened.message(), opened.status(), opened.createdAt(), opened.reviewDeadline(),
                    opened.decidedAt(), opened.reason(), opened.rateBps(), opened.reapplyAfter());
            Optional<ApplyGuard> refused = repository.insert(application, openedAt);
            if (refused.isPresent()) {
                throw new IllegalStateException("application " + application.applicationId() + " not seeded: " + refused);
            }
        });
        return count;
    }

    static boolean applicationNotDue(int i) {
        return i % 4 == 3;
    }

    /**
     * What the two jobs leave, as facts: each seeded request (status, deadline, decision, receipt, reason, promise,
     * slot, version), each host's taken slots and each guard; each seeded application (status, whether decided and
     * when the host may apply again, against its decision) and its guard. An application expires at the instant the
     * job met it, which differs between two worlds: its decision is pictured as "at or after its deadline" and its
     * {@code reapplyAfter} as equal to its decision or not.
     */
    static void picture(DynamoDbClient client, int count, SortedMap<String, String> facts) {
        SampleRepository samples = new SampleRepository(client);
        int hosts = hosts(count);
        for (int i = 0; i < count; i++) {
            SampleRequest r = samples.find(requestId(i)).orElse(null);
            if (r == null) {
                facts.put("sample " + requestId(i), "missing");
                continue;
            }
            facts.put("sample " + r.requestId(), r.status() + " deadline " + r.deadline().map(d -> d.kind() + "@" + d.at())
                    .orElse("-") + " decided " + r.decidedAt().map(Instant::toString).orElse("-") + " received "
                    + r.receivedAt().map(Instant::toString).orElse("-") + " by " + r.receivedBy().map(Enum::name).orElse("-")
                    + " reason " + r.reason().orElse("-") + " promise " + r.promiseDeadline().map(Instant::toString).orElse("-")
                    + " slot " + r.slot() + " version " + r.version());
            facts.put("sample guard " + r.hostId() + " " + r.productId(), samples.guard(r.hostId(), r.productId())
                    .map(Object::toString).orElse("none"));
        }
        for (int h = 0; h < hosts; h++) {
            String hostId = sampleHost(h, hosts);
            facts.put("sample slots " + hostId, new TreeSet<>(samples.takenSlots(hostId)).toString());
        }
        ApplicationRepository applications = new ApplicationRepository(client);
        for (int i = 0; i < count; i++) {
            Application a = applications.find(applicationId(i)).orElse(null);
            if (a == null) {
                facts.put("application " + applicationId(i), "missing");
                continue;
            }
            facts.put("application " + a.applicationId(), a.status() + " decided " + a.decidedAt().map(at ->
                    at.isBefore(a.reviewDeadline()) ? "before its deadline" : "at or after its deadline").orElse("-")
                    + " reapplyAfter " + relative(a.reapplyAfter(), a.decidedAt()) + " reason " + a.reason().orElse("-")
                    + " rate " + a.rateBps().map(String::valueOf).orElse("-"));
            facts.put("application guard " + a.hostId() + " " + a.productId(), applications.guard(a.hostId(), a.productId())
                    .map(g -> g.applicationId() + " " + g.status() + " reapplyAfter " + relative(g.reapplyAfter(), a.decidedAt()))
                    .orElse("none"));
        }
    }

    /** {@code reapplyAfter} against the decision, to the millisecond (the guard keeps epoch milliseconds). */
    private static String relative(Optional<Instant> reapplyAfter, Optional<Instant> decidedAt) {
        Optional<Instant> decided = decidedAt.map(at -> at.truncatedTo(ChronoUnit.MILLIS));
        return reapplyAfter.map(at -> at.truncatedTo(ChronoUnit.MILLIS))
                .map(at -> decided.filter(at::equals).isPresent() ? "=decidedAt" : at.toString()).orElse("-");
    }

    /**
     * The clean pass must have expired, auto-received and closed unfulfilled at least one request each, left every
     * request not due as it was seeded, and expired at least one application, or the comparison proves nothing.
     */
    static void checkSeen(SortedMap<String, String> clean, int count, List<String> failures) {
        Map<String, Long> outcomes = new java.util.TreeMap<>();
        for (int i = 0; i < count; i++) {
            String fact = clean.getOrDefault("sample " + requestId(i), "missing");
            String outcome = fact.startsWith("EXPIRED ") ? "expired" : fact.startsWith("UNFULFILLED ") ? "unfulfilled"
                    : fact.startsWith("RECEIVED ") && fact.contains(" by AUTO ") ? "auto-received" : "other";
            outcomes.merge(outcome, 1L, Long::sum);
            boolean untouched = fact.endsWith(" version " + (1 + List.of(0, 1, 2, 3, 1).get(i / 10 % 5)));
            if (notDue(i) && !untouched) {
                failures.add("the clean pass moved sample request " + requestId(i) + ", not due: " + fact);
            }
        }
        if (outcomes.getOrDefault("expired", 0L) == 0 || outcomes.getOrDefault("unfulfilled", 0L) == 0
                || outcomes.getOrDefault("auto-received", 0L) == 0) {
            failures.add("the clean pass left sample requests " + outcomes + ": some expired, auto-received and unfulfilled"
                    + " each expected");
        }
        long expired = 0;
        for (int i = 0; i < count; i++) {
            String fact = clean.getOrDefault("application " + applicationId(i), "missing");
            expired += fact.startsWith("EXPIRED decided at or after its deadline reapplyAfter =decidedAt ") ? 1 : 0;
            if (applicationNotDue(i) != fact.startsWith("PENDING ")) {
                failures.add("the clean pass left application " + applicationId(i) + " " + fact);
            }
        }
        if (expired == 0) {
            failures.add("the clean pass expired no application");
        }
    }

    /** Runs {@code seed} for 0 to {@code count - 1}, four at a time: each index writes items of its own. */
    private static void inParallel(int count, IntConsumer seed) {
        ForkJoinPool pool = new ForkJoinPool(4);
        try {
            pool.submit(() -> IntStream.range(0, count).parallel().forEach(seed)).join();
        } finally {
            pool.shutdown();
        }
    }
}
