package io.agentlaunchpad.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * An identity provider for the suites that drive an in-process platform: an RSA key pair made for one run, its
 * public key written as PEM for {@code LAUNCHPAD_JWT_PUBLIC_KEY_LOCATION} (as an operator points the platform at the
 * SSO's key), and RS256 tokens signed with the private key, which never leaves this object.
 */
public final class LocalTokenIssuer {

    public static final String ISSUER = "https://sso.launchpad.local";
    public static final String AUDIENCE = "agent-launchpad";

    private final KeyPair keys;
    private final Path publicKey;

    private LocalTokenIssuer(KeyPair keys, Path publicKey) {
        this.keys = keys;
        this.publicKey = publicKey;
    }

    /** A fresh key pair, its public half written to {@code <dir>/jwt-public.pem}. */
    public static LocalTokenIssuer create(Path dir) throws IOException {
        KeyPair keys;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        Path pem = dir.resolve("jwt-public.pem");
        Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(keys.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        return new LocalTokenIssuer(keys, pem);
    }

    /** The settings that make a platform accept this issuer's tokens: key, issuer, audience. */
    public Map<String, String> environment() {
        return Map.of("LAUNCHPAD_JWT_PUBLIC_KEY_LOCATION", publicKey.toString(),
                "LAUNCHPAD_JWT_ISSUER", ISSUER,
                "LAUNCHPAD_JWT_AUDIENCE", AUDIENCE);
    }

    /** A token for {@code username} in the group {@code role}, valid for the next hour. */
    public String token(String username, String role) {
        return token(username, role, ISSUER, AUDIENCE, Instant.now().plus(Duration.ofHours(1)));
    }

    /** A token with the given issuer, audience and expiry: for the cells that must be refused. */
    public String token(String username, String role, String issuer, String audience, Instant expires) {
        long exp = expires.getEpochSecond();
        String header = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
        String claims = b64("{\"iss\":\"" + issuer + "\",\"aud\":\"" + audience + "\",\"upn\":\"" + username
                + "\",\"sub\":\"" + username + "\",\"groups\":[\"" + role + "\"],\"iat\":" + (exp - 7200)
                + ",\"exp\":" + exp + "}");
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(keys.getPrivate());
            rsa.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
            return header + "." + claims + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
