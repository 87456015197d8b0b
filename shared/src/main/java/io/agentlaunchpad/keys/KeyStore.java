package io.agentlaunchpad.keys;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: API keys, addressed by hash. */
public interface KeyStore {

    void create(ApiKey key);

    Optional<ApiKey> findByHash(String keyHash);

    Optional<ApiKey> findByKeyId(String keyId);

    /** The owner's keys, newest first. */
    List<ApiKey> listByOwner(String owner);

    /** Marks the key revoked; false when it already was. */
    boolean revoke(String keyHash, Instant when);

    /** Writes {@code lastUsedAt} unless it was written after {@code notBefore}; false when another call did. */
    boolean touch(String keyHash, Instant when, Instant notBefore);

    void recordGatewayKey(String keyHash, String gatewayKeyId);

    /** Records on the parent that it minted {@code childKeyId}, so revoking the parent finds it. */
    void addChild(String parentKeyHash, String childKeyId);
}
