package io.agentlaunchpad.tables;

import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

public record KeyAttribute(String name, ScalarAttributeType type) {

    public static KeyAttribute string(String name) {
        return new KeyAttribute(name, ScalarAttributeType.S);
    }

    public static KeyAttribute number(String name) {
        return new KeyAttribute(name, ScalarAttributeType.N);
    }
}
