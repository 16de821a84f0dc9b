package com.alliance.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.functions.Clients;
import com.alliance.functions.Functions;
import com.alliance.functions.LedgerDayLogFunction;
import com.alliance.functions.OrderEventsFunction;
import com.alliance.functions.RunningCountsFunction;
import com.alliance.functions.JobDispatchFunction;
import com.alliance.functions.JobWorkerFunction;
import com.alliance.jobs.JobCatalog;
import com.alliance.jobs.JobSpec;
import com.alliance.jobs.ShardLeases;
import com.alliance.json.Json;
import com.alliance.persistence.AwsClients;
import com.alliance.persistence.Queues;
import com.alliance.persistence.TableDefinition;
import com.alliance.persistence.Tables;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** template.yaml must deploy what the code and the local runtime use: one source of truth. */
class TemplateTest {

    private static Map<String, Object> root;
    private static Map<String, Object> resources;
    private static Map<String, Object> globals;
    private static Map<String, Object> outputs;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void parseTemplate() throws IOException {
        Path template = Path.of(System.getProperty("alliance.template", "../template.yaml"));
        try (Reader reader = Files.newBufferedReader(template)) {
            root = new Yaml(new CloudFormationConstructor()).load(reader);
            resources = (Map<String, Object>) root.get("Resources");
            globals = (Map<String, Object>) ((Map<String, Object>) root.get("Globals")).get("Function");
            outputs = (Map<String, Object>) root.get("Outputs");
        }
    }

    @Test
    void everyHandlerTheTemplateNamesExistsAndIsALambdaHandler() throws ClassNotFoundException {
        List<String> handlers = new ArrayList<>();
        for (Map<String, Object> function : resourcesOfType("AWS::Serverless::Function").values()) {
            String handler = (String) properties(function).get("Handler");
            Class<?> type = Class.forName(handler.substring(0, handler.indexOf("::")));
            assertThat(RequestHandler.class).isAssignableFrom(type);
            handlers.add(handler);
        }
        assertThat(handlers).isNotEmpty();
    }

    @Test
    void theColdStartBenchmarkMeasuresEveryFunction() {
        assertThat(com.alliance.bench.ColdStartBenchmark.TARGETS.stream().filter(target -> !target.equals("bare")))
                .containsExactlyInAnyOrderElementsOf(resourcesOfType("AWS::Serverless::Function").keySet());
    }

    @Test
    void eachHttpFunctionServesExactlyTheRoutesItsClassRegisters() {
        Clients unused = new Clients(AwsClients.dynamoDb(URI.create("http://localhost:1")),
                AwsClients.sqs(URI.create("http://localhost:1")), Clock.systemUTC());
        for (Functions.HttpFunction function : Functions.HTTP) {
            Map<String, Object> resource = resource(function.logicalId());
            assertThat(properties(resource).get("Handler")).isEqualTo(function.type().getName() + "::handleRequest");
            Set<String> templateRoutes = new HashSet<>();
            eventsOf(resource, "HttpApi").forEach(p -> templateRoutes.add(p.get("Method") + " " + p.get("Path")));
            assertThat(templateRoutes).as(function.logicalId())
                    .containsExactlyInAnyOrderElementsOf(function.factory().apply(unused).routeKeys());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void tablesHaveTheKeysAndIndexesTheCodeUses() {
        Map<String, Object> environment = (Map<String, Object>) ((Map<String, Object>) globals.get("Environment")).get("Variables");
        for (TableDefinition table : Tables.ALL) {
            Map<String, Object> properties = properties(resource(table.logicalName()));
            assertThat(properties.get("BillingMode")).isEqualTo("PAY_PER_REQUEST");
            assertThat(((Map<String, Object>) properties.get("PointInTimeRecoverySpecification"))
                    .get("PointInTimeRecoveryEnabled")).isEqualTo(true);
            assertThat(keys(properties.get("KeySchema"))).containsExactly(table.partitionKey(), table.sortKey());
            List<Map<String, Object>> indexes = (List<Map<String, Object>>) properties.getOrDefault("GlobalSecondaryIndexes", List.of());
            assertThat(indexes).hasSameSizeAs(table.indexes());
            for (TableDefinition.Index index : table.indexes()) {
                Map<String, Object> declared = indexes.stream().filter(i -> index.name().equals(i.get("IndexName")))
                        .findFirst().orElseThrow(() -> new AssertionError("index " + index.name() + " missing"));
                assertThat(keys(declared.get("KeySchema"))).containsExactly(index.partitionKey(), index.sortKey());
                Map<String, Object> projection = (Map<String, Object>) declared.get("Projection");
                assertThat(projection.get("ProjectionType")).as(index.name() + " projection")
                        .isEqualTo(index.projection().type().name());
                assertThat((List<String>) projection.getOrDefault("NonKeyAttributes", List.of()))
                        .as(index.name() + " projected attributes")
                        .containsExactlyInAnyOrderElementsOf(index.projection().attributes());
            }
            assertThat(environment.get(table.envVariable())).isEqualTo(Map.of("Ref", table.logicalName()));
            Map<String, Object> stream = (Map<String, Object>) properties.get("StreamSpecification");
            assertThat(stream == null ? null : stream.get("StreamViewType")).as(table.logicalName() + "'s stream")
                    .isEqualTo(table.changeStream() ? "NEW_AND_OLD_IMAGES" : null);
        }
    }

    @Test
    void theRunningCountsFunctionFoldsTheOrdersStreamOneBatchOfAShardAtATimeAndNeverSkipsARecord() {
        Map<String, Object> function = resource(Functions.RUNNING_COUNTS_ID);
        assertThat(properties(function).get("Handler")).isEqualTo(RunningCountsFunction.class.getName() + "::handleRequest");
        List<Map<String, Object>> streams = eventsOf(function, "DynamoDB");
        assertThat(streams).hasSize(1);
        Map<String, Object> mapping = streams.get(0);
        assertThat(mapping.get("Stream")).isEqualTo(Map.of("Fn::GetAtt", Tables.ORDERS.logicalName() + ".StreamArn"));
        assertThat(mapping.get("StartingPosition")).isEqualTo("TRIM_HORIZON");
        assertThat(mapping.get("FunctionResponseTypes")).isEqualTo(List.of("ReportBatchItemFailures"));
        assertThat(mapping.get("ParallelizationFactor")).as("per-shard order, which the fold's sequence numbers need").isEqualTo(1);
        assertThat(mapping.get("TumblingWindowInSeconds")).as("events that name their stream shard").isNotNull();
        assertThat(mapping.get("MaximumRetryAttempts")).isEqualTo(-1);
        assertThat(mapping.get("MaximumRecordAgeInSeconds")).isEqualTo(-1);
    }

    @Test
    void theLedgerDayLogFunctionReadsTheLedgerStreamWithoutSkippingAPostingAndMayOnlyPutIntoTheSettlementTable() {
        Map<String, Object> function = resource(Functions.LEDGER_DAY_LOG_ID);
        assertThat(properties(function).get("Handler")).isEqualTo(LedgerDayLogFunction.class.getName() + "::handleRequest");
        List<Map<String, Object>> streams = eventsOf(function, "DynamoDB");
        assertThat(streams).hasSize(1);
        Map<String, Object> mapping = streams.get(0);
        assertThat(mapping.get("Stream")).isEqualTo(Map.of("Fn::GetAtt", Tables.LEDGER.logicalName() + ".StreamArn"));
        assertThat(mapping.get("StartingPosition")).isEqualTo("TRIM_HORIZON");
        assertThat(mapping.get("FunctionResponseTypes")).isEqualTo(List.of("ReportBatchItemFailures"));
        assertThat(mapping.get("MaximumRetryAttempts")).isEqualTo(-1);
        assertThat(mapping.get("MaximumRecordAgeInSeconds")).isEqualTo(-1);
        List<String> writes = new ArrayList<>();
        for (Object statement : statements(function)) {
            Map<?, ?> s = (Map<?, ?>) statement;
            if (!String.valueOf(s.get("Action")).contains("GetRecords")) {
                writes.add(s.get("Action") + " on " + s.get("Resource"));
            }
        }
        assertThat(writes).containsExactly("[dynamodb:PutItem] on "
                + Map.of("Fn::GetAtt", Tables.SETTLEMENT.logicalName() + ".Arn"));
        Map<String, Object> alarm = resource("LedgerDayLogLagAlarm");
        assertThat(properties(alarm).get("MetricName")).isEqualTo("IteratorAge");
    }

    @Test
    void theOrderEventsFunctionMayNotWriteACountersItem() {
        List<String> updates = new ArrayList<>();
        for (Object statement : statements(resource(Functions.ORDER_EVENTS_ID))) {
            Map<?, ?> s = (Map<?, ?>) statement;
            Object actions = s.get("Action");
            if (String.valueOf(actions).contains("dynamodb:UpdateItem")) {
                updates.add(String.valueOf(s.get("Resource")));
            }
        }
        assertThat(updates).as("tables the order commit may update: only the settlement cursors")
                .containsExactly(String.valueOf(Map.of("Fn::GetAtt", Tables.SETTLEMENT.logicalName() + ".Arn")));
    }

    /**
     * The dead-letter redrive may peek at, move and delete messages of the dead-letter queue and send only to
     * order-events, and no other function may touch either queue by API (the SQS trigger is the mapping's); the jobs'
     * dispatcher and worker may only send to the jobs' work queues.
     */
    @Test
    @SuppressWarnings("unchecked")
    void onlyTheOpsFunctionRedrivesAndOnlyFromTheDeadLetterQueueBackToOrderEvents() {
        Map<Object, Set<String>> sqsActionsByQueue = new java.util.HashMap<>();
        Map<String, Object> dlq = Map.of("Fn::GetAtt", "OrderEventsDeadLetterQueue.Arn");
        Map<String, Object> source = Map.of("Fn::GetAtt", "OrderEventsQueue.Arn");
        for (Object statement : statements(resource("OpsFunction"))) {
            Map<?, ?> s = (Map<?, ?>) statement;
            List<String> actions = s.get("Action") instanceof List<?> list
                    ? list.stream().map(String::valueOf).toList() : List.of(String.valueOf(s.get("Action")));
            actions.stream().filter(a -> a.startsWith("sqs:"))
                    .forEach(a -> sqsActionsByQueue.computeIfAbsent(s.get("Resource"), r -> new java.util.TreeSet<>()).add(a));
        }
        assertThat(sqsActionsByQueue).containsOnlyKeys(dlq, source);
        assertThat(sqsActionsByQueue.get(dlq)).containsExactlyInAnyOrder("sqs:ReceiveMessage", "sqs:ChangeMessageVisibility",
                "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:StartMessageMoveTask", "sqs:ListMessageMoveTasks");
        assertThat(sqsActionsByQueue.get(source)).containsExactly("sqs:SendMessage");
        Map<String, Object> variables = (Map<String, Object>) ((Map<String, Object>) properties(resource("OpsFunction"))
                .get("Environment")).get("Variables");
        assertThat(variables).containsEntry(Queues.ORDER_EVENTS_URL_ENV, Map.of("Ref", "OrderEventsQueue"))
                .containsEntry(com.alliance.deadletters.QueuePair.SOURCE_ARN_ENV, source)
                .containsEntry(com.alliance.deadletters.QueuePair.DLQ_URL_ENV, Map.of("Ref", "OrderEventsDeadLetterQueue"))
                .containsEntry(com.alliance.deadletters.QueuePair.DLQ_ARN_ENV, dlq);
        List<Object> workQueues = JobCatalog.ALL.stream()
                .map(spec -> (Object) Map.of("Fn::GetAtt", spec.logicalName() + "WorkQueue.Arn")).toList();
        resources.forEach((id, r) -> {
            Map<String, Object> function = (Map<String, Object>) r;
            if (id.equals(Functions.JOB_DISPATCH_ID) || id.equals(Functions.JOB_WORKER_ID)) {
                for (Object statement : statements(function)) {
                    Map<?, ?> st = (Map<?, ?>) statement;
                    if (String.valueOf(st.get("Action")).contains("sqs:")) {
                        assertThat(st.get("Action")).as(id).isEqualTo(List.of("sqs:SendMessage"));
                        assertThat((List<Object>) st.get("Resource")).as(id).containsExactlyInAnyOrderElementsOf(workQueues);
                    }
                }
            } else if (!id.equals("OpsFunction") && "AWS::Serverless::Function".equals(function.get("Type"))) {
                assertThat(String.valueOf(statements(function))).as(id + " calls no SQS API").doesNotContain("sqs:");
            }
        });
    }

    /** The last-failure items of dead-lettered events expire on their own: the orders table's TTL attribute. */
    @Test
    @SuppressWarnings("unchecked")
    void theOrdersTableExpiresItemsByExpiresAt() {
        Map<String, Object> ttl = (Map<String, Object>) properties(resource(Tables.ORDERS.logicalName()))
                .get("TimeToLiveSpecification");
        assertThat(ttl).containsEntry("AttributeName", "expiresAt").containsEntry("Enabled", true);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> statements(Map<String, Object> function) {
        List<Object> all = new ArrayList<>();
        for (Object policy : (List<Object>) properties(function).get("Policies")) {
            if (policy instanceof Map<?, ?> map && map.get("Statement") instanceof List<?> list) {
                all.addAll(list);
            }
        }
        return all;
    }

    @Test
    @SuppressWarnings("unchecked")
    void theOrderEventsQueueRedrivesToItsDeadLetterQueueAfterTheReceivesTheCodeExpects() {
        List<String> queues = new ArrayList<>(List.of("OrderEventsQueue", "OrderEventsDeadLetterQueue", "JobsDeadLetterQueue"));
        JobCatalog.ALL.forEach(spec -> queues.add(spec.logicalName() + "WorkQueue"));
        assertThat(resourcesOfType("AWS::SQS::Queue").keySet()).containsExactlyInAnyOrderElementsOf(queues);
        Map<String, Object> redrive = (Map<String, Object>) properties(resource("OrderEventsQueue")).get("RedrivePolicy");
        assertThat(redrive.get("deadLetterTargetArn")).isEqualTo(Map.of("Fn::GetAtt", "OrderEventsDeadLetterQueue.Arn"));
        assertThat(redrive.get("maxReceiveCount")).isEqualTo(Queues.MAX_RECEIVE_COUNT);
    }

    /** The properties that give a resource its physical name: a fixed one would stop a second stack deploying. */
    static final Set<String> PHYSICAL_NAMES = Set.of("QueueName", "TableName", "BucketName", "AlarmName", "FunctionName",
            "RoleName", "TopicName", "LogGroupName", "Name", "ApiName", "StateMachineName", "RuleName", "PolicyName");

    @Test
    @SuppressWarnings("unchecked")
    void noResourceHasAFixedPhysicalNameSoStacksOfAnotherStageDeployBesideIt() {
        List<String> fixed = new ArrayList<>();
        resources.forEach((id, resource) -> physicalNames(id, properties((Map<String, Object>) resource), fixed));
        assertThat(fixed).as("names not derived from the stack's name").isEmpty();
        Map<String, Object> parameters = (Map<String, Object>) root.get("Parameters");
        assertThat(parameters).containsKey("Stage");
        assertThat(((Map<String, Object>) globals.get("Tags")).get("stage")).isEqualTo(Map.of("Ref", "Stage"));
    }

    /**
     * Every physical-name property under {@code node} that is fixed: a plain string, or an {@code Fn::Sub} not built
     * from {@code ${AWS::StackName}} (a {@code Ref} or {@code GetAtt} names a resource of the stack, not a name).
     */
    private static void physicalNames(String path, Object node, List<String> fixed) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                String here = path + "." + key;
                boolean nameProperty = PHYSICAL_NAMES.contains(String.valueOf(key)) && !path.contains(".Dimensions");
                boolean literal = value instanceof String;
                boolean fixedSub = value instanceof Map<?, ?> function && function.containsKey("Fn::Sub")
                        && !String.valueOf(function.get("Fn::Sub")).contains("${AWS::StackName}");
                if (nameProperty && (literal || fixedSub)) {
                    fixed.add(here + " = " + value);
                } else {
                    physicalNames(here, value, fixed);
                }
            });
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                physicalNames(path + "[" + i + "]", list.get(i), fixed);
            }
        }
    }

    @Test
    void theOrderEventsFunctionReadsTheQueueInBatchesOfTenWithPartialBatchResponses() {
        Map<String, Object> function = resource(Functions.ORDER_EVENTS_ID);
        assertThat(properties(function).get("Handler")).isEqualTo(OrderEventsFunction.class.getName() + "::handleRequest");
        List<Map<String, Object>> sqs = eventsOf(function, "SQS");
        assertThat(sqs).hasSize(1);
        assertThat(sqs.get(0).get("BatchSize")).isEqualTo(SqsPoller.BATCH_SIZE);
        assertThat(sqs.get(0).get("FunctionResponseTypes")).isEqualTo(List.of("ReportBatchItemFailures"));
        assertThat(sqs.get(0).get("Queue")).isEqualTo(Map.of("Fn::GetAtt", "OrderEventsQueue.Arn"));
    }

    @Test
    void eachJobHasAScheduleOfItsOwnThatDispatchesItAloneWithItsPeriodAndBudget() throws IOException {
        Map<String, Object> dispatcher = resource(Functions.JOB_DISPATCH_ID);
        assertThat(properties(dispatcher).get("Handler")).isEqualTo(JobDispatchFunction.class.getName() + "::handleRequest");
        List<Map<String, Object>> schedules = eventsOf(dispatcher, "Schedule");
        assertThat(schedules).hasSameSizeAs(JobCatalog.ALL);
        for (JobSpec spec : JobCatalog.ALL) {
            long minutes = spec.period().toMinutes();
            String rate = minutes == 1 ? "rate(1 minute)" : "rate(" + minutes + " minutes)";
            Map<String, Object> schedule = schedules.stream()
                    .filter(s -> String.valueOf(s.get("Input")).contains("\"" + spec.name() + "\""))
                    .findFirst().orElseThrow(() -> new AssertionError("no schedule dispatches " + spec.name()));
            var input = Json.MAPPER.readTree((String) schedule.get("Input"));
            assertThat(input.path("job").asText()).isEqualTo(spec.name());
            assertThat(input.path("budgetSeconds").asLong()).as(spec.name() + " budget").isEqualTo(spec.budget().toSeconds());
            assertThat(schedule.get("Schedule")).as(spec.name() + " period").isEqualTo(rate);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void eachJobHasAWorkQueueFeedingTheWorkerOneItemAtATimeAtMostItsConcurrency() {
        Map<String, Object> worker = resource(Functions.JOB_WORKER_ID);
        assertThat(properties(worker).get("Handler")).isEqualTo(JobWorkerFunction.class.getName() + "::handleRequest");
        int timeout = ((Number) properties(worker).get("Timeout")).intValue();
        assertThat(timeout).as("the worker's timeout leaves the longest budget its margin")
                .isGreaterThanOrEqualTo((int) JobCatalog.longestBudget().plus(ShardLeases.MARGIN).toSeconds());
        List<Map<String, Object>> sources = eventsOf(worker, "SQS");
        assertThat(sources).hasSameSizeAs(JobCatalog.ALL);
        for (JobSpec spec : JobCatalog.ALL) {
            String queue = spec.logicalName() + "WorkQueue";
            Map<String, Object> source = sources.stream()
                    .filter(s -> Map.of("Fn::GetAtt", queue + ".Arn").equals(s.get("Queue")))
                    .findFirst().orElseThrow(() -> new AssertionError("no event source reads " + queue));
            assertThat(source.get("BatchSize")).as(spec.name()).isEqualTo(1);
            assertThat(source.get("FunctionResponseTypes")).isEqualTo(List.of("ReportBatchItemFailures"));
            assertThat(((Map<String, Object>) source.get("ScalingConfig")).get("MaximumConcurrency"))
                    .as(spec.name() + " concurrency").isEqualTo(spec.maxConcurrency());
            Map<String, Object> queueProperties = properties(resource(queue));
            assertThat(((Number) queueProperties.get("VisibilityTimeout")).intValue()).as(queue + " visibility")
                    .isGreaterThanOrEqualTo(timeout);
            Map<String, Object> redrive = (Map<String, Object>) queueProperties.get("RedrivePolicy");
            assertThat(redrive.get("deadLetterTargetArn")).isEqualTo(Map.of("Fn::GetAtt", "JobsDeadLetterQueue.Arn"));
            assertThat(redrive.get("maxReceiveCount")).isEqualTo(Queues.MAX_RECEIVE_COUNT);
            String variable = Queues.jobQueueEnv(spec.envName());
            for (String function : List.of(Functions.JOB_DISPATCH_ID, Functions.JOB_WORKER_ID)) {
                Map<String, Object> variables = (Map<String, Object>) ((Map<String, Object>) properties(resource(function))
                        .get("Environment")).get("Variables");
                assertThat(variables.get(variable)).as(function + " " + variable).isEqualTo(Map.of("Ref", queue));
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void eachJobsBacklogHasAnAlarmOnTheAgeOfItsOldestDueItem() {
        for (JobSpec spec : JobCatalog.ALL) {
            Map<String, Object> alarm = properties(resource(spec.logicalName() + "BacklogAlarm"));
            assertThat(alarm.get("Namespace")).isEqualTo("Alliance");
            assertThat(alarm.get("MetricName")).isEqualTo("JobOldestDueAge");
            assertThat((List<Map<String, Object>>) alarm.get("Dimensions"))
                    .anySatisfy(d -> assertThat(d).isEqualTo(Map.of("Name", "Job", "Value", spec.name())))
                    .anySatisfy(d -> assertThat(d.get("Name")).isEqualTo("Service"));
            assertThat(((Number) alarm.get("Threshold")).longValue()).as(spec.name()).isEqualTo(spec.alarmAge().toSeconds());
            assertThat(((Number) alarm.get("Period")).longValue()).isEqualTo(spec.period().toSeconds());
        }
    }

    @Test
    void everyApiRouteReachesTheHttpApiThroughTheConsolesDistribution() {
        Clients unused = new Clients(AwsClients.dynamoDb(URI.create("http://localhost:1")),
                AwsClients.sqs(URI.create("http://localhost:1")), Clock.systemUTC());
        for (Functions.HttpFunction function : Functions.HTTP) {
            for (String routeKey : function.factory().apply(unused).routeKeys()) {
                String path = routeKey.substring(routeKey.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "x_1");
                assertThat(behaviourFor(path)).as(routeKey).isPresent()
                        .get().extracting(b -> b.get("TargetOriginId")).isEqualTo("api");
            }
        }
    }

    @Test
    void noConsoleFileIsShadowedByAnApiPathAndConfigComesFromTheStack() throws IOException {
        try (var files = Files.list(Path.of("src/main/resources/console"))) {
            files.map(f -> "/" + f.getFileName()).forEach(file -> assertThat(behaviourFor(file)
                    .map(b -> b.get("TargetOriginId")).orElse("console")).as(file).isEqualTo("console"));
        }
        Map<String, Object> config = behaviourFor("/config.js").orElseThrow();
        assertThat(config.get("FunctionAssociations")).as("config.js is answered from the stack's parameters")
                .asList().singleElement().extracting(a -> ((Map<?, ?>) a).get("EventType")).isEqualTo("viewer-request");
    }

    /** openapi.json goes to the console bucket and is served from it, on the origin the API is on; no path sends it to the API. */
    @Test
    void theApiDocumentIsPublishedBesideTheConsoleOnTheApisOrigin() {
        assertThat(behaviourFor(LocalGateway.OPENAPI_PATH).map(b -> b.get("TargetOriginId")).orElse("console"))
                .isEqualTo("console");
        Map<?, ?> output = (Map<?, ?>) outputs.get("OpenApiUrl");
        assertThat(String.valueOf(output.get("Value"))).contains("${ConsoleDistribution.DomainName}" + LocalGateway.OPENAPI_PATH);
    }

    /** The first cache behaviour whose path pattern matches, as CloudFront picks it; empty means the default (console). */
    @SuppressWarnings("unchecked")
    private static java.util.Optional<Map<String, Object>> behaviourFor(String path) {
        Map<String, Object> config = (Map<String, Object>) properties(resource("ConsoleDistribution")).get("DistributionConfig");
        for (Map<String, Object> behaviour : (List<Map<String, Object>>) config.get("CacheBehaviors")) {
            String pattern = (String) behaviour.get("PathPattern");
            String regex = java.util.regex.Pattern.quote(pattern).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q");
            if (path.matches(regex)) {
                return java.util.Optional.of(behaviour);
            }
        }
        return java.util.Optional.empty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyTableThatHoldsBusinessDataOutlivesItsStack() {
        Map<String, Map<String, Object>> tables = resourcesOfType("AWS::DynamoDB::Table");
        assertThat(tables).containsKeys("CatalogTable", "OrdersTable", "LedgerTable", "SettlementTable");
        tables.forEach((id, table) -> {
            if (!id.equals("JobsTable")) {     // leases and last dispatches only: rebuilt by the next dispatch
                assertThat(table).as(id).containsEntry("DeletionPolicy", "Retain").containsEntry("UpdateReplacePolicy", "Retain");
            }
        });
    }

    /** No grant names a table, index, queue or stream the template does not create (a grant left behind by a removal). */
    @Test
    void everyGrantNamesSomethingTheTemplateCreates() {
        List<String> missing = new ArrayList<>();
        resources.forEach((id, resource) -> collectGrants(id, resource, missing));
        assertThat(missing).as("grants naming what the template does not create").isEmpty();
        // the check itself: an index the orders table lost, a queue never declared
        List<String> caught = new ArrayList<>();
        checkGrant("Probe", Map.of("Fn::Sub", "${OrdersTable.Arn}/index/gsi4"), caught);
        checkGrant("Probe", Map.of("Fn::GetAtt", "NoSuchQueue.Arn"), caught);
        checkGrant("Probe", Map.of("Fn::Sub", "${OrdersTable.Arn}/index/gsi7"), caught);
        assertThat(caught).containsExactly("Probe: ${OrdersTable.Arn}/index/gsi4", "Probe: NoSuchQueue.Arn");
    }

    @SuppressWarnings("unchecked")
    private static void collectGrants(String owner, Object node, List<String> missing) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if ("Resource".equals(key)) {
                    (value instanceof List<?> list ? list : List.of(value)).forEach(r -> checkGrant(owner, r, missing));
                } else {
                    collectGrants(owner, value, missing);
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collectGrants(owner, item, missing));
        }
    }

    @SuppressWarnings("unchecked")
    private static void checkGrant(String owner, Object grant, List<String> missing) {
        if (!(grant instanceof Map<?, ?> function)) {
            return;
        }
        Map<String, Object> parameters = (Map<String, Object>) root.getOrDefault("Parameters", Map.of());
        List<String> named = new ArrayList<>();
        String text = "";
        if (function.get("Fn::GetAtt") != null) {
            Object at = function.get("Fn::GetAtt");
            text = at instanceof List<?> parts ? parts.get(0) + "." + parts.get(1) : String.valueOf(at);
            named.add(text.substring(0, text.indexOf('.') < 0 ? text.length() : text.indexOf('.')));
        } else if (function.get("Ref") instanceof String ref) {
            text = ref;
            named.add(ref);
        } else if (function.get("Fn::Sub") != null) {
            Object sub = function.get("Fn::Sub");
            text = String.valueOf(sub instanceof List<?> parts ? parts.get(0) : sub);
            java.util.regex.Matcher reference = java.util.regex.Pattern.compile("\\$\\{([A-Za-z0-9]+)[.}]").matcher(text);
            while (reference.find()) {
                named.add(reference.group(1));
            }
        }
        for (String name : named) {
            if (!name.startsWith("AWS") && !resources.containsKey(name) && !parameters.containsKey(name)) {
                missing.add(owner + ": " + text);
            }
        }
        java.util.regex.Matcher index = java.util.regex.Pattern.compile("\\$\\{([A-Za-z0-9]+)\\.Arn}/index/([A-Za-z0-9_-]+)")
                .matcher(text);
        while (index.find()) {
            Map<String, Object> table = (Map<String, Object>) resources.get(index.group(1));
            List<Map<String, Object>> indexes = table == null ? List.of() : (List<Map<String, Object>>)
                    ((Map<String, Object>) table.get("Properties")).getOrDefault("GlobalSecondaryIndexes", List.of());
            String indexName = index.group(2);
            if (indexes.stream().noneMatch(i -> indexName.equals(i.get("IndexName")))) {
                missing.add(owner + ": " + text);
            }
        }
    }

    @Test
    void noPolicyGrantsAWildcardAction() {
        List<String> actions = new ArrayList<>();
        collectActions(resources, actions);
        assertThat(actions).isNotEmpty().noneMatch(action -> action.contains("*"));
    }

    @SuppressWarnings("unchecked")
    private static void collectActions(Object node, List<String> actions) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if ("Action".equals(key)) {
                    if (value instanceof List<?> list) {
                        list.forEach(a -> actions.add(String.valueOf(a)));
                    } else {
                        actions.add(String.valueOf(value));
                    }
                } else {
                    collectActions(value, actions);
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collectActions(item, actions));
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> resourcesOfType(String type) {
        Map<String, Map<String, Object>> found = new java.util.LinkedHashMap<>();
        resources.forEach((id, resource) -> {
            Map<String, Object> r = (Map<String, Object>) resource;
            if (type.equals(r.get("Type"))) {
                found.put(id, r);
            }
        });
        return found;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> resource(String logicalId) {
        Object resource = resources.get(logicalId);
        assertThat(resource).as("resource " + logicalId + " in template.yaml").isNotNull();
        return (Map<String, Object>) resource;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> properties(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> eventsOf(Map<String, Object> resource, String type) {
        Map<String, Object> events = (Map<String, Object>) properties(resource).getOrDefault("Events", Map.of());
        List<Map<String, Object>> found = new ArrayList<>();
        events.values().forEach(e -> {
            Map<String, Object> event = (Map<String, Object>) e;
            if (type.equals(event.get("Type"))) {
                found.add((Map<String, Object>) event.get("Properties"));
            }
        });
        return found;
    }

    @SuppressWarnings("unchecked")
    private static List<String> keys(Object keySchema) {
        List<String> names = new ArrayList<>();
        for (Map<String, Object> key : (List<Map<String, Object>>) keySchema) {
            names.add((String) key.get("AttributeName"));
        }
        return names;
    }

    /** Reads CloudFormation's short tags (!Ref, !GetAtt, !Sub …) as their long forms. */
    static final class CloudFormationConstructor extends SafeConstructor {
        CloudFormationConstructor() {
            super(new LoaderOptions());
            for (String function : List.of("Ref", "GetAtt", "Sub", "Join", "If", "Equals", "Select", "Split",
                    "FindInMap", "ImportValue", "Base64", "Not", "And", "Or", "Condition", "GetAZs", "Cidr")) {
                yamlConstructors.put(new Tag("!" + function), new AbstractConstruct() {
                    @Override
                    public Object construct(Node node) {
                        Object value;
                        if (node instanceof ScalarNode scalar) {
                            value = constructScalar(scalar);
                        } else if (node instanceof SequenceNode sequence) {
                            value = constructSequence(sequence);
                        } else {
                            value = constructMapping((MappingNode) node);
                        }
                        return Map.of(function.equals("Ref") || function.equals("Condition") ? function : "Fn::" + function, value);
                    }
                });
            }
        }
    }
}
