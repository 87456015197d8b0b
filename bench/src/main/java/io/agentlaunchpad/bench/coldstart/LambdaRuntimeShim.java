package io.agentlaunchpad.bench.coldstart;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * What Lambda's managed Java runtime does with a {@code RequestStreamHandler}, in the child process the cold-start
 * benchmark spawns: construct the handler during init (for Quarkus, {@code Quarkus.manualInitialize()}), then poll
 * the Runtime API at {@code AWS_LAMBDA_RUNTIME_API} for an event, call {@code handleRequest} (the first call runs
 * {@code Quarkus.manualStart()}) and post the response or the error. In JVM mode the Quarkus Funqy Lambda extension
 * does not poll the Runtime API itself (its poll loop is for the native {@code bootstrap} and dev/test mode), so
 * something in the process has to: on AWS the runtime interface client, here this.
 *
 * <p>Loaded from a directory of its own, next to the unpacked {@code function.zip}: it needs only the JDK and
 * {@code aws-lambda-java-core} (in every function's {@code lib/}), and never the benchmark's classpath. Plain
 * {@link HttpURLConnection}, so that it adds few classes to the process it is measuring.
 */
public final class LambdaRuntimeShim {

    private static final String API = "/2018-06-01/runtime";

    private LambdaRuntimeShim() {
    }

    /** {@code args[0]}: the handler, {@code class::method} as Lambda's {@code Handler} setting. */
    public static void main(String[] args) throws Exception {
        String base = "http://" + System.getenv("AWS_LAMBDA_RUNTIME_API") + API;
        String handler = args[0];
        int separator = handler.indexOf("::");
        String className = separator < 0 ? handler : handler.substring(0, separator);
        String methodName = separator < 0 ? "handleRequest" : handler.substring(separator + 2);

        Object instance;
        Method method;
        try {
            Class<?> type = Class.forName(className);
            instance = type.getDeclaredConstructor().newInstance();
            method = type.getMethod(methodName, InputStream.class, OutputStream.class, Context.class);
        } catch (Throwable e) {
            Throwable cause = e instanceof InvocationTargetException i && i.getCause() != null ? i.getCause() : e;
            post(base + "/init/error", error(cause), "Runtime.InitError");
            System.exit(1);
            return;
        }

        while (true) {
            HttpURLConnection next = (HttpURLConnection) new URL(base + "/invocation/next").openConnection();
            next.setReadTimeout(0);
            byte[] event;
            try (InputStream in = next.getInputStream()) {
                event = in.readAllBytes();
            }
            Invocation context = new Invocation(next.getHeaderField("Lambda-Runtime-Aws-Request-Id"),
                    next.getHeaderField("Lambda-Runtime-Invoked-Function-Arn"),
                    parseLong(next.getHeaderField("Lambda-Runtime-Deadline-Ms")));
            String trace = next.getHeaderField("Lambda-Runtime-Trace-Id");
            if (trace != null) {
                System.setProperty("com.amazonaws.xray.traceHeader", trace);
            }
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            try {
                method.invoke(instance, new ByteArrayInputStream(event), response, context);
            } catch (Throwable e) {
                Throwable cause = e instanceof InvocationTargetException i && i.getCause() != null ? i.getCause() : e;
                post(base + "/invocation/" + context.requestId + "/error", error(cause), "Runtime.Unhandled");
                continue;
            }
            post(base + "/invocation/" + context.requestId + "/response", response.toByteArray(), null);
        }
    }

    private static void post(String url, byte[] body, String errorType) throws IOException {
        HttpURLConnection post = (HttpURLConnection) new URL(url).openConnection();
        post.setRequestMethod("POST");
        post.setDoOutput(true);
        post.setFixedLengthStreamingMode(body.length);
        if (errorType != null) {
            post.setRequestProperty("Lambda-Runtime-Function-Error-Type", errorType);
        }
        try (OutputStream out = post.getOutputStream()) {
            out.write(body);
        }
        post.getResponseCode();
        post.getInputStream().close();
    }

    private static byte[] error(Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        e.printStackTrace();
        return ("{\"errorType\":\"" + escape(e.getClass().getName()) + "\",\"errorMessage\":\""
                + escape(String.valueOf(e.getMessage())) + "\",\"stackTrace\":\"" + escape(trace.toString()) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static long parseLong(String value) {
        try {
            return value == null ? System.currentTimeMillis() + 30_000 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return System.currentTimeMillis() + 30_000;
        }
    }

    /** The invocation's {@link Context}, from the Runtime API's headers and the Lambda environment. */
    static final class Invocation implements Context, LambdaLogger {

        final String requestId;
        private final String functionArn;
        private final long deadlineMillis;

        Invocation(String requestId, String functionArn, long deadlineMillis) {
            this.requestId = requestId;
            this.functionArn = functionArn;
            this.deadlineMillis = deadlineMillis;
        }

        @Override
        public String getAwsRequestId() {
            return requestId;
        }

        @Override
        public String getLogGroupName() {
            return System.getenv("AWS_LAMBDA_LOG_GROUP_NAME");
        }

        @Override
        public String getLogStreamName() {
            return System.getenv("AWS_LAMBDA_LOG_STREAM_NAME");
        }

        @Override
        public String getFunctionName() {
            return System.getenv("AWS_LAMBDA_FUNCTION_NAME");
        }

        @Override
        public String getFunctionVersion() {
            return System.getenv("AWS_LAMBDA_FUNCTION_VERSION");
        }

        @Override
        public String getInvokedFunctionArn() {
            return functionArn;
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return (int) Math.max(0, deadlineMillis - System.currentTimeMillis());
        }

        @Override
        public int getMemoryLimitInMB() {
            String memory = System.getenv("AWS_LAMBDA_FUNCTION_MEMORY_SIZE");
            return memory == null ? 0 : Integer.parseInt(memory);
        }

        @Override
        public LambdaLogger getLogger() {
            return this;
        }

        @Override
        public void log(String message) {
            System.out.print(message);
        }

        @Override
        public void log(byte[] message) {
            System.out.write(message, 0, message.length);
        }
    }
}
