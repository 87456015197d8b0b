package io.agentlaunchpad.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.apigateway.IdentitySource;
import software.amazon.awscdk.services.apigateway.RequestAuthorizer;
import software.amazon.awscdk.services.lambda.Function;
import software.constructs.Construct;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The REQUEST authorizer ({@code functions/authorizer}, export {@code authorize}) and its Lambda. */
final class Authorizers {

    static final String EXPORT = "authorize";

    final Function function;
    final RequestAuthorizer authorizer;

    Authorizers(Construct scope, LaunchpadSettings settings, FunctionFactory factory, Map<String, String> environment,
                AccessGrants grants) {
        Map<String, String> env = new HashMap<>(environment);
        settings.jwt().forEach(env::put);
        function = factory.create(scope, "Authorizer", "authorizer", EXPORT, 512, Duration.seconds(10), env, null);
        grants.grant(function, RouteAccess.AUTHORIZER);
        // No result cache (TTL 0): with a cache API Gateway demands EVERY identity source on every request and answers
        // 401 before calling the authorizer when one is missing, but a caller sends X-API-Key OR Authorization, never
        // both. The warm function remembers the keys it read for 30 s instead (KeyCache, docs/identity.md): no read
        // per request, and a revoked key still stops on the next request through the routes' rate-limit count.
        authorizer = RequestAuthorizer.Builder.create(scope, "RequestAuthorizer")
                .authorizerName("launchpad-" + settings.stage())
                .handler(function)
                .identitySources(List.of(IdentitySource.header("X-API-Key"), IdentitySource.header("Authorization")))
                .resultsCacheTtl(Duration.seconds(0))
                .build();
    }
}
