package io.agentlaunchpad.profile;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

public final class UserViews {

    private UserViews() {
    }

    @RegisterForReflection
    public record Notifications(boolean email, boolean slack) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Profile(String userId, String username, String email, String role, String createdAt,
                          String lastLogin, List<String> permissions, Notifications notifications) {
    }
}
