package io.agentlaunchpad.local;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

/**
 * The in-process platform with a local token issuer's verification key (as {@code LAUNCHPAD_JWT_PUBLIC_KEY_LOCATION}
 * gives it one), one per test class, and a request with one credential header.
 */
abstract class TokenPlatformFixture {

    @TempDir
    static Path home;
    static LocalTokenIssuer tokens;
    static LocalPlatform.Running platform;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        tokens = LocalTokenIssuer.create(home);
        platform = LocalPlatform.startIn(home, tokens.environment());
    }

    @AfterAll
    static void stop() throws Exception {
        platform.close();
    }

    static HttpResponse<String> send(String method, String path, String header, String credential, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.baseUrl() + path))
                .header(header, credential)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
