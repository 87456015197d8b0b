package io.agentlaunchpad.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.json.Json;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The IAM policy rules API Gateway applies to a REQUEST authorizer's answer. */
class FunctionAuthorizerTest {

    static final String ARN = "arn:aws:execute-api:us-east-1:000000000000:local/local/GET/api/agents";

    static JsonNode policy(String statements) throws Exception {
        return Json.tree("{\"Version\": \"2012-10-17\", \"Statement\": " + statements + "}");
    }

    @Test
    void anAllowCoveringTheMethodAllows() throws Exception {
        assertThat(FunctionAuthorizer.allows(policy("[{\"Action\": \"execute-api:Invoke\", \"Effect\": \"Allow\", "
                + "\"Resource\": \"arn:aws:execute-api:us-east-1:000000000000:local/local/*\"}]"), ARN)).isTrue();
        assertThat(FunctionAuthorizer.allows(policy("{\"Action\": [\"execute-api:Invoke\"], \"Effect\": \"Allow\", "
                + "\"Resource\": [\"" + ARN + "\"]}"), ARN)).isTrue();
    }

    @Test
    void aDenyWinsAndNothingElseAllows() throws Exception {
        assertThat(FunctionAuthorizer.allows(policy("[{\"Action\": \"execute-api:Invoke\", \"Effect\": \"Allow\", \"Resource\": \"*\"},"
                + "{\"Action\": \"execute-api:Invoke\", \"Effect\": \"Deny\", \"Resource\": \"" + ARN + "\"}]"), ARN)).isFalse();
        assertThat(FunctionAuthorizer.allows(policy("[{\"Action\": \"execute-api:Invoke\", \"Effect\": \"Allow\", "
                + "\"Resource\": \"arn:aws:execute-api:us-east-1:000000000000:local/local/POST/*\"}]"), ARN)).isFalse();
        assertThat(FunctionAuthorizer.allows(policy("[{\"Action\": \"s3:GetObject\", \"Effect\": \"Allow\", \"Resource\": \"*\"}]"), ARN)).isFalse();
        assertThat(FunctionAuthorizer.allows(Json.MAPPER.createObjectNode(), ARN)).isFalse();
    }
}
