package com.alliance.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.Map;

/** API Gateway payload 2.0 events with verified claims, for benchmarks that call handlers directly. */
final class BenchEvents {

    private BenchEvents() {
    }

    static APIGatewayV2HTTPEvent http(String routeKey, Map<String, String> path, String body, Map<String, String> claims) {
        return APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey(routeKey).withPathParameters(path)
                .withBody(body)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                                        .withClaims(claims).build()).build()).build())
                .build();
    }
}
