package io.agentlaunchpad.infra;

import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipFile;

/**
 * Builds the Lambdas of one functions artifact: native ({@code provided.al2023}, the Quarkus {@code bootstrap}) by
 * default, or JVM ({@code java21} with SnapStart) as the fallback; each function chooses its export at runtime.
 */
final class FunctionFactory {

    static final String HANDLER = "io.quarkus.funqy.lambda.FunqyStreamHandler::handleRequest";

    private final LaunchpadSettings settings;

    FunctionFactory(LaunchpadSettings settings) {
        this.settings = settings;
    }

    /** A function with its own role (null) or a given one. */
    Function create(Construct scope, String id, String module, String export, int memoryMb, Duration timeout,
                    Map<String, String> environment, IRole role) {
        Map<String, String> env = new HashMap<>(environment);
        env.put("QUARKUS_FUNQY_EXPORT", export);
        if (settings.nativeRuntime()) {
            // Quarkus native on Lambda: the runtime's signals are not the process's to handle.
            env.put("DISABLE_SIGNAL_HANDLERS", "true");
        }
        String functionName = settings.prefix() + export;
        LogGroup logs = LogGroup.Builder.create(scope, id + "-LogGroup")
                .logGroupName("/aws/lambda/" + functionName)
                .retention(RetentionDays.ONE_MONTH)
                .build();
        Function.Builder builder = Function.Builder.create(scope, id)
                .functionName(functionName)
                .runtime(settings.nativeRuntime() ? Runtime.PROVIDED_AL2023 : Runtime.JAVA_21)
                .architecture(Architecture.X86_64)
                .handler(HANDLER)
                .code(Code.fromAsset(artifact(module).toString()))
                // A native image needs far less memory than the JVM; memory also buys CPU, so not below 256 MB.
                .memorySize(settings.nativeRuntime() ? Math.max(256, memoryMb / 2) : memoryMb)
                .timeout(timeout)
                .environment(env)
                .tracing(Tracing.ACTIVE)
                .logGroup(logs);
        if (role != null) {
            builder.role(role);
        }
        if (!settings.nativeRuntime()) {
            builder.snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS);
        }
        Function function = builder.build();
        if (settings.nativeRuntime() && !hasBootstrap(artifact(module))) {
            Annotations.of(function).addWarningV2("launchpad:jvm-artifact", artifact(module) + " has no native "
                    + "bootstrap: build with -Dnative, or synth with runtime=jvm");
        }
        return function;
    }

    private static boolean hasBootstrap(Path zip) {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            return file.getEntry("bootstrap") != null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code functions/<module>/target/function.zip}, built by {@code ./mvnw package} (-Dnative for native). */
    Path artifact(String module) {
        Path zip = Path.of(settings.functionsDirectory(), module, "target", "function.zip").toAbsolutePath().normalize();
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("missing " + zip + ": build the functions first (./mvnw -DskipTests package)");
        }
        return zip;
    }
}
