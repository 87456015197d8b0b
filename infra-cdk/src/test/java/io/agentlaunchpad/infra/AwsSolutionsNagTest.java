package io.agentlaunchpad.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** cdk-nag's AwsSolutions pack over the whole stack: any error not suppressed here, with its reason, fails. */
class AwsSolutionsNagTest {

    static final List<NagPackSuppression> SUPPRESSIONS = List.of(
            suppress("AwsSolutions-IAM4", "AWSLambdaBasicExecutionRole (logs only) on the function roles and "
                    + "AmazonAPIGatewayPushToCloudWatchLogs on API Gateway's account role are AWS's own minimal "
                    + "policies for exactly that purpose"),
            suppress("AwsSolutions-IAM5", "wildcards are scoped to this stack's resources: table/<name>/index/* for "
                    + "the GSIs, kms:GenerateDataKey*/ReEncrypt* on the one sealing key, apigateway /usageplans/*/keys "
                    + "and /apikeys/* for key registration, and X-Ray's PutTraceSegments which has no resource type"),
            suppress("AwsSolutions-COG4", "callers authenticate with platform API keys or Bearer JWTs checked by the "
                    + "REQUEST authorizer (docs/identity.md); Cognito is not the identity provider"),
            suppress("AwsSolutions-APIG2", "path parameters are validated by the gateway; bodies by the functions, "
                    + "which name every bad field in VALIDATION_ERROR details"));

    static NagPackSuppression suppress(String id, String reason) {
        return NagPackSuppression.builder().id(id).reason(reason).build();
    }

    @Test
    void awsSolutionsFindsNoUnsuppressedError() {
        LaunchpadStack stack = Stacks.newStack();
        if (!Boolean.getBoolean("nag.unsuppressed")) {
            NagSuppressions.addStackSuppressions(stack, SUPPRESSIONS, true);
        }
        Aspects.of(stack).add(new AwsSolutionsChecks());
        List<SynthesisMessage> errors = Annotations.fromStack(stack)
                .findError("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        assertThat(errors.stream().map(e -> e.getId() + ": " + e.getEntry().getData()).collect(Collectors.toList()))
                .isEmpty();
    }
}
