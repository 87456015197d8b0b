package io.agentlaunchpad.http;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;
import java.util.Map;

/**
 * The API Gateway REST API (v1) proxy integration event, as a Lambda receives it.
 * See https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProxyRequest(
        String resource,
        String path,
        String httpMethod,
        Map<String, String> headers,
        Map<String, List<String>> multiValueHeaders,
        Map<String, String> queryStringParameters,
        Map<String, List<String>> multiValueQueryStringParameters,
        Map<String, String> pathParameters,
        Map<String, String> stageVariables,
        RequestContext requestContext,
        String body,
        @JsonProperty("isBase64Encoded") boolean isBase64Encoded) {

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RequestContext(
            String requestId,
            String resourcePath,
            String httpMethod,
            String stage,
            String requestTime,
            Long requestTimeEpoch,
            Map<String, Object> authorizer,
            Identity identity) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Identity(String sourceIp, String userAgent, String apiKey, String apiKeyId) {
    }

    public String header(String name) {
        return Headers.first(headers, multiValueHeaders, name);
    }

    public List<String> queryValues(String name) {
        if (multiValueQueryStringParameters != null && multiValueQueryStringParameters.get(name) != null) {
            return multiValueQueryStringParameters.get(name);
        }
        if (queryStringParameters != null && queryStringParameters.get(name) != null) {
            return List.of(queryStringParameters.get(name));
        }
        return List.of();
    }

    public String pathParameter(String name) {
        return pathParameters == null ? null : pathParameters.get(name);
    }

    public String requestId() {
        return requestContext == null ? null : requestContext.requestId();
    }

    public Map<String, Object> authorizer() {
        return requestContext == null || requestContext.authorizer() == null ? Map.of() : requestContext.authorizer();
    }
}
