package io.agentlaunchpad.infra;

import java.util.List;

/**
 * What a function may do beyond its tables, each as the IAM statements it needs. The CDK stack and the SAM template
 * both render these statements ({@link Target} says on what), so an action is written once.
 */
public enum Grant {

    /** Sends deploy commands ({@code DeployQueue}). */
    SEND_COMMANDS(statement(Target.DEPLOY_QUEUE, "sqs:SendMessage")),
    /** Seals platform tokens and agents' own tokens: a fresh data key per value, never a decrypt. */
    SEAL(statement(Target.SEALING_KEY, "kms:GenerateDataKey")),
    /** Reads sealed values back. */
    UNSEAL(statement(Target.SEALING_KEY, "kms:Decrypt")),
    /** Registers and disables API Gateway keys on the usage plans ({@code AwsUsagePlans}). */
    USAGE_KEYS(statement(Target.API_GATEWAY_KEYS, "apigateway:POST"),
            statement(Target.API_GATEWAY_KEY, "apigateway:DELETE")),
    /**
     * The authorizer's own usage key per Bearer-token user, on the plan that holds the tier's shared key (found by
     * the key's name: the plans' ids cannot be given to the authorizer, the stage depends on it).
     */
    TOKEN_USAGE_KEYS(statement(Target.API_GATEWAY_KEYS, "apigateway:POST"),
            statement(Target.API_GATEWAY_LOOKUPS, "apigateway:GET")),
    /** Reads the catalogue's images and their findings and starts a scan ({@code EcrImageScanner}). */
    SCAN_IMAGES(statement(Target.AGENT_IMAGES, "ecr:DescribeImages", "ecr:DescribeImageScanFindings",
            "ecr:StartImageScan")),
    /** Reads the catalogue's images and their findings, starts nothing. */
    READ_SCANS(statement(Target.AGENT_IMAGES, "ecr:DescribeImages", "ecr:DescribeImageScanFindings")),
    /** The health probe's queue depths ({@code QueueProbe}: the queue, then its dead letters by name). */
    PROBE_QUEUES(statement(Target.DEPLOY_QUEUES, "sqs:GetQueueAttributes", "sqs:GetQueueUrl")),
    /** The health probe's registry check ({@code RegistryProbe}). */
    PROBE_REGISTRY(statement(Target.AGENT_IMAGES, "ecr:DescribeRepositories"));

    /** What a statement names: each resolved by the CDK stack to its constructs and by the SAM template to its refs. */
    public enum Target {
        DEPLOY_QUEUE, DEPLOY_QUEUES, SEALING_KEY, AGENT_IMAGES,
        /** {@code /apikeys} and {@code /usageplans/{id}/keys}: creating a key and adding it to a plan. */
        API_GATEWAY_KEYS,
        /** {@code /apikeys/{id}}: disabling one. */
        API_GATEWAY_KEY,
        /** {@code /apikeys} and {@code /usageplans} read: a key by name, the plans holding a key. */
        API_GATEWAY_LOOKUPS;

        /** API Gateway's management paths, under {@code arn:<partition>:apigateway:<region>::}. */
        public List<String> apiGatewayPaths() {
            return switch (this) {
                case API_GATEWAY_KEYS -> List.of("/apikeys", "/usageplans/*/keys");
                case API_GATEWAY_KEY -> List.of("/apikeys/*");
                case API_GATEWAY_LOOKUPS -> List.of("/apikeys", "/usageplans");
                default -> List.of();
            };
        }
    }

    /** One Allow statement: these actions on this target. */
    public record Statement(Target target, List<String> actions) {
    }

    public final List<Statement> statements;

    Grant(Statement... statements) {
        this.statements = List.of(statements);
    }

    private static Statement statement(Target target, String... actions) {
        return new Statement(target, List.of(actions));
    }
}
