package io.agentlaunchpad.infra;

import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cloudformation.include.CfnInclude;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code template.yaml} (AWS SAM) parsed once by CfnInclude (a dangling Ref or GetAtt fails the parse), for the
 * tests that compare it with the route table, the shared definitions and the synthesised CDK template.
 */
final class SamTemplateFile {

    static final Path TEMPLATE = Path.of("..", "template.yaml").toAbsolutePath().normalize();
    private static Map<String, Map<String, Object>> sam;
    /** The functions whose SAM-generated role ({@code <function>Role}) the template refers to. */
    private static final Set<String> GENERATED_ROLES = new TreeSet<>();

    private SamTemplateFile() {
    }

    /** The template's resources by logical id, as CloudFormation JSON. */
    static synchronized Map<String, Map<String, Object>> sam() {
        if (sam == null) {
            try {
                sam = include();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sam;
    }

    static Set<String> generatedRoles() {
        sam();
        return GENERATED_ROLES;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> include() throws IOException {
        assertThat(TEMPLATE).exists();
        if (Boolean.getBoolean("samTemplate.write")) {
            // before parsing: a new table or route is referred to by the hand-written parts only once rendered
            Files.writeString(TEMPLATE, SamTemplate.regenerate(Files.readString(TEMPLATE)));
        }
        // "!Ref Api.Stage" names the stage the SAM transform generates; CfnInclude only knows declared resources, so
        // the copy it parses refers to the stage-name parameter instead. Every other Ref/GetAtt is checked as is.
        String text = Files.readString(TEMPLATE);
        assertThat(text).contains("!Ref Api.Stage");
        Path parsed = Files.createTempFile("template", ".yaml");
        Files.writeString(parsed, declareGeneratedRoles(text.replace("!Ref Api.Stage", "!Ref Stage")));
        Stack stack = new Stack(new App(), "Sam");
        CfnInclude.Builder.create(stack, "Template").templateFile(parsed.toString()).build();
        Map<String, Object> json = (Map<String, Object>) Template.fromStack(stack).toJSON();
        return (Map<String, Map<String, Object>>) json.get("Resources");
    }

    /**
     * SAM generates {@code <function>Role} for a function without a Role, and the template may refer to it (the access
     * entries of the routes that read the cluster do); CfnInclude knows only declared resources, so the copy it parses
     * declares each such role of a declared function. A reference to anything else still fails.
     */
    private static String declareGeneratedRoles(String text) {
        Matcher m = Pattern.compile("!GetAtt ([A-Za-z0-9]+)Role\\.Arn").matcher(text);
        StringBuilder roles = new StringBuilder();
        while (m.find()) {
            String function = m.group(1);
            if (text.contains("\n  " + function + ":\n    Type: AWS::Serverless::Function\n")
                    && !text.contains("\n  " + function + "Role:\n") && GENERATED_ROLES.add(function)) {
                roles.append("  ").append(function).append("Role:\n    Type: AWS::IAM::Role\n    Properties:\n")
                        .append("      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, ")
                        .append("Principal: {Service: lambda.amazonaws.com}, Action: 'sts:AssumeRole'}]}\n\n");
            }
        }
        assertThat(text).containsOnlyOnce("\nOutputs:\n");
        return text.replace("\nOutputs:\n", "\n" + roles + "Outputs:\n");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value, String... path) {
        Object current = value;
        for (String key : path) {
            current = ((Map<String, Object>) current).get(key);
        }
        return (Map<String, Object>) current;
    }

    static Map<String, Map<String, Object>> samOfType(String type) {
        return sam().entrySet().stream().filter(e -> type.equals(e.getValue().get("Type")))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    static String export(Map<String, Object> function) {
        return (String) map(function, "Properties", "Environment", "Variables").get("QUARKUS_FUNQY_EXPORT");
    }
}
