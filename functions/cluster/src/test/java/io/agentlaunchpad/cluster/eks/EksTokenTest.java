package io.agentlaunchpad.cluster.eks;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class EksTokenTest {

    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-11-29T04:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final ManualClock clock = new ManualClock();
    final EksToken tokens = new EksToken("launchpad-prod", Region.EU_WEST_1,
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", SECRET)), clock);

    @Test
    void token_isAPresignedStsGetCallerIdentityUrlBoundToTheCluster() {
        String token = tokens.get();

        assertThat(token).startsWith("k8s-aws-v1.");
        String encoded = token.substring("k8s-aws-v1.".length());
        assertThat(encoded).doesNotContain("=").matches("^[A-Za-z0-9_-]+$");
        URI url = URI.create(new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8));
        assertThat(url.getScheme()).isEqualTo("https");
        assertThat(url.getHost()).isEqualTo("sts.eu-west-1.amazonaws.com");
        Map<String, String> query = Arrays.stream(url.getRawQuery().split("&")).map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
        assertThat(query).containsEntry("Action", "GetCallerIdentity").containsEntry("Version", "2011-06-15")
                .containsEntry("X-Amz-Algorithm", "AWS4-HMAC-SHA256").containsEntry("X-Amz-Expires", "60")
                .containsEntry("X-Amz-Date", "20261129T040000Z");
        assertThat(query.get("X-Amz-Credential")).isEqualTo("AKIDEXAMPLE/20261129/eu-west-1/sts/aws4_request");
        assertThat(query.get("X-Amz-SignedHeaders").split(";")).contains("host", "x-k8s-aws-id");
        assertThat(query.get("X-Amz-Signature")).matches("^[0-9a-f]{64}$");
        assertThat(token).doesNotContain(SECRET);
    }

    @Test
    void token_isReusedWhileValidAndRenewedAMinuteBeforeItsFifteenMinutesRunOut() {
        String first = tokens.get();
        assertThat(tokens.expiresAt()).isEqualTo(clock.now.plus(Duration.ofMinutes(15)));

        clock.now = clock.now.plus(Duration.ofMinutes(13)).plusSeconds(59);
        assertThat(tokens.get()).isSameAs(first);

        clock.now = clock.now.plusSeconds(1);
        String renewed = tokens.get();
        assertThat(renewed).isNotEqualTo(first);
        assertThat(tokens.expiresAt()).isEqualTo(clock.now.plus(Duration.ofMinutes(15)));
    }

    @Test
    void tokensForAnotherCluster_differ() {
        EksToken other = new EksToken("launchpad-staging", Region.EU_WEST_1,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", SECRET)), clock);

        assertThat(other.get()).isNotEqualTo(tokens.get());
    }
}
