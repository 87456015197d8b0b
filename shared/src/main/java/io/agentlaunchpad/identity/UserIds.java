package io.agentlaunchpad.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * User ids are derived from usernames ({@code user-} + 12 hex of SHA-256 of the lower-cased name), so the key route and
 * the authorizer's first-seen JWT subject land on the same record with a single conditional put and no lookup index.
 */
public final class UserIds {

    public static final Pattern USERNAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$");

    private UserIds() {
    }

    public static String of(String username) {
        return "user-" + sha256(username.toLowerCase(Locale.ROOT)).substring(0, 12);
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
