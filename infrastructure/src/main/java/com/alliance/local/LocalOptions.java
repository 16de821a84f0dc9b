package com.alliance.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The flags of the local runtime, with the SPEC's local defaults. */
public record LocalOptions(int apiPort, int sqsPort, int dynamoDbPort, Optional<Path> dataDir, boolean demo,
                           Duration jobsEvery, int afterSaleDays, String jwtSecret) {

    public static final String DEFAULT_SECRET = "alliance-local-development-secret";

    public static LocalOptions defaults() {
        return new LocalOptions(8080, 9324, 8000, Optional.empty(), false, Duration.ofSeconds(5), 7,
                Optional.ofNullable(System.getenv("ALLIANCE_JWT_SECRET")).orElse(DEFAULT_SECRET));
    }

    /** Every port picked free: for tests and benchmarks that run beside a started marketplace. */
    public static LocalOptions ephemeral() {
        LocalOptions d = defaults();
        return new LocalOptions(0, 0, 0, Optional.empty(), false, d.jobsEvery(), d.afterSaleDays(), d.jwtSecret());
    }

    public LocalOptions withDemo(boolean on) {
        return new LocalOptions(apiPort, sqsPort, dynamoDbPort, dataDir, on, jobsEvery, afterSaleDays, jwtSecret);
    }

    public LocalOptions withJobsEvery(Duration every) {
        return new LocalOptions(apiPort, sqsPort, dynamoDbPort, dataDir, demo, every, afterSaleDays, jwtSecret);
    }

    public LocalOptions withAfterSaleDays(int days) {
        return new LocalOptions(apiPort, sqsPort, dynamoDbPort, dataDir, demo, jobsEvery, days, jwtSecret);
    }

    static final String USAGE = """
            usage: java -jar infrastructure/target/alliance-local.jar [options]
              --api-port N          HTTP API (default 8080)
              --sqs-port N          ElasticMQ SQS endpoint (default 9324)
              --dynamodb-port N     DynamoDB Local endpoint (default 8000)
              --data DIR            keep DynamoDB tables in DIR (default: in memory)
              --demo                seed a brand, products, hosts and a stream of orders
              --jobs-every SECONDS  scheduled jobs period (default 5)
              --after-sale-days N   after-sale window before commission is settleable (default 7)
              --help                this text
            """;

    public static LocalOptions parse(String[] args) {
        LocalOptions o = defaults();
        int api = o.apiPort, sqs = o.sqsPort, dynamo = o.dynamoDbPort, afterSale = o.afterSaleDays;
        Optional<Path> data = o.dataDir;
        boolean demo = false;
        Duration jobs = o.jobsEvery;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            switch (flag) {
                case "--demo" -> demo = true;
                case "--api-port" -> api = port(flag, value(args, ++i, flag));
                case "--sqs-port" -> sqs = port(flag, value(args, ++i, flag));
                case "--dynamodb-port" -> dynamo = port(flag, value(args, ++i, flag));
                case "--data" -> data = Optional.of(Path.of(value(args, ++i, flag)));
                case "--jobs-every" -> jobs = Duration.ofSeconds(positive(flag, value(args, ++i, flag)));
                case "--after-sale-days" -> afterSale = (int) nonNegative(flag, value(args, ++i, flag));
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        return new LocalOptions(api, sqs, dynamo, data, demo, jobs, afterSale, o.jwtSecret);
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }

    private static int port(String flag, String value) {
        long port = nonNegative(flag, value);
        if (port > 65_535) {
            throw new IllegalArgumentException(flag + " must be a port number");
        }
        return (int) port;
    }

    private static long positive(String flag, String value) {
        long n = nonNegative(flag, value);
        if (n == 0) {
            throw new IllegalArgumentException(flag + " must be at least 1");
        }
        return n;
    }

    private static long nonNegative(String flag, String value) {
        try {
            long n = Long.parseLong(value);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException(flag + " must be a whole number, got " + value);
    }
}
