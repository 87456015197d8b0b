package io.agentlaunchpad.authorizer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

/**
 * The SSO provider of the tests: an RSA key pair made here, its public half given to smallrye-jwt as
 * {@code mp.jwt.verify.publickey}, its private half used by the tests to sign tokens.
 */
public class JwtKeys implements QuarkusTestResourceLifecycleManager {

    public static final String ISSUER = "https://sso.test.agentlaunchpad.io";
    public static final String AUDIENCE = "agent-launchpad";
    public static final KeyPair PAIR = generate();
    public static final KeyPair OTHER = generate();

    static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Map<String, String> start() {
        return Map.of(
                "mp.jwt.verify.publickey", Base64.getEncoder().encodeToString(PAIR.getPublic().getEncoded()),
                "mp.jwt.verify.issuer", ISSUER,
                "mp.jwt.verify.audiences", AUDIENCE);
    }

    @Override
    public void stop() {
    }
}
