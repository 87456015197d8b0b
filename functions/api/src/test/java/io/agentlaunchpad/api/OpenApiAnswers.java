package io.agentlaunchpad.api;

import io.agentlaunchpad.http.ProxyResponse;
import io.agentlaunchpad.testing.OpenApiSpec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Answers checked against {@code openapi.yaml}: the status is documented for the operation, the body matches that
 * status's schema with no field the schema leaves out and none it requires missing, and every header is documented.
 */
final class OpenApiAnswers {

    private OpenApiAnswers() {
    }

    static void assertDocumented(String operationId, ProxyResponse answer) {
        assertThat(OpenApiSpec.repository().problems(operationId, answer))
                .as("%s %d does not match openapi.yaml\n%s\n%s", operationId, answer.statusCode(), answer.headers(),
                        answer.body())
                .isEmpty();
    }
}
