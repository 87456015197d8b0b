package io.agentlaunchpad.profile;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.access.Permissions;
import io.agentlaunchpad.access.Principal;
import io.agentlaunchpad.access.Role;
import io.agentlaunchpad.agents.AgentQuery;
import io.agentlaunchpad.agents.AgentStore;
import io.agentlaunchpad.errors.ApiException;
import io.agentlaunchpad.errors.ErrorCode;
import io.agentlaunchpad.identity.IdentityLink;
import io.agentlaunchpad.identity.IdentityLinkStore;
import io.agentlaunchpad.identity.User;
import io.agentlaunchpad.identity.UserIds;
import io.agentlaunchpad.identity.UserStore;
import io.agentlaunchpad.json.BodyReader;
import io.agentlaunchpad.keys.KeyStore;
import io.agentlaunchpad.logging.JsonLog;
import io.agentlaunchpad.security.SecurityEvent;
import io.agentlaunchpad.security.SecurityEventType;
import io.agentlaunchpad.security.SecurityEvents;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static io.agentlaunchpad.time.Timestamps.timestamp;

/**
 * Linking a token identity (issuer + {@code sub}) to an existing user, an admin's explicit act (issue #17 item 4).
 * Nothing is moved: an identity whose own user owns agents or active keys is refused, so nothing is transferred or
 * orphaned. Once linked, the authorizer answers for the linked user (keys, agents, rate limits, usage key), with the
 * role still taken from the token's groups.
 */
@ApplicationScoped
public class IdentityLinkService {

    public static final int MAX_LIMIT = 100;
    static final int MAX_ISSUER = 512;
    /** As the authorizer's limit on {@code sub}: a longer one never gets past it. */
    static final int MAX_SUBJECT = 255;
    private static final Pattern LINK_ID = Pattern.compile("^link-[0-9a-f]{" + UserIds.HEX_DIGITS + "}$");
    private static final Pattern IDENTITY_USER_ID = Pattern.compile("^user-[0-9a-f]{" + UserIds.HEX_DIGITS + "}$");
    private static final JsonLog LOG = JsonLog.of("identity-links");

    private final IdentityLinkStore links;
    private final UserStore users;
    private final KeyStore keys;
    private final AgentStore agents;
    private final SecurityEvents events;
    private final Clock clock;

    public IdentityLinkService(IdentityLinkStore links, UserStore users, KeyStore keys, AgentStore agents,
                               SecurityEvents events, Clock clock) {
        this.links = links;
        this.users = users;
        this.keys = keys;
        this.agents = agents;
        this.events = events;
        this.clock = clock;
    }

    public IdentityLinkViews.Link link(Principal caller, JsonNode body) {
        requireAdmin(caller);
        BodyReader reader = new BodyReader();
        reader.onlyFields(body, "", Set.of("issuer", "subject", "username"));
        String issuer = reader.string(body, "issuer", "issuer", true, MAX_ISSUER);
        String subject = reader.string(body, "subject", "subject", true, MAX_SUBJECT);
        String username = reader.string(body, "username", "username", true, 128);
        // The identity's id hashes issuer and sub joined by line breaks: one inside either could name another pair.
        for (String[] field : new String[][]{{"issuer", issuer}, {"subject", subject}}) {
            if (field[1] != null && (field[1].contains("\n") || field[1].contains("\r"))) {
                reader.reject(field[0], "must not contain line breaks");
            }
        }
        if (username != null && !UserIds.USERNAME.matcher(username).matches()) {
            reader.reject("username", "must be 1 to 128 letters, digits and . _ @ -, starting with a letter or digit");
        }
        reader.throwIfInvalid();

        User target = users.findByUsername(username)
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "User '" + username + "' not found"));
        String identity = UserIds.ofToken(issuer, subject);
        if (identity.equals(target.userId()) || target.linkedTo() != null) {
            throw new ApiException(ErrorCode.CONFLICT, "User '" + username + "' is itself a linked token identity: "
                    + "link to the user it is linked to");
        }
        refuseIfOwning(identity);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        IdentityLink link = new IdentityLink(identity, issuer, subject, target.userId(), target.username(), now,
                caller.userId());
        User firstSeen = new User(identity, UserIds.USERNAME.matcher(subject).matches() ? subject : identity, null,
                Role.VIEWER, false, false, now, null);
        if (!links.link(link, firstSeen)) {
            throw new ApiException(ErrorCode.CONFLICT, "This token identity is already linked (link "
                    + link.linkId() + "): unlink it first");
        }
        // A key or agent made by the identity between the check and the link would be left behind: look again, and
        // take the link back if one appeared.
        try {
            refuseIfOwning(identity);
        } catch (ApiException raced) {
            links.unlink(identity);
            throw raced;
        }
        record(SecurityEventType.IDENTITY_LINKED, link, caller, "Token identity linked to " + target.username());
        return view(link);
    }

    private void refuseIfOwning(String identity) {
        Instant now = clock.instant();
        long activeKeys = keys.listByOwner(identity).stream().filter(k -> k.active(now)).count();
        boolean ownsAgents = !agents.list(new AgentQuery(identity, null, 1, 0, null)).agents().isEmpty();
        if (activeKeys > 0 || ownsAgents) {
            throw new ApiException(ErrorCode.CONFLICT, "This token identity already owns "
                    + (ownsAgents ? "agents" : "") + (ownsAgents && activeKeys > 0 ? " and " : "")
                    + (activeKeys > 0 ? activeKeys + " active API key(s)" : "")
                    + " as its own user; linking would leave them behind: delete the agents and revoke the keys "
                    + "(or re-create them as the user) first");
        }
    }

    public IdentityLinkViews.Listing list(Principal caller, int limit, String nextToken) {
        requireAdmin(caller);
        IdentityLinkStore.Page page = links.page(limit, nextToken == null ? null : decode(nextToken));
        return new IdentityLinkViews.Listing(page.links().stream().map(IdentityLinkService::view).toList(), limit,
                page.last() == null ? null : encode(page.last()));
    }

    public IdentityLinkViews.Unlinked unlink(Principal caller, String linkId) {
        requireAdmin(caller);
        if (linkId == null || !LINK_ID.matcher(linkId).matches()) {
            throw ApiException.validation("linkId", "must look like 'link-' followed by " + UserIds.HEX_DIGITS
                    + " hex digits");
        }
        IdentityLink link = links.unlink(IdentityLink.identityUserIdOf(linkId))
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "Identity link '" + linkId + "' not found"));
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        record(SecurityEventType.IDENTITY_UNLINKED, link, caller, "Token identity unlinked from " + link.username());
        return new IdentityLinkViews.Unlinked(linkId, true, timestamp(now), link.userId());
    }

    /** The route's permission is checked by the pipeline; this keeps the service safe on any other path. */
    private static void requireAdmin(Principal caller) {
        if (!caller.can(Permissions.USERS_LINK)) {
            throw new ApiException(ErrorCode.INSUFFICIENT_PERMISSIONS, "Only admins may link token identities");
        }
    }

    /** Recorded under the linked user, so it is in their own event list; the subject is no secret, the token is. */
    private void record(SecurityEventType type, IdentityLink link, Principal caller, String message) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("linkId", link.linkId());
        details.put("issuer", link.issuer());
        details.put("subject", link.subject());
        details.put("identityUserId", link.identityUserId());
        details.put("by", caller.userId());
        events.record(type, SecurityEvent.MEDIUM, link.userId(), null, message, details);
        LOG.info(type == SecurityEventType.IDENTITY_LINKED ? "identity linked" : "identity unlinked",
                Map.of("linkId", link.linkId(), "userId", link.userId(), "by", caller.userId()));
    }

    private static IdentityLinkViews.Link view(IdentityLink link) {
        return new IdentityLinkViews.Link(link.linkId(), link.issuer(), link.subject(), link.userId(),
                link.username(), timestamp(link.linkedAt()), link.linkedBy());
    }

    static String encode(String identityUserId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(identityUserId.getBytes(StandardCharsets.UTF_8));
    }

    static String decode(String token) {
        try {
            String id = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (IDENTITY_USER_ID.matcher(id).matches()) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // not base64: the same answer as a token of the wrong shape
        }
        throw ApiException.validation("nextToken", "is not a token this API issued");
    }
}
