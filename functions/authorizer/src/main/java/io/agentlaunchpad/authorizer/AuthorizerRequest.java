package io.agentlaunchpad.authorizer;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.agentlaunchpad.http.Headers;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;
import java.util.Map;

/**
 * The REQUEST authorizer event of a REST API.
 * See https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-input.html
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record AuthorizerRequest(String type, String methodArn, String resource, String path, String httpMethod,
                                Map<String, String> headers, Map<String, List<String>> multiValueHeaders,
                                RequestContext requestContext) {

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RequestContext(String requestId, String stage, Identity identity) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Identity(String sourceIp, String userAgent) {
    }

    public String header(String name) {
        return Headers.first(headers, multiValueHeaders, name);
    }

    public String sourceIp() {
        return requestContext == null || requestContext.identity() == null ? null : requestContext.identity().sourceIp();
    }
}
