package io.agentlaunchpad.local;

import io.agentlaunchpad.json.Json;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The field-by-field comparison the reference check relies on, for each way an answer can fall short. */
class ExampleShapeTest {

    static java.util.List<String> gaps(String example, String answer) throws Exception {
        return ExampleShape.gaps(Json.tree(example), Json.tree(answer)).stream().map(Object::toString).toList();
    }

    @Test
    void aMissingNestedField_aNullAndAWrongTypeAreGaps_extraFieldsAreNot() throws Exception {
        String example = "{\"health\": {\"overall\": \"HEALTHY\", \"kubernetes\": {\"replicas\": 1}}, \"url\": \"u\","
                + " \"passed\": true}";
        assertThat(gaps(example, "{\"health\": {\"overall\": \"HEALTHY\", \"kubernetes\": {\"replicas\": 2.5}},"
                + " \"url\": \"x\", \"passed\": false, \"more\": 1}")).isEmpty();
        assertThat(gaps(example, "{\"health\": {\"overall\": \"HEALTHY\", \"kubernetes\": {}}, \"url\": null,"
                + " \"passed\": \"yes\"}")).containsExactly(
                "$.health.kubernetes.replicas: missing (the example shows number)",
                "$.url: null (the example shows string)",
                "$.passed: string where the example shows boolean");
    }

    @Test
    void anArrayIsComparedByItsFirstElement_andAnEmptyAnswerCannotShowIt() throws Exception {
        String example = "{\"logs\": [{\"pod\": \"p\", \"level\": \"INFO\"}]}";
        assertThat(gaps(example, "{\"logs\": [{\"pod\": \"a\"}, {\"level\": \"x\"}]}"))
                .containsExactly("$.logs[0].level: missing (the example shows string)");
        assertThat(gaps(example, "{\"logs\": []}"))
                .containsExactly("$.logs[0]: missing: the answer's array is empty, the example shows object");
    }
}
