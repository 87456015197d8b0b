package io.agentlaunchpad.cluster.eks;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.regions.Region;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The bearer token EKS accepts from an IAM identity, built the way {@code aws eks get-token} builds it: a presigned
 * STS {@code GetCallerIdentity} URL whose signature covers the {@code x-k8s-aws-id} header (the cluster name),
 * base64url without padding, prefixed {@code k8s-aws-v1.}. The API server accepts it for 15 minutes; it is cached
 * and renewed a minute before that. See https://docs.aws.amazon.com/eks/latest/userguide/cluster-auth.html
 */
public final class EksToken {

    public static final String PREFIX = "k8s-aws-v1.";
    /** EKS rejects a token older than 15 minutes whatever its X-Amz-Expires says; 60 s is what the CLI signs. */
    static final Duration SIGNED_EXPIRY = Duration.ofSeconds(60);
    static final Duration VALIDITY = Duration.ofMinutes(15);
    static final Duration RENEW_BEFORE = Duration.ofMinutes(1);

    private final String clusterName;
    private final Region region;
    private final AwsCredentialsProvider credentials;
    private final Clock clock;
    private String token;
    private Instant expiresAt = Instant.MIN;

    public EksToken(String clusterName, Region region, AwsCredentialsProvider credentials, Clock clock) {
        this.clusterName = clusterName;
        this.region = region;
        this.credentials = credentials;
        this.clock = clock;
    }

    /** The current token, renewed when it has less than a minute left. */
    public synchronized String get() {
        Instant now = clock.instant();
        if (token == null || !now.isBefore(expiresAt.minus(RENEW_BEFORE))) {
            token = create(now);
            expiresAt = now.plus(VALIDITY);
        }
        return token;
    }

    public synchronized Instant expiresAt() {
        return expiresAt;
    }

    private String create(Instant now) {
        String host = "sts." + region.id() + ".amazonaws.com";
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.GET)
                .protocol("https").host(host).encodedPath("/")
                .appendRawQueryParameter("Action", "GetCallerIdentity")
                .appendRawQueryParameter("Version", "2011-06-15")
                .putHeader("x-k8s-aws-id", clusterName)
                .build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .request(request)
                .identity(credentials.resolveCredentials())
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sts")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region.id())
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, SIGNED_EXPIRY)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(now, java.time.ZoneOffset.UTC)));
        String url = signed.request().getUri().toString();
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(url.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "EksToken[" + clusterName + "]";
    }
}
