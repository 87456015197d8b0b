package io.agentlaunchpad.deployer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentlaunchpad.agents.AgentStatus;
import io.agentlaunchpad.json.Json;
import io.agentlaunchpad.scan.EcrStubResource;
import io.agentlaunchpad.testing.BackendsResource;
import io.agentlaunchpad.testing.Events;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static io.agentlaunchpad.testing.Users.newUser;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The whole Lambda path: the SQS event fixture of events/ posted to the Lambda mock event server. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(BackendsResource.class)
@QuarkusTestResource(EcrStubResource.class)
class SqsLambdaPathTest extends DeployerFixture {

    @Test
    void sqsEvent_eachRecordHandledAlone_andOnlyTheFailedOneReportedInBatchItemFailures() throws Exception {
        String owner = newUser();
        String agentId = create(owner);
        queue.purge();
        ObjectNode event = (ObjectNode) Json.tree(Files.readString(Events.file("sqs/deploy-command.json")));
        ArrayNode records = (ArrayNode) event.get("Records");
        ObjectNode good = (ObjectNode) records.get(0);
        good.put("body", good.get("body").asText().replace("agent-123abc", agentId));
        ObjectNode poison = good.deepCopy();
        poison.put("messageId", "poison-1");
        poison.put("body", "{\"type\": \"NOT_A_COMMAND\"}");
        records.add(poison);

        String response = given().contentType("application/json").accept("application/json")
                .body(Json.write(event)).when().post().then().statusCode(200).extract().asString();

        JsonNode failures = Json.tree(response).get("batchItemFailures");
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0).get("itemIdentifier").asText()).isEqualTo("poison-1");
        assertThat(agent(agentId).status()).isEqualTo(AgentStatus.DEPLOYING);
    }
}
