package io.agentlaunchpad.infra;

import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.ecr.IRepository;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.Key;

import java.util.List;

/** Gives a role exactly an {@link Access}: the CDK rendering of the declaration ({@code SamRoutes} is the SAM one). */
final class AccessGrants {

    private final Stack stack;
    private final DataTables tables;
    private final DeployQueues queues;
    private final Key sealingKey;
    private final IRepository agentImages;

    AccessGrants(Stack stack, DataTables tables, DeployQueues queues, Key sealingKey, IRepository agentImages) {
        this.stack = stack;
        this.tables = tables;
        this.queues = queues;
        this.sealingKey = sealingKey;
        this.agentImages = agentImages;
    }

    void grant(IGrantable grantee, Access access) {
        access.tables().forEach((definition, use) -> {
            Table table = tables.table(definition);
            switch (use) {
                case READ -> table.grantReadData(grantee);
                case WRITE -> table.grantWriteData(grantee);
                case READ_WRITE -> table.grantReadWriteData(grantee);
            }
        });
        for (Grant grant : access.grants()) {
            for (Grant.Statement statement : grant.statements) {
                grantee.getGrantPrincipal().addToPrincipalPolicy(PolicyStatement.Builder.create()
                        .actions(statement.actions())
                        .resources(resources(statement.target()))
                        .build());
            }
        }
    }

    private List<String> resources(Grant.Target target) {
        return switch (target) {
            case DEPLOY_QUEUE -> List.of(queues.queue.getQueueArn());
            case DEPLOY_QUEUES -> List.of(queues.queue.getQueueArn(), queues.deadLetters.getQueueArn());
            case SEALING_KEY -> List.of(sealingKey.getKeyArn());
            case AGENT_IMAGES -> List.of(agentImages.getRepositoryArn());
            case API_GATEWAY_KEYS, API_GATEWAY_KEY, API_GATEWAY_LOOKUPS -> target.apiGatewayPaths().stream()
                    .map(path -> "arn:" + stack.getPartition() + ":apigateway:" + stack.getRegion() + "::" + path)
                    .toList();
        };
    }
}
