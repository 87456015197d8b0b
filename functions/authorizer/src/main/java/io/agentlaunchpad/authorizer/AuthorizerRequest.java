package io.agentlaunchpad.authorizer;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
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
        if (headers != null) {
            for (Map.Entry<String, String> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue();
                }
            }
        }
        if (multiValueHeaders != null) {
            for (Map.Entry<String, List<String>> e : multiValueHeaders.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name) && e.getValue() != null && !e.getValue().isEmpty()) {
                    return e.getValue().get(0);
                }
            }
        }
        return null;
    }

    public String sourceIp() {
        return requestContext == null || requestContext.identity() == null ? null : requestContext.identity().sourceIp();
    }
}
