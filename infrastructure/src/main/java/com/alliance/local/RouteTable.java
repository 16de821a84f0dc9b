package com.alliance.local;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Matches a method and path to a route key the way API Gateway does: literal segments beat
 * {parameters}, and the matched parameters come back by name.
 */
final class RouteTable<T> {

    private final List<Route<T>> routes = new ArrayList<>();

    void add(String routeKey, T target) {
        String[] parts = routeKey.split(" ", 2);
        routes.add(new Route<>(routeKey, parts[0], segments(parts[1]), target));
    }

    Optional<Match<T>> match(String method, String path) {
        String[] actual = segments(path);
        Match<T> best = null;
        int bestLiterals = -1;
        for (Route<T> route : routes) {
            if (!route.method.equals(method) || route.segments.length != actual.length) {
                continue;
            }
            Map<String, String> parameters = new HashMap<>();
            int literals = 0;
            boolean matches = true;
            for (int i = 0; i < actual.length && matches; i++) {
                String expected = route.segments[i];
                if (expected.startsWith("{") && expected.endsWith("}")) {
                    parameters.put(expected.substring(1, expected.length() - 1),
                            java.net.URLDecoder.decode(actual[i], java.nio.charset.StandardCharsets.UTF_8));
                    matches = !actual[i].isEmpty();
                } else {
                    matches = expected.equals(actual[i]);
                    literals++;
                }
            }
            if (matches && literals > bestLiterals) {
                best = new Match<>(route.routeKey, route.target, parameters);
                bestLiterals = literals;
            }
        }
        return Optional.ofNullable(best);
    }

    private static String[] segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }

    private record Route<T>(String routeKey, String method, String[] segments, T target) {
    }

    record Match<T>(String routeKey, T target, Map<String, String> pathParameters) {
    }
}
