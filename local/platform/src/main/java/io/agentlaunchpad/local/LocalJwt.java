package io.agentlaunchpad.local;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;

import java.util.Map;
import java.util.Set;

/**
 * The local platform's Bearer-token check, as the Lambda authorizer's ({@code mp.jwt.verify.*}): signature, issuer,
 * expiry and the audience, so a token minted for another service is refused here as it is on AWS.
 */
final class LocalJwt {

    /** The same variable and default as the authorizer's {@code mp.jwt.verify.audiences}. */
    static final String AUDIENCE_VARIABLE = "LAUNCHPAD_JWT_AUDIENCE";
    static final String DEFAULT_AUDIENCE = "agent-launchpad";

    private LocalJwt() {
    }

    static JWTParser parser(String publicKeyLocation, String issuer, Map<String, String> env) {
        if (publicKeyLocation == null) {
            return new DefaultJWTParser(new JWTAuthContextInfo());
        }
        JWTAuthContextInfo info = new JWTAuthContextInfo(publicKeyLocation, issuer);
        info.setExpectedAudience(Set.of(env.getOrDefault(AUDIENCE_VARIABLE, DEFAULT_AUDIENCE)));
        return new DefaultJWTParser(info);
    }
}
