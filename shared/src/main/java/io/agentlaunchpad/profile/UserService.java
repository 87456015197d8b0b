package io.agentlaunchpad.profile;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.errors.ApiException;
import io.agentlaunchpad.json.BodyReader;
import io.agentlaunchpad.errors.ErrorCode;
import io.agentlaunchpad.access.Principal;
import io.agentlaunchpad.access.Role;
import io.agentlaunchpad.identity.User;
import io.agentlaunchpad.identity.UserStore;
import io.agentlaunchpad.keys.KeyService;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import static io.agentlaunchpad.time.Timestamps.timestamp;

/**
 * The caller's own profile. Role and permissions are those of the credential in use (a key may hold a lower role
 * than its user); a user changes contact and notification settings here, never role or username.
 */
@ApplicationScoped
public class UserService {

    private final UserStore users;
    private final Clock clock;

    public UserService(UserStore users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    public UserViews.Profile profile(Principal caller) {
        return view(caller, current(caller));
    }

    public UserViews.Profile update(Principal caller, JsonNode body) {
        for (String fixed : List.of("role", "username", "userId", "permissions")) {
            if (body.has(fixed)) {
                throw new ApiException(ErrorCode.INSUFFICIENT_PERMISSIONS,
                        "'" + fixed + "' cannot be changed through the profile");
            }
        }
        BodyReader reader = new BodyReader();
        reader.onlyFields(body, "", Set.of("email", "notifications"));
        String email = reader.string(body, "email", "email", false, 254);
        if (email != null && !KeyService.EMAIL.matcher(email).matches()) {
            reader.reject("email", "must be an email address");
        }
        Boolean byEmail = null;
        Boolean bySlack = null;
        JsonNode notifications = reader.object(body, "notifications", "notifications", false);
        if (notifications != null) {
            reader.onlyFields(notifications, "notifications", Set.of("email", "slack"));
            byEmail = flag(reader, notifications, "email");
            bySlack = flag(reader, notifications, "slack");
        }
        reader.throwIfInvalid();
        current(caller);
        users.updateContact(caller.userId(), email, byEmail, bySlack);
        return view(caller, users.find(caller.userId()).orElseThrow());
    }

    private User current(Principal caller) {
        return users.find(caller.userId()).orElseGet(() -> users.createIfAbsent(new User(caller.userId(),
                caller.username() == null ? caller.userId() : caller.username(), null,
                Role.parse(caller.role()).orElse(Role.VIEWER), false, false,
                clock.instant().truncatedTo(ChronoUnit.SECONDS), null)));
    }

    private static Boolean flag(BodyReader reader, JsonNode parent, String name) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            reader.reject("notifications." + name, "must be true or false");
            return null;
        }
        return node.booleanValue();
    }

    private static UserViews.Profile view(Principal caller, User user) {
        Role role = Role.parse(caller.role()).orElse(user.role());
        return new UserViews.Profile(user.userId(), user.username(), user.email(), role.name(),
                timestamp(user.createdAt()), timestamp(user.lastLogin()),
                role.permissions().stream().filter(p -> !p.equals("*")).toList(),
                new UserViews.Notifications(user.emailNotifications(), user.slackNotifications()));
    }
}
