package io.agentlaunchpad.keys;

import io.agentlaunchpad.access.Role;
import io.agentlaunchpad.limits.Limits;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The usage plans of local mode and tests: registrations kept in memory with the tier each key is on and whether it
 * is enabled, as the local gateway needs them. Only the key's hash is kept.
 */
public class LocalUsagePlans implements UsagePlans {

    /** One registered key: the plan tier (role) it meters against and whether the edge still accepts it. */
    public record Registration(String gatewayKeyId, String keyId, String keyHash, Role tier,
                               Limits.UsageTier limits, boolean enabled) {
    }

    private final Limits limits;
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, Registration> registrations = new ConcurrentHashMap<>();
    private final List<String> operations = new CopyOnWriteArrayList<>();

    public LocalUsagePlans(Limits limits) {
        this.limits = limits;
    }

    @Override
    public String register(String keyId, String apiKey, Role role) {
        String id = "local-" + ids.incrementAndGet();
        registrations.put(id, new Registration(id, keyId, ApiKeys.hash(apiKey), role, limits.tier(role), true));
        operations.add("CreateApiKey " + keyId + " -> " + id);
        operations.add("CreateUsagePlanKey " + role + " " + id);
        return id;
    }

    @Override
    public void disable(String gatewayKeyId) {
        registrations.computeIfPresent(gatewayKeyId, (id, r) -> new Registration(id, r.keyId(), r.keyHash(),
                r.tier(), r.limits(), false));
        operations.add("UpdateApiKey " + gatewayKeyId + " enabled=false");
    }

    public Optional<Registration> byKeyId(String keyId) {
        return registrations.values().stream().filter(r -> r.keyId().equals(keyId)).findFirst();
    }

    public List<String> operations() {
        return List.copyOf(operations);
    }
}
