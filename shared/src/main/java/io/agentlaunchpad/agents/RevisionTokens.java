package io.agentlaunchpad.agents;

import io.agentlaunchpad.errors.ApiException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** {@code nextToken} of a revision listing: the revision to continue below, bound to its agent. */
final class RevisionTokens {

    private RevisionTokens() {
    }

    static String encode(long below, String agentId) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((agentId + "|" + below).getBytes(StandardCharsets.UTF_8));
    }

    static long decode(String token, String agentId) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.validation("nextToken", "is not a token this API issued");
        }
        int bar = text.lastIndexOf('|');
        if (bar < 0 || !text.substring(0, bar).equals(agentId)) {
            throw ApiException.validation("nextToken", "is not a token this API issued for this agent's revisions");
        }
        try {
            long below = Long.parseLong(text.substring(bar + 1));
            if (below < 1) {
                throw new NumberFormatException();
            }
            return below;
        } catch (NumberFormatException e) {
            throw ApiException.validation("nextToken", "is not a token this API issued");
        }
    }
}
