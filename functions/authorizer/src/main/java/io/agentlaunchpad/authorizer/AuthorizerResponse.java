package io.agentlaunchpad.authorizer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;
import java.util.Map;

/**
 * The authorizer's answer: an IAM policy for the whole stage (so a cached answer serves every route of the caller),
 * the principal as context (string values: API Gateway passes them on as {@code requestContext.authorizer}), and
 * for API keys the key as {@code usageIdentifierKey}, which usage plans meter (API key source AUTHORIZER).
 * See https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuthorizerResponse(String principalId, PolicyDocument policyDocument, Map<String, String> context,
                                 String usageIdentifierKey) {

    @RegisterForReflection
    public record PolicyDocument(@JsonProperty("Version") String version,
                                 @JsonProperty("Statement") List<Statement> statement) {
    }

    @RegisterForReflection
    public record Statement(@JsonProperty("Action") String action, @JsonProperty("Effect") String effect,
                            @JsonProperty("Resource") String resource) {
    }

    public static AuthorizerResponse of(String principalId, String effect, String resource,
                                        Map<String, String> context, String usageIdentifierKey) {
        return new AuthorizerResponse(principalId, new PolicyDocument("2012-10-17",
                List.of(new Statement("execute-api:Invoke", effect, resource))), context, usageIdentifierKey);
    }

    /** {@code toString} is what could reach a log: it never shows the key. */
    @Override
    public String toString() {
        return "AuthorizerResponse[principalId=" + principalId + ", effect="
                + policyDocument.statement().get(0).effect() + ", context=" + context + "]";
    }
}
