package io.agentlaunchpad.api;

import io.agentlaunchpad.http.HttpPipeline;
import io.agentlaunchpad.http.ProxyRequest;
import io.agentlaunchpad.http.ProxyResponse;
import io.agentlaunchpad.http.Reply;
import io.agentlaunchpad.profile.UserService;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

/** The caller's own profile. */
public class UserFunctions {

    private final HttpPipeline http;
    private final UserService users;

    @Inject
    public UserFunctions(HttpPipeline http, UserService users) {
        this.http = http;
        this.users = users;
    }

    @Funq
    public ProxyResponse getUserProfile(ProxyRequest event) {
        return http.serve("getUserProfile", event, call -> Reply.ok(users.profile(call.principal())));
    }

    @Funq
    public ProxyResponse updateUserProfile(ProxyRequest event) {
        return http.serve("updateUserProfile", event,
                call -> Reply.ok(users.update(call.principal(), call.jsonObjectBody())));
    }
}
