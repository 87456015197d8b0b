package io.agentlaunchpad.local;

import io.smallrye.jwt.auth.principal.ParseException;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The local platform refuses a token for another audience, as the Lambda authorizer does. */
class LocalJwtTest {

    static final String ISSUER = "https://sso.test";

    @Test
    void aTokenIsAcceptedOnlyForTheConfiguredAudience(@TempDir Path dir) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        Path pem = dir.resolve("public.pem");
        Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        var parser = LocalJwt.parser(pem.toString(), ISSUER, Map.of());

        assertThat(parser.parse(token(keys, List.of("agent-launchpad"))).getSubject()).isEqualTo("sub-1");
        assertThatThrownBy(() -> parser.parse(token(keys, List.of("another-service"))))
                .isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> parser.parse(token(keys, null))).isInstanceOf(ParseException.class);

        var configured = LocalJwt.parser(pem.toString(), ISSUER, Map.of(LocalJwt.AUDIENCE_VARIABLE, "another-service"));
        assertThat(configured.parse(token(keys, List.of("another-service"))).getSubject()).isEqualTo("sub-1");
    }

    static String token(KeyPair keys, List<String> audience) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject("sub-1");
        claims.setExpirationTimeMinutesInTheFuture(5);
        claims.setIssuedAtToNow();
        if (audience != null) {
            claims.setAudience(audience);
        }
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(keys.getPrivate());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }
}
