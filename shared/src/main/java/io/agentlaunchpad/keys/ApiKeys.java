package io.agentlaunchpad.keys;

import io.agentlaunchpad.identity.UserIds;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Minting and hashing keys: {@code alk_} + 32 random bytes in URL-safe base64 (43 characters, no padding). */
public final class ApiKeys {

    public static final String PREFIX = "alk_";
    private static final Pattern FORMAT = Pattern.compile("^alk_[A-Za-z0-9_-]{43,128}$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {
    }

    public static String newKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String newKeyId() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return "key_" + HexFormat.of().formatHex(bytes);
    }

    /** Whether the text can be a key at all; malformed keys are refused without a database read. */
    public static boolean wellFormed(String key) {
        return key != null && FORMAT.matcher(key).matches();
    }

    public static String hash(String key) {
        return UserIds.sha256(key);
    }
}
