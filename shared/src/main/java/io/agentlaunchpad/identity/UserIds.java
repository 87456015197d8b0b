package io.agentlaunchpad.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * User ids are derived, so a first-seen user is one conditional put with no lookup index: API-key users from their
 * username ({@code user-} + 32 hex = 128 bits of SHA-256 of the lower-cased name), token users from the token's issuer
 * and {@code sub} (immutable; never a display name such as {@code upn} or {@code preferred_username}), in another hash
 * domain, so a token never lands on an API-key user's record. Ids made before (12 hex, 48 bits) stay valid: they are
 * stored in every key and agent; see docs/identity.md for their migration.
 */
public final class UserIds {

    public static final Pattern USERNAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$");

    private UserIds() {
    }

    /** Hex digits of a derived id: 128 bits, beyond a practical collision. */
    public static final int HEX_DIGITS = 32;
    private static final int LEGACY_HEX_DIGITS = 12;

    public static String of(String username) {
        return "user-" + sha256(username.toLowerCase(Locale.ROOT)).substring(0, HEX_DIGITS);
    }

    /** The id an API-key user was given before ids had 128 bits; still looked up so their record is found again. */
    public static String legacyOf(String username) {
        return "user-" + sha256(username.toLowerCase(Locale.ROOT)).substring(0, LEGACY_HEX_DIGITS);
    }

    /** A token user: issuer and subject, exact (case matters in both), apart from every username-derived id. */
    public static String ofToken(String issuer, String subject) {
        return "user-" + sha256("jwt\n" + issuer + "\n" + subject).substring(0, HEX_DIGITS);
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
