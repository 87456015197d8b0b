package io.agentlaunchpad.authorizer;

import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

/** The REQUEST authorizer Lambda (QUARKUS_FUNQY_EXPORT=authorize). */
public class AuthorizerFunction {

    private final Authenticator authenticator;

    @Inject
    public AuthorizerFunction(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Funq
    public AuthorizerResponse authorize(AuthorizerRequest event) {
        return authenticator.authorize(event);
    }
}
