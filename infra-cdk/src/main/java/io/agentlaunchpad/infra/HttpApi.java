package io.agentlaunchpad.infra;

import io.agentlaunchpad.http.Route;
import io.agentlaunchpad.http.RouteTable;
import io.agentlaunchpad.access.Role;
import io.agentlaunchpad.limits.Limits;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigateway.ApiKeySourceType;
import software.amazon.awscdk.services.apigateway.AuthorizationType;
import software.amazon.awscdk.services.apigateway.EndpointType;
import software.amazon.awscdk.services.apigateway.GatewayResponseOptions;
import software.amazon.awscdk.services.apigateway.IAuthorizer;
import software.amazon.awscdk.services.apigateway.Integration;
import software.amazon.awscdk.services.apigateway.IntegrationType;
import software.amazon.awscdk.services.apigateway.LogGroupLogDestination;
import software.amazon.awscdk.services.apigateway.MethodLoggingLevel;
import software.amazon.awscdk.services.apigateway.MethodOptions;
import software.amazon.awscdk.services.apigateway.Period;
import software.amazon.awscdk.services.apigateway.QuotaSettings;
import software.amazon.awscdk.services.apigateway.RequestValidator;
import software.amazon.awscdk.services.apigateway.Resource;
import software.amazon.awscdk.services.apigateway.ResponseType;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.apigateway.StageOptions;
import software.amazon.awscdk.services.apigateway.ThrottleSettings;
import software.amazon.awscdk.services.apigateway.UsagePlan;
import software.amazon.awscdk.services.apigateway.UsagePlanPerApiStage;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Permission;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The REST API: a resource and a method per route of the route table, each a proxy integration with the route's own
 * Lambda and guarded by the REQUEST authorizer; API keys come from the authorizer ({@code usageIdentifierKey}) so
 * the usage plans meter them; the gateway's own refusals answer in the API's error format.
 */
public final class HttpApi extends Construct {

    /** The API's error body, filled by API Gateway for the answers it gives itself. */
    static String errorTemplate(String code) {
        return "{\"error\": {\"code\": \"" + code + "\", \"message\": $context.error.messageString, "
                + "\"timestamp\": \"$context.requestTime\", \"requestId\": \"$context.requestId\"}}";
    }

    /** A gateway refusal: its status (null keeps API Gateway's own, for the catch-alls) and the API's error code. */
    record Refusal(String status, String code) {
    }

    static final Map<ResponseType, Refusal> GATEWAY_RESPONSES = new LinkedHashMap<>();

    static {
        // The authorizer failing with "Unauthorized": no key, an unknown, revoked or expired key, a bad token.
        GATEWAY_RESPONSES.put(ResponseType.UNAUTHORIZED, new Refusal("401", "INVALID_API_KEY"));
        // Authorized, but no usage key in the answer where the method requires one.
        GATEWAY_RESPONSES.put(ResponseType.INVALID_API_KEY, new Refusal("401", "INVALID_API_KEY"));
        // The authorizer's Deny policy (a token whose groups map to no role).
        GATEWAY_RESPONSES.put(ResponseType.ACCESS_DENIED, new Refusal("403", "INSUFFICIENT_PERMISSIONS"));
        // The authorizer erred instead of deciding (its Lambda failed or timed out, mostly the key table unreachable):
        // nothing ran, so the caller is told to retry rather than that the platform is broken.
        GATEWAY_RESPONSES.put(ResponseType.AUTHORIZER_FAILURE, new Refusal("503", "SERVICE_UNAVAILABLE"));
        GATEWAY_RESPONSES.put(ResponseType.AUTHORIZER_CONFIGURATION_ERROR, new Refusal("503", "SERVICE_UNAVAILABLE"));
        // REST APIs answer an unknown path with "Missing Authentication Token" (403): it is a 404 here.
        GATEWAY_RESPONSES.put(ResponseType.MISSING_AUTHENTICATION_TOKEN, new Refusal("404", "NOT_FOUND"));
        GATEWAY_RESPONSES.put(ResponseType.RESOURCE_NOT_FOUND, new Refusal("404", "NOT_FOUND"));
        GATEWAY_RESPONSES.put(ResponseType.THROTTLED, new Refusal("429", "RESOURCE_LIMIT_EXCEEDED"));
        GATEWAY_RESPONSES.put(ResponseType.QUOTA_EXCEEDED, new Refusal("429", "RESOURCE_LIMIT_EXCEEDED"));
        GATEWAY_RESPONSES.put(ResponseType.REQUEST_TOO_LARGE, new Refusal("413", "PAYLOAD_TOO_LARGE"));
        GATEWAY_RESPONSES.put(ResponseType.UNSUPPORTED_MEDIA_TYPE, new Refusal("415", "UNSUPPORTED_MEDIA_TYPE"));
        GATEWAY_RESPONSES.put(ResponseType.BAD_REQUEST_PARAMETERS, new Refusal("400", "VALIDATION_ERROR"));
        GATEWAY_RESPONSES.put(ResponseType.BAD_REQUEST_BODY, new Refusal("400", "VALIDATION_ERROR"));
        GATEWAY_RESPONSES.put(ResponseType.INTEGRATION_TIMEOUT, new Refusal("504", "SERVICE_UNAVAILABLE"));
        GATEWAY_RESPONSES.put(ResponseType.DEFAULT_4_XX, new Refusal(null, "VALIDATION_ERROR"));
        GATEWAY_RESPONSES.put(ResponseType.DEFAULT_5_XX, new Refusal(null, "INTERNAL_ERROR"));
    }

    public final RestApi api;
    public final Map<Role, UsagePlan> usagePlans = new EnumMap<>(Role.class);
    /** Per tier, the usage key Bearer-token callers are metered under (launchpad.usage-plans.*-jwt-key). */
    public final Map<Role, String> jwtUsageKeys = new EnumMap<>(Role.class);

    public HttpApi(Construct scope, String id, LaunchpadSettings settings, Map<String, Function> routeFunctions,
                   IAuthorizer authorizer) {
        super(scope, id);
        StageOptions.Builder stage = StageOptions.builder()
                .stageName(settings.stage())
                .tracingEnabled(true)
                .metricsEnabled(true);
        // API Gateway writes logs through ONE role per account and region (AWS::ApiGateway::Account). A normal stage
        // creates it and keeps it; an ephemeral one must not touch it (the setting would point at a role deleted with
        // the stage, silencing every other API's logs), and without it API Gateway refuses to log at all.
        if (settings.ephemeral()) {
            stage.loggingLevel(MethodLoggingLevel.OFF);
        } else {
            LogGroup accessLogs = LogGroup.Builder.create(this, "AccessLogs")
                    .retention(RetentionDays.THREE_MONTHS)
                    .build();
            stage.loggingLevel(MethodLoggingLevel.ERROR)
                    .accessLogDestination(new LogGroupLogDestination(accessLogs))
                    .accessLogFormat(AccessLogFormat.jsonWithStandardFields());
        }
        api = RestApi.Builder.create(this, "Api")
                .restApiName("agent-launchpad-" + settings.stage())
                .description("Agent Launchpad API (" + settings.stage() + ")")
                .endpointTypes(List.of(EndpointType.REGIONAL))
                .apiKeySourceType(ApiKeySourceType.AUTHORIZER)
                .cloudWatchRole(!settings.ephemeral())
                .deployOptions(stage.build())
                .build();
        // Path parameters are checked here; bodies are validated by the functions, which name every bad field in
        // the API's VALIDATION_ERROR details (a gateway model could only say "Invalid request body").
        RequestValidator validator = api.addRequestValidator("Parameters", software.amazon.awscdk.services.apigateway
                .RequestValidatorOptions.builder().validateRequestParameters(true).validateRequestBody(false).build());

        for (Route route : RouteTable.ROUTES) {
            Function function = routeFunctions.get(route.function());
            if (function == null) {
                throw new IllegalStateException("no Lambda for route function " + route.function());
            }
            Resource resource = api.getRoot().resourceForPath(route.pathTemplate());
            Map<String, Boolean> parameters = new LinkedHashMap<>();
            route.pathParameters().forEach(p -> parameters.put("method.request.path." + p, true));
            resource.addMethod(route.method(), proxyTo(function), MethodOptions.builder()
                    .operationName(route.function())
                    .authorizer(authorizer)
                    .authorizationType(AuthorizationType.CUSTOM)
                    .apiKeyRequired(true)
                    .requestParameters(parameters)
                    .requestValidator(validator)
                    .build());
            function.addPermission("ApiInvoke", Permission.builder()
                    .principal(new ServicePrincipal("apigateway.amazonaws.com"))
                    .sourceArn(api.arnForExecuteApi(route.method(), route.pathTemplate().replaceAll("\\{[^}]+}", "*"), "*"))
                    .build());
        }

        GATEWAY_RESPONSES.forEach((type, refusal) -> api.addGatewayResponse("Response" + type.getResponseType(),
                GatewayResponseOptions.builder()
                        .type(type)
                        .statusCode(refusal.status())
                        .responseHeaders(Map.of(
                                "Access-Control-Allow-Origin", "'*'",
                                "Access-Control-Allow-Headers", "'Content-Type,Authorization,X-API-Key,Idempotency-Key,If-Match'",
                                "X-Request-Id", "context.requestId"))
                        .templates(Map.of("application/json", errorTemplate(refusal.code())))
                        .build()));

        Limits limits = settings.limits();
        for (Role role : Role.values()) {
            Limits.UsageTier tier = limits.tier(role);
            usagePlans.put(role, api.addUsagePlan("UsagePlan" + role.name(), software.amazon.awscdk.services
                    .apigateway.UsagePlanProps.builder()
                    .name("launchpad-" + settings.stage() + "-" + role.name().toLowerCase())
                    .description("Keys of " + role.name() + " callers (launchpad.usage-plans." + role.name().toLowerCase() + ")")
                    .throttle(ThrottleSettings.builder().rateLimit(tier.rate()).burstLimit(tier.burst()).build())
                    .quota(QuotaSettings.builder().limit(Math.toIntExact(tier.quotaPerDay())).period(Period.DAY).build())
                    .apiStages(List.of(UsagePlanPerApiStage.builder().api(api).stage(api.getDeploymentStage()).build()))
                    .build()));
            // Every method requires a usage key, and a Bearer-token caller has no key of its own: the authorizer
            // answers with this tier-wide one. Not a credential (the key source is AUTHORIZER; the authorizer
            // refuses it as an X-API-Key), so a readable value is fine; per-user limits stay in the functions.
            String value = "launchpad-" + settings.stage() + "-jwt-callers-" + role.name().toLowerCase();
            jwtUsageKeys.put(role, value);
            usagePlans.get(role).addApiKey(software.amazon.awscdk.services.apigateway.ApiKey.Builder
                    .create(this, "JwtCallers" + role.name())
                    .apiKeyName(value)
                    .value(value)
                    .description("Usage key of " + role.name() + " callers signed in with a Bearer token")
                    .build());
        }
    }

    /**
     * A Lambda proxy integration whose URI names the function by its ARN built from its fixed name, not a reference
     * to the function resource: the key routes' environment carries the usage plan ids, the plans depend on the
     * stage, the stage on the methods, and a reference here would close that circle.
     */
    private static Integration proxyTo(Function function) {
        String name = function.getNode().getDefaultChild() instanceof software.amazon.awscdk.services.lambda.CfnFunction f
                ? f.getFunctionName() : null;
        if (name == null) {
            throw new IllegalStateException("route functions need a fixed name: " + function.getNode().getPath());
        }
        return Integration.Builder.create()
                .type(IntegrationType.AWS_PROXY)
                .integrationHttpMethod("POST")
                .uri(Fn.sub("arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/"
                        + "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:" + name + "/invocations"))
                .build();
    }
}
